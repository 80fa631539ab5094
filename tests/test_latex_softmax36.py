"""Softmax of a whole vector in the matrix judge (checks/latex/softmax_shifts.py,
softmax_entry_guard.py): the shift invariance ``softmax(x) = softmax(x + c)`` and the stable
``softmax(z - max(z))`` are sampled on concrete vectors (c a number added to every entry, max(z)
the largest entry); a written-out softmax that adds its entries up is wrong; a softmax of a
matrix (rows or columns?) and a softmax left without the index of the entry on the other side
are never called wrong; a c the document writes as a vector (c_i) is not made a number."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
LOGITS = "Let $x_i$ and $z_k$ be the logits.\n\n"


def _last(step: str, runner: StepRunner, before: str = LOGITS):
    return check_text(f"{before}$${step}$$\n", NOTATION, runner=runner, markdown=True).results[-1]


@pytest.mark.parametrize(
    "step",
    [
        r"\text{softmax}(x) = \text{softmax}(x + c)",  # CS224n 1(a)
        r"softmax(x) = softmax(x - c)",
        r"\operatorname{softmax}(z) = \operatorname{softmax}(z - \max(z))",  # the stable softmax
        r"softmax(x) = e^{x}/\sum_k e^{x_k}",
    ],
)
def test_shift_invariance_and_the_stable_softmax_are_ok(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status == "ok", result.message


@pytest.mark.parametrize(
    "step",
    [
        # the entries added up instead of listed (a number, against the vector)
        r"softmax(x) = (\frac{e^{x_1}}{e^{x_1}+e^{x_2}} + \frac{e^{x_2}}{e^{x_1}+e^{x_2}})",
    ],
)
def test_a_wrong_softmax_of_a_vector_is_found(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status == "wrong", result.message


@pytest.mark.parametrize(
    "step",
    [
        r"S(x) = \frac{1}{1+e^{-x}}",  # the notation's softmax letter S, the document's sigmoid
        r"S(x) = \sigma(x)",
        r"softmax(x) = softmax(2 x)",  # wrong, but x is only sampled as a vector: not found
    ],
)
def test_values_that_differ_with_only_a_sampled_vector_are_not_wrong(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status != "wrong", result.message


def test_a_softmax_without_the_entry_index_is_not_wrong(runner: StepRunner) -> None:
    """softmax(x) = e^{x_i}/Σ_k e^{x_k}: entry i meant, the index left off the left side."""
    result = _last(r"softmax(x) = \frac{e^{x_i}}{\sum_k e^{x_k}}", runner)
    assert result.status != "wrong", result.message


MATRIX = "Let $Z \\in \\mathbb{R}^{n \\times m}$.\n\n"


def test_a_matrix_argument_is_not_refuted(runner: StepRunner) -> None:
    """Over the rows of Z these differ, over its columns they agree: a convention, not a mistake
    (Z never declared: its shape inferred)."""
    result = _last(r"\text{softmax}(Z) = \text{softmax}(Z^T)^T", runner, "")
    assert result.status == "inconclusive", result.message
    same = _last(r"\text{softmax}(Z) = \text{softmax}(Z + 1)", runner, MATRIX)  # either way
    assert same.status == "ok", same.message


def test_a_shift_the_document_writes_as_a_vector_is_not_a_number(runner: StepRunner) -> None:
    result = _last(r"\text{softmax}(x) = \text{softmax}(x + c)", runner, LOGITS + "Let $c_i$ be a bias.\n\n")
    assert result.status not in ("ok", "wrong"), result.message
