r"""An undefined function at a number, given a value (checks/latex/valued_calls.py):
``Q(0) = \frac{e^3}{e^3 + e^{-2}}`` makes Q(0) that value in later steps, as a name's definition
does; a function the document defines (``f(x) = x^2 + 1``) is applied by substitution as before."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.valued_calls import valued_call_name

NOTATION = load_notation()
GIVEN = "The model gives $$Q(0) = \\frac{e^3}{e^3 + e^{-2}}, \\quad Q(1) = \\frac{e^{-2}}{e^3 + e^{-2}}$$\n\n"
DEFINED = "Let $f(x) = x^2 + 1$.\n\n"


def _status(preamble: str, step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


@pytest.mark.parametrize(
    ("preamble", "step", "status"),
    [
        (GIVEN, r"Q(0) + Q(1) = 1", "ok"),
        (GIVEN, r"Q(0) + Q(1) = 2", "wrong"),  # the twin
        (GIVEN, r"2 Q(1) = 2 (1 - Q(0))", "ok"),
        (GIVEN, r"Q(0) - Q(1) = 1", "wrong"),
        (DEFINED, r"f(0) = 1", "ok"),  # a defined function: its value, as before
        (DEFINED, r"f(0) = 2", "wrong"),
        (DEFINED, r"f(2a) = 4a^2 + 1", "ok"),
    ],
)
def test_calls_at_numbers(preamble: str, step: str, status: str, runner: StepRunner) -> None:
    got, message = _status(preamble, step, runner)
    assert got == status, message


def test_only_an_undefined_function_at_one_number_is_given_a_value() -> None:
    assert valued_call_name("Q(0)", NOTATION) == "Q(0)"
    assert valued_call_name(r"\quad Q_{1}(-1)", NOTATION) == "Q_{1}(-1)"
    for text in (r"\log(2)", "Q(x)", "Q(0) + 1", "Q(a, 0)", r"\sigma(0)", "e(0)"):
        assert valued_call_name(text, NOTATION) is None, text


def test_a_decimal_that_may_round_the_value_is_never_wrong(runner: StepRunner) -> None:
    # -log(0.99331) is 0.006715, -log(0.9933) is 0.006723: 0.9933 is Q(0) rounded, not a slip
    got, message = _status(GIVEN, r"-\log Q(0) = -\log(0.9933)", runner)
    assert got != "wrong", message
    rounded = "We get $$Q(0) = 0.993, \\quad Q(1) = 0.0067$$\n\n"  # 0.9997: the values are rounded
    got, message = _status(rounded, r"Q(0) + Q(1) = 1", runner)
    assert got != "wrong", message


def test_an_unvalued_call_stays_unknown(runner: StepRunner) -> None:
    got, message = _status("", r"Q(0) + Q(1) = 2", runner)  # no value given: never wrong
    assert got in ("unparsed", "inconclusive"), message
