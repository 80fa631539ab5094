"""Sums with shifted bounds (sum_bounds): \\sum_{i=0}^{N-1}, \\sum_{j=2}^{n}, \\sum_{i=1}^{n-1} are
expanded with N the size everywhere in the step; correct steps are ok, off-by-ones are wrong, and
steps that only hold from some size on are never called wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.sum_bounds import end_shift, read_start

NOTATION = load_notation()


def _result(step: str, runner: StepRunner):  # noqa: ANN202 - a StepResult
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result


@pytest.mark.parametrize(
    "step",
    [
        r"\sum_{i=0}^{N-1} 1 = N",
        r"\sum_{k=0}^{K-1} x_k = x_0 + \sum_{k=1}^{K-1} x_k",
        r"\sum_{i=1}^{n-1} x_i = \sum_{i=1}^{n} x_i - x_n",
        r"\sum_{i=0}^{N - 1} 2 x_i = 2 \sum_{i=0}^{N-1} x_i",
        r"\sum_{j=1}^{n+1} 1 = n + 1",
        r"\sum_{j=2}^{n} x_j = \sum_{j=1}^{n} x_j - x_1",
        r"\frac{\partial}{\partial x_k} \sum_{i=0}^{N-1} x_i^2 = 2 x_k",
        r"\sum_{i=1}^{N} 1 = N",  # N on the other side is the size for any size-name end
        r"\frac{1}{m} \sum_{i=1}^{m} 2 = 2",
        r"\sum_{i=1}^{n} x_i = x_n + \sum_{i=1}^{n-1} x_i",  # x_n is the last term, n no free index
        r"\frac{1}{N} \sum_{n=0}^{N-1} (y_n - t_n)"
        r" = \frac{1}{N} \sum_{n=0}^{N-1} y_n - \frac{1}{N} \sum_{n=0}^{N-1} t_n",
    ],
)
def test_correct_shifted_sums_are_ok(step: str, runner: StepRunner) -> None:
    result = _result(step, runner)
    assert result.status == "ok", result.message


@pytest.mark.parametrize(
    ("step", "where"),
    [
        (r"\sum_{i=0}^{N-1} 1 = N - 1", "N = 2"),  # an off-by-one
        (r"\sum_{k=0}^{K-1} x_k = x_0 + \sum_{k=0}^{K-1} x_k", "K = 2"),  # the first term twice
        (r"\sum_{j=2}^{n+1} 1 = n + 1", "n = 2"),  # counted from 1
        (r"\sum_{i=1}^{n-1} 2 = 2 n", "n = 2"),  # one term too many
    ],
)
def test_off_by_ones_are_wrong(step: str, where: str, runner: StepRunner) -> None:
    result = _result(step, runner)
    assert result.status == "wrong", result.message
    assert where in result.message


@pytest.mark.parametrize(
    "step",
    [
        # only true at K = 3 (three terms written out): a definition, not an identity in K
        r"e^{a_0} + e^{a_1} + e^{a_2} = \sum_{k=0}^{K-1} e^{a_k}",
        # needs N ≥ 3: at N = 2 the last sum would run backwards, so that size is no evidence
        r"\sum_{i=0}^{N-1} x_i = x_0 + x_1 + x_2 + \sum_{i=3}^{N-1} x_i",
        # a derivative by x_k: k is taken in 0..n-2 only, where the sum reaches (never n-1, n)
        r"\frac{\partial}{\partial x_k} \sum_{j=0}^{n-2} x_j = 1",
    ],
)
def test_near_misses_are_not_wrong(step: str, runner: StepRunner) -> None:
    assert _result(step, runner).status != "wrong"


@pytest.mark.parametrize(
    "step",
    [
        r"\sum_{i=0}^{N-M} x_i = 0",
        r"\sum_{i=0}^{N^2-1} x_i = 0",
        r"\sum_{i=a}^{N} x_i = 0",
        r"\sum_{i=0}^{N-100} x_i = 0",
    ],
)
def test_other_bounds_stay_unread(step: str, runner: StepRunner) -> None:
    result = _result(step, runner)
    assert result.status == "unparsed", result.message
    assert "a sum whose" in result.message


def test_bound_readers() -> None:
    assert read_start(["0"]) == 0
    assert read_start(["-", "1"]) == -1
    assert read_start(["n"]) is None
    assert end_shift(["-", "1"]) == -1
    assert end_shift(["+", "2"]) == 2
    assert end_shift(["-", "M"]) is None
    assert end_shift(["*", "2"]) is None


def test_no_size_that_fits_is_inconclusive(runner: StepRunner) -> None:
    # Σ_{i=5}^{N-1} runs backwards at both sizes expanded: no evidence, so neither ok nor wrong
    result = _result(r"\sum_{i=5}^{N-1} x_i = 0", runner)
    assert result.status == "inconclusive", result.message
