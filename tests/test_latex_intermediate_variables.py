"""A derivative by a defined name of something written without it: y = f(g(x)), u = g(x), dy/du
(intermediate_variables.py)."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.intermediate_variables import held_intermediates, through_value
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


class _Value:
    """A definition's value as held_intermediates sees it: the names it writes."""

    def __init__(self, *names: str) -> None:
        self.symbol_names = set(names)


def test_a_name_reached_directly_and_through_another_has_two_derivatives() -> None:
    # f = u s, s = sin u (made up): ∂f/∂u is s with s held, s + u cos u in total
    u, s, f = sp.symbols("u s f")

    def reader(value: sp.Expr) -> Callable[[dict], sp.Expr]:
        def read(defs: dict) -> sp.Expr:  # the operand, written f, with the definitions given put in
            if "f" not in defs:
                return f
            return value.xreplace({s: sp.sin(u)}) if "s" in defs else value

        return read

    definitions = {"s": ("", _Value("u")), "f": ("", _Value("u", "s"))}
    assert held_intermediates(u, definitions, reader(u * s)) is not None
    # reached only directly (f = u^2): one reading
    assert held_intermediates(u, {"f": ("", _Value("u"))}, reader(u**2)) is None
    # reached only through s (f = s^2, s = sin u): one reading, the total derivative
    only_through = {"s": ("", _Value("u")), "f": ("", _Value("s"))}
    assert held_intermediates(u, only_through, reader(s**2)) is None
