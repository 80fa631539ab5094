"""Derivatives through the dependences a document does write.

Entry-wise vector definitions (checks/latex/entry_definitions.py): ``p = softmax(z)`` and
``h = σ(z)`` also define the entries ``p_k`` and ``h_k`` a step differentiates through; where the
entries could mean something else (defined otherwise, the vector defined twice, σ indexed as the
softmax) the step is never called wrong.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

SOFTMAX = r"Let $\mathbf{p} = \text{softmax}(\mathbf{z})$ and $\mathcal{L} = -\sum_k y_k \log p_k$." + "\n\n"
SIGMOID = r"The hidden layer is $\mathbf{h} = \sigma(\mathbf{z})$." + "\n\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str, object]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    return result.status, result.message, result.counterexample


# --- entry-wise vector definitions -----------------------------------------------------------

RIGHT = [
    SOFTMAX + r"$$\frac{\partial \mathcal{L}}{\partial z_k} = p_k - y_k$$",
    SOFTMAX + r"$$\frac{\partial p_k}{\partial z_k} = p_k (1 - p_k)$$",
    SIGMOID + r"$$\frac{\partial h_j}{\partial z_j} = h_j (1 - h_j)$$",
    r"Let $\hat{y} = \mathrm{softmax}(z^{[2]})$." + "\n\n"
    r"$$\frac{\partial \hat{y}_j}{\partial z_j^{[2]}} = \hat{y}_j (1 - \hat{y}_j)$$",
]


@pytest.mark.parametrize("text", RIGHT)
def test_a_step_through_the_entries_is_ok(text: str, runner: StepRunner) -> None:
    status, message, _ = _last(text, runner)
    assert status == "ok", message


WRONG = [
    SOFTMAX + r"$$\frac{\partial \mathcal{L}}{\partial z_k} = y_k - p_k$$",
    SOFTMAX + r"$$\frac{\partial p_k}{\partial z_k} = p_k^2$$",
    SIGMOID + r"$$\frac{\partial h_j}{\partial z_j} = h_j$$",
]


@pytest.mark.parametrize("text", WRONG)
def test_a_wrong_step_through_the_entries_is_wrong(text: str, runner: StepRunner) -> None:
    status, message, counterexample = _last(text, runner)
    assert status == "wrong", message
    assert counterexample


NEAR_MISSES = [
    # an entry the document defines itself: p_1 is not the softmax's entry
    SOFTMAX + r"Here $p_1 = 0.3$." + "\n\n" + r"$$\frac{\partial \mathcal{L}}{\partial z_k} = y_k - p_k$$",
    # the vector defined twice: which value is meant is not known
    SOFTMAX + r"Later $\mathbf{p} = \text{softmax}(\mathbf{W}\mathbf{x})$." + "\n\n"
    r"$$\frac{\partial \mathcal{L}}{\partial z_k} = y_k - p_k$$",
    # σ indexed as the softmax: not entry-wise
    r"Here $\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$ and $\mathbf{h} = \sigma(\mathbf{z})$." + "\n\n"
    r"$$\frac{\partial h_j}{\partial z_j} = h_j$$",
    # z_1 names a layer: h_1 is not σ of z's first entry
    r"Let $z_1 = W_1 x + b_1$ and $\mathbf{h} = \sigma(\mathbf{z})$." + "\n\n"
    r"$$\frac{\partial h_j}{\partial z_j} = h_j$$",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_entries_that_could_mean_something_else_are_never_wrong(text: str, runner: StepRunner) -> None:
    status, message, _ = _last(text, runner)
    assert status != "wrong", message
