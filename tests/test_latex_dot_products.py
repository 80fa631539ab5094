"""θ^T x of two vectors, for the scalar reader (checks/latex/dot_products.py): Σ_q θ_q x_q, so that
logistic-regression steps in θ^T x (CS229's notation; tests/data/latex_heldout4, caozhens) are
judged entry by entry instead of refused as a transpose."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.dot_products import dot_products
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _rewritten(text: str) -> str:
    return " ".join(t for t, _ in dot_products(tex_tokens(text)))


@pytest.mark.parametrize(
    "text",
    [r"\theta^T x", r"w^{T} x + b", r"\mathbf{w}^\top \mathbf{x}", r"\theta^T x^{(i)}"],
)
def test_a_vector_transposed_times_a_vector_is_a_sum(text: str) -> None:
    assert r"\sum" in _rewritten(text) and "T" not in _rewritten(text).split()


@pytest.mark.parametrize(
    "text",
    [r"x^T A x", r"(a - b)^T c", r"W^T x", r"\theta^T x_j", r"e^T x", r"x^2 y"],
)
def test_anything_else_is_left_as_it_is(text: str) -> None:
    assert r"\sum" not in _rewritten(text)


def _results(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, markdown=True).results


def test_logistic_regression_steps_in_theta_transpose_x_are_judged(runner: StepRunner) -> None:
    text = (
        "Let $h_\\theta(x) = \\sigma(\\theta^T x)$.\n\n"
        "$$\\frac{\\partial h_\\theta(x)}{\\partial \\theta_j} = "
        "\\sigma(\\theta^T x)(1 - \\sigma(\\theta^T x)) x_j$$\n\n"
        "$$\\frac{\\partial \\sigma(\\theta^T x)}{\\partial \\theta_j} = "
        "\\sigma(\\theta^T x)(1 + \\sigma(\\theta^T x)) x_j$$\n"
    )
    by_line = {r.step.line: r for r in _results(text, runner)}
    assert by_line[3].status == "ok", by_line[3].message  # through h_θ's definition
    assert by_line[5].status == "wrong", by_line[5].message


def test_a_matrix_product_is_not_made_a_dot_product(runner: StepRunner) -> None:
    # X^T (P - Y) of a design matrix: capitals stay the matrix judge's
    step = r"$$\frac{\partial J}{\partial w} = X^T(p - y)$$" + "\n"
    assert _results(step, runner)[-1].status != "wrong"
