r"""``[A, B] = -[B, A]``: a commutator opened, not a row (checks/latex/swapped_brackets.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.swapped_brackets import swapped_pair
from hunt_steps import step_verdict


def test_a_bracket_turned_round_with_a_minus() -> None:
    assert swapped_pair("[X, Y]", "-[Y, X]")
    assert swapped_pair(r"\left[ \hat p, q \right]", r"- \left[ q, \hat p \right]")
    assert swapped_pair(r"[\vec{L}\cdot\vec{S}, H]", r"-[H, \vec{L}\cdot\vec{S}]")
    assert not swapped_pair("[X, Y]", "[Y, X]")  # no minus: false for a commutator
    assert not swapped_pair("[X, Y]", "-[Y, Z]")
    assert not swapped_pair("[X, X]", "-[X, X]")
    assert not swapped_pair("[X, Y, Z]", "-[Z, Y, X]")


# the angular momentum algebra (made up)
ALGEBRA = r"""For the spin operators, $$[S_x, S_y] = {rhs}$$"""


def test_the_antisymmetry_of_a_commutator_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ALGEBRA.replace("{rhs}", "-[S_y, S_x]"), "[S_x", runner)
    assert status == "inconclusive", message
    assert "swapped" in message


def test_a_bracket_equal_to_itself_swapped_without_a_minus_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"For two operators, $$[P, Q] = [Q, P]$$", "[P", runner)
    assert status == "wrong", message
