"""A derivative by a defined name of something written without it: y = f(g(x)), u = g(x), dy/du
(intermediate_variables.py)."""

from __future__ import annotations

import sympy as sp
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.intermediate_variables import through_value
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def test_the_value_is_put_back_only_where_it_leaves_none_of_its_symbols() -> None:
    x, u = sp.symbols("x u")
    f = sp.Function("f")
    assert through_value(f(sp.sin(x)), u, lambda: sp.sin(x)) == f(u)
    assert through_value(x * sp.sin(x), u, lambda: sp.sin(x)) == x * sp.sin(x)  # x left: partial or total?
    assert through_value(f(x), u, lambda: sp.Integer(2)) == f(x)  # a number is never put back
    assert through_value(f(x), u, lambda: sp.sin(x)) == f(x)  # not there: unchanged
    assert through_value(f(u), u, lambda: 1 / 0) == f(u)  # holds u: the value is never asked for


_CHAIN = (
    "When $y = f(g(x))$ is a composite function, its derivative follows.\n\n"
    "$y = f(u), \\; u = g(x)$ gives\n\n"
    "$$\\frac{dy}{dx} = {factor}\\frac{dy}{du} \\cdot \\frac{du}{dx}$$\n\n"
    "that is, $\\{ f(g(x)) \\}' = f'(g(x)) \\cdot g'(x)$.\n"
)


def test_the_chain_rule_through_a_named_inner_function(runner: StepRunner) -> None:
    # held-out 11 (backprop_neuron_ko_intipy): dy/du was unread, "y does not contain u"
    right = check_text(_CHAIN.replace("{factor}", ""), NOTATION, runner=runner, examples=30, markdown=True)
    assert {r.step.line: r.status for r in right.results}[5] == "ok"
    doubled = check_text(_CHAIN.replace("{factor}", "2"), NOTATION, runner=runner, examples=30, markdown=True)
    assert {r.step.line: r.status for r in doubled.results}[5] != "ok"  # f, g undefined: never wrong either
