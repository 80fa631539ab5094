r"""later_functions: a document function defined below a step does not refute it."""

from __future__ import annotations

from derive.checks.latex.later_functions import hold_before_definition
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.own_functions import NewFunction
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

NOTATION = load_notation()
RELU = NewFunction(12, 8, "f", "x", r"\max(0, x)")


def _wrong(line: int, lhs: str = "f(1.9)") -> StepResult:
    return StepResult(Step(line, lhs, r"\frac{1}{1 + e^{-1.9}}", "=", "display"), "wrong", {"point": {}}, "differ")


def test_a_wrong_above_the_definition_is_held() -> None:
    held = hold_before_definition([_wrong(6)], [RELU], NOTATION)[0]
    assert held.status == "inconclusive" and "further down (line 12)" in held.message


def test_a_wrong_below_the_definition_stands() -> None:
    assert hold_before_definition([_wrong(20)], [RELU], NOTATION)[0].status == "wrong"


def test_a_wrong_that_does_not_use_the_function_stands() -> None:
    assert hold_before_definition([_wrong(6, "g(1.9)")], [RELU], NOTATION)[0].status == "wrong"
