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
    [
        r"\theta^T x",
        r"w^{T} x + b",
        r"\mathbf{w}^\top \mathbf{x}",
        r"\theta^T x^{(i)}",
        r"g({\bf{\theta{^T} x}})",  # the transpose in braces of its own (logistic_regression_zh_wyq136)
        r"x^{(i)T} z",  # the i-th example transposed, the T inside its label (CS229 ps1)
        r"x^{(i)^T} z",
        r"w^\top x_i",  # the i-th example's vector (held-out 16: \sigma(w^\top x_i) in a likelihood)
        r"\theta^T x_{n}",
    ],
)
def test_a_vector_transposed_times_a_vector_is_a_sum(text: str) -> None:
    assert r"\sum" in _rewritten(text) and "T" not in _rewritten(text).split()


@pytest.mark.parametrize(
    "text",
    [
        r"x^T A x",
        r"(a - b)^T c",
        r"W^T x",
        r"\theta^T x_{ij}",
        r"\theta^T x_j^2",
        r"e^T x",
        r"x^2 y",
        r"x^{(i)T} W",
        r"x^{iT} z",
    ],
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
    # a guess that θ and x are vectors: never wrong through it, unless declared (dot_verdicts)
    assert by_line[5].status == "inconclusive", by_line[5].message


def test_a_matrix_product_is_not_made_a_dot_product(runner: StepRunner) -> None:
    # X^T (P - Y) of a design matrix: capitals stay the matrix judge's
    step = r"$$\frac{\partial J}{\partial w} = X^T(p - y)$$" + "\n"
    assert _results(step, runner)[-1].status != "wrong"


def test_a_product_of_two_dot_products_is_read(runner: StepRunner) -> None:
    # z^T x x^T z = (z^T x)^2 (CS229 ps1's Hessian argument), and a slip in the square is never ok
    left = r"z^T x^{(i)} x^{(i)T} z"
    text = f"$$ {left} = (z^T x^{{(i)}})^2 $$\n\n$$ {left} = 2 z^T x^{{(i)}} $$\n"
    by_line = {r.step.line: r for r in _results(text, runner)}
    assert by_line[1].status == "ok", by_line[1].message
    assert by_line[3].status in ("wrong", "inconclusive"), by_line[3].message


def test_the_examples_vector_has_entries_of_two_indices() -> None:
    # w^T x_i is Σ_q w_q x_{iq}: entry q of the i-th example, so examples differ in a sum over i
    assert "x _ { i q }" in _rewritten(r"w^\top x_i") or "x _ { i r }" in _rewritten(r"w^\top x_i")


def test_a_row_of_weights_transposed_has_entries_of_two_indices() -> None:
    # w_k^T x (the k-th row of w) is Σ_q w_{kq} x_q; u_o^T v_c is Σ_q u_{oq} v_{cq} (word2vec)
    assert "w _ { k q }" in _rewritten(r"w_k^T x") and "x _ { q }" in _rewritten(r"w_k^T x")
    assert "u _ { o q }" in _rewritten(r"u_o^\top v_c") and "v _ { c q }" in _rewritten(r"u_o^\top v_c")
    assert r"\sum" not in _rewritten(r"w_{kj}^T x")  # two indices: an entry, no row


_ROWS = (
    "$$w_k^T x = \\sum_{j=1}^n w_{kj} x_j$$\n\n"
    "$$\\frac{\\partial}{\\partial w_{kj}} \\sigma(w_k^T x) = \\sigma(w_k^T x)(1 - \\sigma(w_k^T x)) x_j$$\n\n"
    "$$\\frac{\\partial}{\\partial w_{kj}} \\sigma(w_k^T x) = \\sigma(w_k^T x) x_j$$\n"
)


def test_steps_with_a_row_of_weights_transposed_are_judged(runner: StepRunner) -> None:
    # held-out 17 (tdt4265 reports): w_k^T x = Σ_j w_{kj} x_j was "w_{kj}: 2 index(es) on a vector"
    by_line = {r.step.line: r.status for r in _results(_ROWS, runner)}
    # the factor 1 - σ dropped: not ok (a difference through a guessed dot product is held back,
    # dot_verdicts: it is inconclusive, not wrong)
    assert by_line == {1: "ok", 3: "ok", 5: "inconclusive"}
