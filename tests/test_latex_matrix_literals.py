"""Matrix and vector literals (``pmatrix``, ``bmatrix`` …, explicit or with ``\\vdots``/``\\cdots``
following an index pattern) and runs of terms with an ellipsis and one term written apart.

Each rule is checked on right steps (ok), wrong steps (wrong, with the counterexample looked
at) and near misses whose pattern is not certain (never wrong: unparsed, with the reason)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.fixture(scope="module")
def runner():
    with StepRunner(timeout=20) as r:
        yield r


def _results(text: str, runner: StepRunner) -> list:
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results


def _one(step: str, runner: StepRunner, before: str = ""):
    results = _results(f"{before}$$ {step} $$\n", runner)
    return results[-1]


# ---------------------------------------------------------------- runs with one term apart

RUN_OK = [
    # the i-th term of the sum is written out between two ellipses
    r"p_iy_1 + p_iy_2 + \dots + (p_i - y_i) + \dots + p_iy_n = p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_iy_n - y_i",
    r"a_iy_1 + a_iy_2 + \cdots + 0 \cdot a_i + \cdots + a_iy_K = a_i\sum_{k=1}^{K} y_k - a_iy_i",
    r"q_1 c_j + q_2 c_j + \ldots + 2 c_j + \ldots + q_N c_j = \sum_{k=1}^N q_k c_j + (2 - q_j) c_j",
]
RUN_WRONG = [
    # the i-th term p_i (not p_iy_i) is dropped back into the sum
    r"p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_iy_n - y_i = p_i(y_1 + y_2 + \dots + y_n) - y_i",
    r"p_iy_1 + p_iy_2 + \cdots + 2p_iy_i + \cdots + p_iy_K = p_i\sum_{k=1}^{K} y_k",  # counted once, not twice
]
RUN_UNREAD = [
    r"p_iy_1 + p_iy_2 + \dots + (p_i - y_j) + \dots + p_iy_n = 0",  # two index letters in the term apart
    r"p_iy_1 + p_iy_2 + \dots + 7 + \dots + p_iy_n = 0",  # no index says where the term sits
    r"p_iy_1 + p_iy_2 + \dots + b_j + \dots + p_iy_n = 0",  # an index the pattern never uses
    r"p_iy_1 + p_iy_2 + \dots - p_i + \dots + p_iy_n = 0",  # a sign that breaks the run
    r"p_iy_1 + p_iy_3 + \dots + p_i + \dots + p_iy_n = 0",  # the counter does not run 1, 2
]


@pytest.mark.parametrize("step", RUN_OK)
def test_run_with_one_term_apart_right_steps_are_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", result.message


@pytest.mark.parametrize("step", RUN_WRONG)
def test_run_with_one_term_apart_wrong_steps_are_found(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", result.message
    point = result.counterexample["point"]
    # the counterexample fixes the position of the term apart (a free index) and a size
    assert any(k in result.counterexample.get("where", "") for k in ("i = ", "j = ")), result.counterexample
    assert point, result.counterexample


@pytest.mark.parametrize("step", RUN_UNREAD)
def test_run_whose_pattern_is_not_certain_is_not_judged(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "unparsed" and "ellipsis" in result.message, (result.status, result.message)
