r"""A derivation through a graph of numbered functions (``L = g_1(x_1) = -\log(x_1)``,
``x_1 = g_2(x_2) = c / x_2``; subscripted_functions.py): each g_k is a function of its own numbered
variable, also when the chain names its value first; a numbered sample (``f(x^{(1)}) = …``) and a
value at a point stay no definition."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.subscripted_functions import _plain_name, definable

NOTATION = load_notation()


def test_numbered_functions_of_numbered_variables_are_definable() -> None:
    assert definable("g_{1}", "x_{1}", NOTATION)
    assert not definable("g", "x_{1}", NOTATION)  # f(x_1) alone: a value at an entry
    assert not definable("g_{1}", "x^{(1)}", NOTATION)  # a numbered sample


def test_a_chain_may_name_the_value_first() -> None:
    assert _plain_name("L") and _plain_name("x_1") and _plain_name(r"\hat y")
    assert not _plain_name(r"\frac{a}{b}") and not _plain_name("g_1(x_1)")


def test_steps_through_the_graph(runner: StepRunner) -> None:
    text = (
        "Let $L=g_1(x_1)=-\\log(x_1)$ and $x_1 = g_2(x_2) = \\frac{c}{x_2}$.\n\n"
        "$$\\frac{\\partial g_1(x_1)}{\\partial x_1}=-\\frac{1}{x_1}$$\n\n"
        "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=-\\frac{c}{x_2^2}$$\n\n"
        "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=\\frac{c}{x_2^2}$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results if r.step.line > 1}
    assert by_line == {3: "ok", 5: "ok", 7: "wrong"}
