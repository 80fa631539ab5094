"""``v = |\\vec v|`` names a vector's magnitude (checks/latex/magnitude_names.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.magnitude_names import names_magnitude
from hunt_steps import step_verdict


def test_a_magnitude_named_by_the_vector_s_letter() -> None:
    assert names_magnitude("v", r"|\vec{v}|")
    assert names_magnitude(r"\left|\vec F\right|", "F")
    assert names_magnitude("r", r"\|\mathbf{r}\|")
    assert not names_magnitude("x", "|x|")
    assert not names_magnitude("v", r"|\vec{w}|")


# the speed in the Maxwell-Boltzmann distribution (YoloNomy.github.io, made up here)
SPEED = r"""The density of the speed \(v = |\vec{v}|\) follows, and the force has size $F = \left|\vec F\right|$."""


def test_the_magnitude_of_a_vector_is_a_definition(runner: StepRunner) -> None:
    status, message = step_verdict(SPEED, "v", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(SPEED, "F", runner)
    assert status == "inconclusive", message


def test_a_number_equal_to_its_absolute_value_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$x = |x|$$", "x", runner)
    assert status == "wrong", message
