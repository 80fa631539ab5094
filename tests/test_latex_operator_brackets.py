"""D applied to a square bracket is the differential operator (checks/latex/operator_brackets.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.operator_brackets import applies_operator
from hunt_steps import step_verdict


def test_d_applied_to_a_bracket_is_told_from_a_product() -> None:
    assert applies_operator(r"(D^2 - 4)[te^{2t}]")
    assert applies_operator(r"e^{2t}((D+2)^2 - 4)[t]")
    assert applies_operator(r"D[e^{3t}]")
    assert applies_operator(r"(D - 1)^2[t e^t]")
    assert not applies_operator(r"(x^2 - 4)[t]")
    assert not applies_operator(r"D_{KL}[p \| q]")  # a divergence written with a subscript


# the exponential shift (gmcninch-tufts/math51-spring2022, made up here with other exponents)
SHIFT = r"""We compute $$(D^2 - 9)[te^{3t}] = e^{3t} ((D+3)^2 - 9)[t] = e^{3t} (D^2 + 6D)[t] = 6e^{3t}$$"""


def test_the_exponential_shift_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SHIFT, "(D^2 - 9)", runner)
    assert status == "inconclusive", message


def test_a_product_with_a_bracket_is_still_judged(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$(x^2 - 4)[t] = x^2 t - 4$$", "(x^2 - 4)", runner)
    assert status == "wrong", message
