"""A number with its unit, the computation maybe with units of its own (checks/latex/unit_suffix.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

# units written in the computation too (Kishon-Valley/GammaPhysics, dc_analysis.md lines 211, 610, made up here)
CURRENT = (
    r"The share is $I = 3.41A \times 0.6 = VALUEA$ and "
    r"$R = \frac{2.5 \times 10^{-8} \Omega\cdot m \times 13m}{3 \times 10^{-6}m^2} = OHMS\Omega$."
)


def _text(value: str, ohms: str) -> str:
    return CURRENT.replace("VALUE", value).replace("OHMS", ohms)


def test_units_in_the_computation_are_set_aside(runner: StepRunner) -> None:
    status, message = step_verdict(_text("2.05", "0.108"), "3.41A", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(_text("2.05", "0.108"), r"\frac{2.5", runner)
    assert status == "inconclusive", message


def test_a_computation_with_units_that_does_not_give_the_number_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(_text("2.15", "0.2"), "3.41A", runner)
    assert status == "wrong", message
    status, message = step_verdict(_text("2.15", "0.2"), r"\frac{2.5", runner)
    assert status == "wrong", message


@pytest.mark.parametrize(
    "step",
    [
        r"3x^2 = 3x",  # algebra in x: its letter is no unit of the 3
        r"2x \cdot 3x = 6x",  # the numbers agree, the powers of x do not
        r"5y^3 = 5y",
    ],
)
def test_letters_of_algebra_are_never_units_set_aside(step: str, runner: StepRunner) -> None:
    # units inside a computation are set aside only for a measured (decimal) result of two numbers or more
    status, message = step_verdict(f"$${step}$$", step.split("=")[0].strip(), runner)
    assert status == "wrong", message
