r"""A square root equated to a trig function whose square it is: the branch a trig substitution
takes (checks/latex/root_branches.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.root_branches import squared_sides
from hunt_steps import step_verdict


def test_sides_are_squared_only_for_a_root_beside_a_trig_function() -> None:
    assert squared_sides(r"\sqrt{1 - \sin^2 t}", r"\cos t") == (
        r"\left(\sqrt{1 - \sin^2 t}\right)^{2}",
        r"\left(\cos t\right)^{2}",
    )
    assert squared_sides(r"5\sec u", r"\sqrt{25 + 25\tan^2 u}") is not None
    assert squared_sides(r"\sqrt{x^2}", "x") is None  # no trig function: the textbook slip |x| ≠ x
    assert squared_sides(r"\sqrt{\cos^2 t}", r"\sqrt{\cos^2 t}") is None  # a root on both sides


# a trig substitution in an integral (made up: a = 5, the angle u)
SUBSTITUTION = r"""Put $x = 5\sin u$, so that $dx = 5\cos u\, du$. The radical becomes
$$\sqrt{25 - x^2} = \sqrt{25 - 25\sin^2 u} = {rhs}$$"""


def test_the_positive_branch_of_a_trig_substitution_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SUBSTITUTION.replace("{rhs}", r"5\cos u"), r"\sqrt{25 - 25", runner)
    assert status == "inconclusive", message
    assert "branch" in message


def test_a_root_taken_out_whole_without_prose_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$\sqrt{16\cos^2\alpha} = 4\cos\alpha$$", r"\sqrt{16", runner)
    assert status == "inconclusive", message


def test_the_wrong_trig_function_or_factor_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SUBSTITUTION.replace("{rhs}", r"5\sin u"), r"\sqrt{25 - 25", runner)
    assert status == "wrong", message
    status, message = step_verdict(SUBSTITUTION.replace("{rhs}", r"25\cos u"), r"\sqrt{25 - 25", runner)
    assert status == "wrong", message


def test_a_root_of_a_square_without_a_trig_function_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$\sqrt{y^2} = y$$", r"\sqrt{y^2}", runner)
    assert status == "wrong", message
