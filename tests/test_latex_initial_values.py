r"""``z(0) = 1``: a function's value at a point, not z·0 (checks/latex/initial_values.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.initial_values import evaluated_letter
from hunt_steps import step_verdict


def test_a_letter_applied_to_zero_alone() -> None:
    assert evaluated_letter("v(0)") == "v"
    assert evaluated_letter(r"\quad \tilde{q}(0)") == r"\tildeq"
    assert evaluated_letter(r"x_1\left(0\right)") == "x"
    assert evaluated_letter("v(2)") is None  # 2v keeps its letter: not refuted so
    assert evaluated_letter("v(0) + 1") is None
    assert evaluated_letter("a(b - c)") is None


# a population model (made up): the initial value after the equation
GROWTH = r"""The population obeys
$$dN(t) = r N(t)\, dt, \quad N(0) = {value}$$"""


def test_an_initial_value_is_not_the_letter_times_zero(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$v(0) = 3$$", "v(0)", runner)
    assert status == "inconclusive", message
    assert "initial condition" in message


def test_an_initial_value_after_a_differential_equation(runner: StepRunner) -> None:
    status, message = step_verdict(GROWTH.replace("{value}", "500"), r"\quad N(0)", runner)
    assert status != "wrong", message


def test_a_function_the_document_defines_is_called_and_can_be_wrong(runner: StepRunner) -> None:
    text = "Let $$q(s) = 2s + 7.$$ Then $$q(0) = {value}$$"
    status, message = step_verdict(text.replace("{value}", "5"), "q(0)", runner)
    assert status == "wrong", message
    status, message = step_verdict(text.replace("{value}", "7"), "q(0)", runner)
    assert status == "ok", message
