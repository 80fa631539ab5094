"""A sum in a bare brace group is typeset without brackets (checks/latex/brace_sums.py)."""

from __future__ import annotations

from derive.checks.latex.brace_sums import unbraced_sums
from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict


def test_bare_groups_holding_a_sum_lose_their_braces() -> None:
    assert unbraced_sums(r"{3}\cdot{3+2^{4}}").split() == ["{3}\\cdot", "3+2^{4}"]
    assert unbraced_sums(r"{6}\cdot{5^{2}+14}") is not None
    assert unbraced_sums(r"\frac{a+b}{2}") is None  # a command's argument
    assert unbraced_sums(r"x^{n+1}") is None  # a power
    assert unbraced_sums(r"{3}\cdot{3}") is None  # no sum


# order of operations with every operand braced (ryanmaguire/Mathematics-and-Physics, made up here)
ORDER = r"""$${4}\cdot{2+3^{2}} = {4}\cdot{2}+9 = RESULT$$"""


def test_a_braced_sum_read_as_typeset_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ORDER.replace("RESULT", "17"), r"{4}\cdot{2+", runner)
    assert status == "inconclusive", message
    assert "typeset without brackets" in message


def test_a_braced_sum_wrong_either_way_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"$${4}\cdot{2+3^{2}} = {4}\cdot{2}+10$$", r"{4}\cdot{2+", runner)
    assert status == "wrong", message
