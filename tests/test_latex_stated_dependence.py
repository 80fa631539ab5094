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
    # the argument's entries defined as a family (not numbered layers): still the softmax's input
    r"Let $z_k = w_k x + b_k$ and $\mathbf{p} = \text{softmax}(\mathbf{z})$." + "\n\n"
    r"$$\frac{\partial p_k}{\partial w_k} = p_k (1 - p_k) x$$",
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


# --- a number as written depends on nothing --------------------------------------------------


def test_the_derivative_of_a_number_is_zero(runner: StepRunner) -> None:
    status, message, _ = _last(r"$$\frac{d}{dz}(1 + e^{-z}) = \frac{d}{dz}(1) + \frac{d}{dz}e^{-z}$$", runner)
    assert status == "ok", message


def test_a_nonzero_derivative_of_a_number_is_wrong(runner: StepRunner) -> None:
    status, message, counterexample = _last(r"$$\frac{d}{dz}(3) = 1$$", runner)
    assert status == "wrong", message
    assert counterexample is not None


def test_a_name_without_a_stated_dependence_is_still_not_read(runner: StepRunner) -> None:
    # t is a name, not a number: it may depend on z, so ∂t/∂z = 0 is not judged
    status, message, _ = _last(r"$$\frac{\partial t}{\partial z} = 0$$", runner)
    assert status not in ("ok", "wrong"), message


# --- a definition given as a row's reason (checks/latex/reason_definitions.py) ---------------

REASON = (
    r"\frac{dz_i}{dw_2} &= \frac{d}{dw_2}[w_1 x_{i1} + w_2 x_{i2} + b] \quad \because z_i = w_1 x_{i1} + w_2 x_{i2} + b"
)


def _aligned(*rows: str) -> str:
    return "$$\n\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}\n$$\n"


def test_a_reason_clause_defines_the_name_for_its_row(runner: StepRunner) -> None:
    report = check_text(_aligned(REASON, r"&= x_{i2}"), NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "ok"], [r.message for r in report.results]


def test_a_reason_clause_makes_a_wrong_row_wrong(runner: StepRunner) -> None:
    row = REASON.replace(r"\frac{d}{dw_2}[w_1 x_{i1} + w_2 x_{i2} + b]", r"2 x_{i2}")
    report = check_text(_aligned(row), NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = report.results
    assert result.status == "wrong", result.message
    assert result.counterexample


def test_two_reasons_that_disagree_define_nothing(runner: StepRunner) -> None:
    other = r"\frac{dz_i}{db} &= 2 \quad \because z_i = 2 w_2 x_{i2} + 2b"
    row = REASON.replace(r"\frac{d}{dw_2}[w_1 x_{i1} + w_2 x_{i2} + b]", r"2 x_{i2}")
    report = check_text(_aligned(row, other), NOTATION, runner=runner, examples=30, markdown=True)
    assert all(r.status != "wrong" for r in report.results), [r.message for r in report.results]
