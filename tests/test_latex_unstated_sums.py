r"""A family that may be probabilities (checks/latex/unstated_sums.py): the eighteenth hunt's Gini
impurity, ``\sum_{k=0}^{K} p_k(1-p_k) = 1 - \sum_{k=0}^{K} p_k^2``, true because class proportions
sum to one (never said), was refuted with proportions summing to 3."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\sum_{k=0}^{K} p_k(1 - p_k) = 1 - \sum_{k=0}^{K} p_k^2", "inconclusive"),
        (r"\sum_{k=1}^{K} p_k (x + 1) = x + \sum_{k=1}^{K} p_k", "inconclusive"),
        # wrong however the entries are normalised: still wrong
        (r"\sum_{k=1}^{K} p_k(1 - p_k) = 1 - 2\sum_{k=1}^{K} p_k^2", "wrong"),
        (r"\sum_{k=1}^{K} p_k(1 - p_k) = \sum_{k=1}^{K} p_k^2", "wrong"),
    ],
)
def test_a_step_that_needs_a_family_to_sum_to_one_is_not_refuted(step: str, status: str, runner: StepRunner) -> None:
    (result,) = check_text(f"$${step}$$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    assert result.status == status, result.message
    if status == "inconclusive":
        assert "sum to one" in result.message
