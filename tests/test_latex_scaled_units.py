r"""A result given in a scaled unit after the math (checks/latex/scaled_units.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.scaled_units import scale_after
from hunt_steps import step_verdict


def test_the_scale_of_the_unit_after_the_number() -> None:
    text = "a buffer of $4,096 \\times 64 = 0.26$ Mbit, at $2 \\times 450 = 0.9$ kHz, $7 = 7$ apples"
    assert scale_after(text, 1, "0.26") == (6, True)
    assert scale_after(text, 1, "0.9") == (3, False)
    assert scale_after(text, 1, "7") is None  # no unit with a prefix
    assert scale_after("$2 + 2 = 0.004$ million", 1, "0.004") == (6, False)


# storage of a sampled signal (made up)
STORAGE = r"""Each sample takes 16 bits, so an hour of audio needs about $44,100 \times 3600 \times 16 = {size}$ Gbit
of memory."""


def test_a_size_given_in_gigabits_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(STORAGE.replace("{size}", "2.5"), "44,100", runner)
    assert status == "inconclusive", message
    assert "unit written after it" in message


def test_a_size_the_computation_does_not_give_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(STORAGE.replace("{size}", "3.5"), "44,100", runner)
    assert status == "wrong", message
