r"""``\sum v`` with no index, read as matrices as the sum of a vector's entries (checks/latex/vector_sums.py).

A correct step is ok; a wrong twin is never wrong (the reading is the judge's: inconclusive); a
sum of a matrix, of one value or of a summand naming an index letter stays unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DECLARED = r"Let $x \in \mathbb{R}^n$, $A \in \mathbb{R}^{n \times m}$ and $s = \mathrm{softmax}(x)$." + "\n\n"


def _last(step: str, runner: StepRunner):
    text = DECLARED + f"$$ {step} $$\n"
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


OK = [
    r"s = \frac{\exp(x)}{\sum \exp(x)}",  # a softmax note's normaliser
    r"\sum x = \sum_{k} x_k",
]
WRONG_TWINS = [
    r"s = \frac{\exp(2x)}{\sum \exp(x)}",
    r"\sum x = x^T x",
]
UNREAD = [
    r"\sum A = \sum_{i}\sum_{j} A_{ij}",  # a matrix: over rows, columns or every entry?
    r"\sum x_k = 1",  # the summand names k: a sum over k (bare_sums), not over a vector's entries
]


@pytest.mark.parametrize("step", OK)
def test_a_sum_without_an_index_of_a_vector_is_read(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status == "ok", result.message


@pytest.mark.parametrize("step", WRONG_TWINS)
def test_a_difference_under_that_reading_is_never_wrong(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status == "inconclusive", (result.status, result.message)
    assert "sum of a vector's entries" in result.message


@pytest.mark.parametrize("step", UNREAD)
def test_a_sum_of_a_matrix_or_over_an_index_letter_is_not_read_so(step: str, runner: StepRunner) -> None:
    result = _last(step, runner)
    assert result.status != "ok" and "sum without an index" in result.message, (result.status, result.message)


def test_a_side_that_fails_before_its_sum_is_not_called_wrong(runner: StepRunner) -> None:
    # x + A does not fit, and it is evaluated before the sum is reached: a step never read as
    # matrices before this reading gets no wrong from it
    result = _last(r"2 s = (x + A)\sum \exp(x)", runner)
    assert result.status == "inconclusive", (result.status, result.message)
