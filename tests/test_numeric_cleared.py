"""Float differences the caller's exact evaluation clears are skipped, not shrunk
(numeric.sample_compare's ``still_differs``; the judge passes its exact ``confirm``)."""

from __future__ import annotations

import sympy as sp
from derive.checks.proof.judge import judge
from derive.checks.proof.numeric import MOST_CLEARED, sample_compare

x = sp.Symbol("x", real=True)


def test_without_an_exact_check_a_float_difference_fails_and_is_shrunk() -> None:
    result = sample_compare(sp.Abs(x), x, {"x": x}, examples=40)
    assert result.status == "failed"
    assert result.counterexample is not None and result.counterexample["inputs"]["x"] < 0


def test_a_difference_exact_evaluation_confirms_is_kept() -> None:
    result = sample_compare(sp.Abs(x), x, {"x": x}, examples=40, still_differs=lambda v: True)
    assert result.status == "failed"
    assert result.counterexample["confirmed_inputs"]["x"] < 0


def test_points_exact_evaluation_clears_are_skipped_and_the_run_goes_on() -> None:
    asked: list[float] = []

    def differs(values: dict[str, float]) -> bool:
        asked.append(values["x"])
        return values["x"] < -1.0  # the "exact" judge: only these differ

    result = sample_compare(sp.Abs(x), x, {"x": x}, examples=60, still_differs=differs)
    assert result.status == "failed"
    confirmed = result.counterexample["confirmed_inputs"]
    assert confirmed is not None and confirmed["x"] < -1.0
    # every point asked about before the confirmed one was cleared (x in [-1, 0)), and
    # none after it: shrinking runs on floats as before
    assert asked[-1] == confirmed["x"] and all(-1.0 <= v < 0 for v in asked[:-1])
    assert len(asked) <= MOST_CLEARED + 1


def test_a_claim_whose_rare_float_differences_are_cleared_passes_on_the_rest() -> None:
    # x = x + max(0, x - 3.9) differs only near the top of the sampled range; a stub exact
    # judge that clears those points (as it would a float artefact) lets the run pass on the
    # others, each counted, where without it the run fails at once
    rhs = x + sp.Max(0, x - sp.Rational(39, 10))
    cleared: list[float] = []
    result = sample_compare(x, rhs, {"x": x}, examples=60, still_differs=lambda v: cleared.append(v["x"]) or False)
    assert result.status == "passed" and result.examples == 60
    assert cleared and all(v > 3.9 for v in cleared)
    assert sample_compare(x, rhs, {"x": x}, examples=60).status == "failed"


def test_too_many_cleared_points_end_the_run_without_a_counterexample() -> None:
    asked: list[float] = []

    def never(values: dict[str, float]) -> bool:
        asked.append(values["x"])
        return False

    result = sample_compare(sp.Abs(x), x, {"x": x}, examples=200, still_differs=never)
    assert result.status == "failed"
    assert f"floats differed at {MOST_CLEARED} points" in result.detail
    assert len(asked) == MOST_CLEARED  # asked no more, and never shrunk


def test_the_judge_still_refutes_a_wrong_claim_by_sampling() -> None:
    j = judge(sp.log(1 + sp.exp(x)), x + sp.log(1 + sp.exp(x)), seed=0, examples=40)
    assert j.status == "refuted" and j.counterexample is not None


def test_the_judge_still_proves_a_true_claim() -> None:
    sigma = 1 / (1 + sp.exp(-x))
    j = judge(sp.log(sigma), -sp.log(1 + sp.exp(-x)), seed=0, examples=40)
    assert j.status == "proved"
