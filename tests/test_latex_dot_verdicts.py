"""A ``wrong`` reached through a dot product θ^T x read on the guess that both names are vectors
(checks/latex/dot_verdicts.py) is inconclusive, unless the document declares both vectors."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

WRONG_SIGN = r"$$\frac{\partial \sigma(z)}{\partial w_j} = \sigma(z)(1 + \sigma(z)) x_j$$"
RIGHT = r"$$\frac{\partial \sigma(z)}{\partial w_j} = \sigma(z)(1 - \sigma(z)) x_j$$"


def _statuses(text: str, runner: StepRunner) -> dict[int, tuple[str, str]]:
    results = check_text(text, NOTATION, runner=runner, markdown=True).results
    return {r.step.line: (r.status, r.message) for r in results}


def test_a_wrong_through_an_undeclared_definition_is_inconclusive(runner: StepRunner) -> None:
    # z = w^T x + b reaches the step through z's definition
    text = f"Let $z = w^T x + b$.\n\n{WRONG_SIGN}\n\n{RIGHT}\n"
    by_line = _statuses(text, runner)
    assert by_line[3][0] == "inconclusive" and "dot product" in by_line[3][1], by_line[3]
    assert by_line[5][0] == "ok", by_line[5]


def test_a_wrong_through_a_function_body_is_inconclusive(runner: StepRunner) -> None:
    text = (
        "Let $h_\\theta(x) = \\sigma(\\theta^T x)$.\n\n"
        "$$\\frac{\\partial h_\\theta(x)}{\\partial \\theta_j} = h_\\theta(x)(1 + h_\\theta(x)) x_j$$\n"
    )
    status, message = _statuses(text, runner)[3]
    assert status == "inconclusive" and "\\theta^T x" in message, message


def test_declared_vectors_let_the_wrong_stand(runner: StepRunner) -> None:
    text = (
        "Let $\\theta \\in \\mathbb{R}^n$, $x \\in \\mathbb{R}^n$ and $h_\\theta(x) = \\sigma(\\theta^T x)$.\n\n"
        "$$\\frac{\\partial h_\\theta(x)}{\\partial \\theta_j} = h_\\theta(x)(1 + h_\\theta(x)) x_j$$\n\n"
        "$$\\frac{\\partial h_\\theta(x)}{\\partial \\theta_j} = h_\\theta(x)(1 - h_\\theta(x)) x_j$$\n"
    )
    by_line = _statuses(text, runner)
    assert by_line[3][0] == "wrong", by_line[3]
    assert by_line[5][0] == "ok", by_line[5]


def test_a_wrong_away_from_the_definition_stands(runner: StepRunner) -> None:
    # z_i is an entry, not z = w^T x + b: the guess is not reached
    text = "Let $z = w^T x + b$.\n\n$$\\frac{\\partial z_i^2}{\\partial z_i} = 3 z_i$$\n"
    assert _statuses(text, runner)[3][0] == "wrong"
