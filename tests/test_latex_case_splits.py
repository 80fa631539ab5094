"""Index steps that hold in one case of a split stated in prose (checks/latex/case_splits.py):
never called wrong when the step holds wherever the two indices are equal (or unequal); still
wrong when it fails on both sides of the split. The first case is a false alarm a blind held-out
set found (tests/data/latex_heldout3, jordancoblin line 575)."""

from __future__ import annotations

import pytest
from derive.checks.latex.case_splits import case_split, document_case_pairs
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
SOFTMAX = "Let $\\hat y_k = \\frac{e^{z_k}}{\\sum_{t=1}^K e^{z_t}}$ be the softmax.\n\n"


def _result(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    return result.status, result.message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial \hat y_k}{\partial z_j} = \hat y_k (1 - \hat y_k)",  # the j = k case
        r"\frac{\partial \hat y_k}{\partial z_j} = -\hat y_j \hat y_k",  # the j ≠ k case
    ],
)
def test_a_step_true_in_one_case_of_the_split_is_not_wrong(step: str, runner: StepRunner) -> None:
    # the case is named blocks before the step, where the prose rules no longer carry it
    far = "For the case when $j = k$:\n\n$$ u = e^{z_k} $$\n\nSince $v$ sums them,\n\n$$ v = 3 $$\n\nwhich gives\n\n"
    status, message = _result(f"{SOFTMAX}{far}$$ {step} $$\n", runner)
    assert status == "inconclusive", message
    assert "a case a derivation often states only in words" in message


def test_without_the_split_named_the_diagonal_formula_is_wrong(runner: StepRunner) -> None:
    # ψ_k(1 − ψ_j) for every j, k: the classic slip, in a document that never speaks of j = k
    step = r"\frac{\partial \hat y_k}{\partial z_j} = \hat y_k (1 - \hat y_j)"
    status, message = _result(f"{SOFTMAX}$$ {step} $$\n", runner)
    assert status == "wrong", message


def test_a_step_wrong_in_both_cases_is_still_wrong(runner: StepRunner) -> None:
    status, message = _result(f"{SOFTMAX}$$ \\frac{{\\partial \\hat y_k}}{{\\partial z_j}} = \\hat y_k $$\n", runner)
    assert status == "wrong", message


def test_a_stated_condition_still_decides(runner: StepRunner) -> None:
    text = f"{SOFTMAX}$$ \\frac{{\\partial \\hat y_k}}{{\\partial z_j}} = \\hat y_k (1 + \\hat y_k) $$ for $j = k$.\n"
    status, message = _result(text, runner)
    assert status == "wrong", message


def test_case_split_names_the_pair_and_the_case_that_holds() -> None:
    on_diagonal = lambda e, n: e["i"] == e["j"]  # noqa: E731  holds exactly where i = j
    assert case_split(["i", "j"], {"i": 1, "j": 2}, 2, on_diagonal, set(), frozenset({"ij"})) == ("i", "j", True)
    assert case_split(["i", "j"], {"i": 1, "j": 2}, 2, lambda e, n: False, set(), frozenset({"ij"})) is None
    # a split the document never names, or one the step writes itself: no excuse
    assert case_split(["i", "j"], {"i": 1, "j": 2}, 2, on_diagonal, set(), frozenset({"ik"})) is None
    assert case_split(["i", "j"], {"i": 1, "j": 2}, 2, on_diagonal, {"i", "j"}, frozenset({"ij"})) is None


def test_document_case_pairs_finds_compared_index_letters() -> None:
    text = r"both cases where $j=k$ and where $j \neq k$; for $i\ne y$, and $x = 2$, $\alpha = b$"
    assert document_case_pairs(text) == frozenset({"jk", "iy"})
