"""Functions a document defines at an expression (checks/latex/pattern_functions.py):
``g(\\theta^T x) = \\frac{1}{1+e^{-\\theta^T x}}`` in a CS229-style chain makes g(u) = 1/(1+e^{-u})
(tests/data/latex_heldout4, caozhens: g was refused as "a function application or a product?")."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.pattern_functions import find_pattern_functions

NOTATION = load_notation()
CHAIN = "Let\n\n$$h_\\theta(x) = g(\\theta^T x) = \\frac{1}{1+e^{-\\theta^T x}}$$\n\n"


def _found(text: str) -> dict[str, str]:
    return {f.name: f.body for f in find_pattern_functions(extract(text, markdown=True), NOTATION, set())}


def test_the_argument_written_again_makes_a_parameter() -> None:
    body = _found(CHAIN)["g"]
    assert "theta" not in body and "u" in body


def test_a_value_with_the_arguments_names_outside_it_is_no_function() -> None:
    assert _found("$$f(x + 1) = (x + 1)^2 + x$$\n") == {}
    assert _found("$$f(a b) = 3$$\n") == {}  # the argument is not written again


def test_two_different_formulas_define_nothing() -> None:
    text = "$$g(a + b) = (a + b)^2$$\n\n$$g(a - b) = e^{a - b}$$\n"
    assert _found(text) == {}


def _by_line(text: str, runner: StepRunner) -> dict:
    return {r.step.line: r for r in check_text(text, NOTATION, runner=runner, markdown=True).results}


def test_steps_in_g_are_judged(runner: StepRunner) -> None:
    text = CHAIN + (
        "$$\\frac{\\partial h_\\theta(x)}{\\partial \\theta_j} = g(\\theta^T x)(1 - g(\\theta^T x)) x_j$$\n\n"
        "$$\\frac{\\partial g(\\theta^T x)}{\\partial \\theta_j} = g(\\theta^T x)(1 + g(\\theta^T x)) x_j$$\n"
    )
    results = _by_line(text, runner)
    assert results[5].status == "ok", results[5].message
    # θ^T x read as a dot product is a guess (θ, x not declared vectors): never wrong (dot_verdicts)
    assert results[7].status == "inconclusive" and "dot product" in results[7].message, results[7].message
