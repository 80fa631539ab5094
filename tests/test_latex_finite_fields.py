r"""Arithmetic in a field of prime characteristic the document names (checks/latex/finite_fields.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.finite_fields import field_characteristic
from hunt_steps import step_verdict


def test_the_characteristic_of_the_field_named() -> None:
    assert field_characteristic(r"coefficients in $\mathbb{F}_{2}$") == 2
    assert field_characteristic(r"over $GF(2^8)$, the AES field") == 2
    assert field_characteristic(r"the ring $\mathbb{Z}/3\mathbb{Z}$") == 3
    assert field_characteristic(r"$\mathbb{Z}_5$") == 5
    assert field_characteristic(r"$\mathbb{F}_{2}$ and $\mathbb{F}_{3}$") is None  # two characteristics
    assert field_characteristic(r"$\mathbb{Z}_4$") is None  # not a prime
    assert field_characteristic(r"$\mathbb{R}^n$ and $\mathbb{F}_q$") is None


def test_sums_equal_modulo_two_are_not_wrong_over_f2(runner: StepRunner) -> None:
    status, message = step_verdict(r"Over $\mathbb{F}_2$: $$-1(1 + 1) = 0$$", "-1", runner)
    assert status == "inconclusive", message
    assert "modulo 2" in message


def test_sums_that_differ_modulo_two_are_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"Over $\mathbb{F}_2$: $$1 + 1 + 1 = 0$$", "1 + 1", runner)
    assert status == "wrong", message


def test_without_a_named_field_the_arithmetic_is_over_the_rationals(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$-1(1 + 1) = 0$$", "-1", runner)
    assert status == "wrong", message
