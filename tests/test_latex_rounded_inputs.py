"""Computed decimals printed to few places (checks/latex/rounded_inputs.py): a result whose gap
their own rounding explains is inconclusive, never wrong; given numbers stay exact. The first case
is the false alarm held-out 30 found at first sight (JeffDeCola's cheat sheet, line 183)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.rounded_inputs import judge_computed_inputs
from derive.checks.latex.sympy_build import to_sympy

NOTATION = load_notation()


def _result(step: str, runner: StepRunner) -> tuple[str, str]:
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status, result.message


EXPLAINED = [
    r"0.524(0.476) \cdot -0.386 = -0.096252",  # exactly -0.0962777: 26 units of the sixth place
    r"0.524 \cdot 0.476 \cdot (-0.386) = -0.096252",
    r"-0.096252 = 0.524(0.476) \cdot -0.386",  # the result on the left
    r"0.6225 \cdot 1.0345 = 0.64405",  # 0.6439763: 7 units off, reached at 0.62255 · 1.03455
]


@pytest.mark.parametrize("step", EXPLAINED)
def test_a_gap_the_inputs_rounding_explains_is_not_wrong(step: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "inconclusive", message
    assert "within their own rounding" in message


SLIPS = [
    r"0.524(0.476) \cdot -0.386 = -0.099252",  # a digit slip no rounding of the inputs reaches
    r"0.5 - 0.1 \cdot 0.069 = 0.4911",  # 0.4931: the rate 0.1 is given, not rounded
    r"0.524 \cdot 0.476 = 0.2510",  # 0.2494 ± 0.0005
    r"0.15 \cdot 0.05 = 0.0085",  # given weights and inputs, exact: 0.0075
]


@pytest.mark.parametrize("step", SLIPS)
def test_a_slip_beyond_the_inputs_rounding_is_still_wrong(step: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "wrong", message


def test_only_a_side_of_numbers_against_a_decimal_is_weighed() -> None:
    # a free name (0.524 x) is the other judges'; a result with no decimals (= 1) is an exact claim
    for left, right in ((r"0.524 x", "0.2497"), (r"0.524 \cdot 0.476", "1")):
        lhs, rhs = normalize(left, NOTATION), normalize(right, NOTATION)
        assert judge_computed_inputs(lhs, rhs, to_sympy(lhs), to_sympy(rhs), {}) is None
    lhs, rhs = normalize(r"0.524 \cdot 0.476", NOTATION), normalize("0.2497", NOTATION)
    assert judge_computed_inputs(lhs, rhs, to_sympy(lhs), to_sympy(rhs), {}) is not None
