"""A function's name given a plain value after it (checks/latex/later_plain_values.py): ``F(b) = …``
(b the network's parameters, a letter its body does not write), then "for one example, ``F = …``".
Right steps below the plain value are ok (saying which value they
took); wrong ones of the same shape are never called wrong (the batch objective may be meant); a
plain value before the function, a function defined again after it, and a step above the plain value
stay as they were (the name free)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.later_plain_values import noted_plain, plain_at, plain_values_after
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

BATCH_CE = r"F(b) = -\frac{1}{N}\sum_{k=1}^N \left[y_k \ln p_k + (1 - y_k)\ln(1 - p_k)\right]"
ONE_CE = r"F = -y \ln a - (1 - y)\ln(1 - a)"
BATCH_SQ = r"J(\theta) = \frac{1}{m}\sum_{i=1}^m (w x_i - y_i)^2"
ONE_SQ = r"J = (w x - y)^2"
BATCH_HALF = r"L(\Theta) = \frac{1}{2n}\sum_{i=1}^n (\theta u_i - v_i)^2"
ONE_HALF = r"L = \frac{1}{2}(\theta u - v)^2"


def _verdict(displays: list[str], runner: StepRunner) -> tuple[str, str]:
    """The verdict of the last display (each display its own paragraph, with prose between)."""
    text = "".join(f"In this case\n$$ {d} $$\n\n" for d in displays)
    results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    last = [r for r in results if r.step.line == 3 * len(displays) - 1]
    assert last, [(r.step.line, r.status) for r in results]
    return last[-1].status, last[-1].message


RIGHT = [
    ([BATCH_CE, ONE_CE], r"\frac{\partial F}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}"),
    ([BATCH_CE, ONE_CE], r"\frac{\partial F}{\partial a} = \frac{a - y}{a(1 - a)}"),
    ([BATCH_SQ, ONE_SQ], r"\frac{\partial J}{\partial w} = 2(w x - y)x"),
    ([BATCH_SQ, ONE_SQ], r"\frac{dJ}{dw} = 2x(w x - y)"),
    ([BATCH_HALF, ONE_HALF], r"\frac{dL}{d\theta} = (\theta u - v)u"),
]


@pytest.mark.parametrize(("displays", "step"), RIGHT)
def test_right_steps_below_the_plain_value_are_ok(displays: list[str], step: str, runner: StepRunner) -> None:
    status, message = _verdict([*displays, step], runner)
    assert status == "ok", message
    assert "plain value written last" in message


WRONG = [
    ([BATCH_CE, ONE_CE], r"\frac{\partial F}{\partial a} = \frac{y}{a} + \frac{1 - y}{1 - a}"),
    ([BATCH_SQ, ONE_SQ], r"\frac{\partial J}{\partial w} = 2(w x - y)"),
    ([BATCH_HALF, ONE_HALF], r"\frac{dL}{d\theta} = (\theta u - v)"),
]


@pytest.mark.parametrize(("displays", "step"), WRONG)
def test_wrong_steps_are_held_not_refuted(displays: list[str], step: str, runner: StepRunner) -> None:
    """The plain value is the reader's choice: a step it refutes may mean the function."""
    status, message = _verdict([*displays, step], runner)
    assert status == "inconclusive", message
    assert "more than one value" in message


NEAR = [
    # the plain value first, the function after: the latest value is the function's
    ([ONE_CE.replace("F =", "F ="), BATCH_CE], r"\frac{\partial F}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}"),
    # the function defined again after the plain value
    ([BATCH_CE, ONE_CE, r"F(c) = c^2"], r"\frac{\partial F}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}"),
    # the step above the plain value: the name is still the function's alone
    ([BATCH_CE, r"\frac{\partial F}{\partial a} = -\frac{y}{a} + \frac{1 - y}{1 - a}", ONE_CE], None),
]


@pytest.mark.parametrize(("displays", "step"), NEAR)
def test_near_misses_stay_unjudged(displays: list[str], step: str | None, runner: StepRunner) -> None:
    if step is None:  # the step is the middle display
        text = "".join(f"In this case\n$$ {d} $$\n\n" for d in displays)
        results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
        status = next(r.status for r in results if r.step.line == 5)
    else:
        status, _ = _verdict([*displays, step], runner)
    assert status not in ("ok", "wrong")


@dataclass
class _Function:
    name: str
    line: int
    column: int


@dataclass
class _Definition:
    name: str
    line: int
    column: int
    letters: str = ""


def test_plain_values_after_orders_by_position() -> None:
    functions = [_Function("F", 2, 3), _Function("J", 9, 0)]
    definitions = [_Definition("F", 5, 3), _Definition("J", 4, 0), _Definition("p_{k}", 6, 0, "k")]
    later = plain_values_after({"F", "J", "p_{k}"}, definitions, functions)
    assert later == {"F": (5, 3)}  # J's plain value is before its function; p_k is a family
    assert plain_at(later, 5, 10) == {"F"} and plain_at(later, 5, 3) == frozenset()


def test_a_function_without_a_position_orders_nothing() -> None:
    later = plain_values_after({"F"}, [_Definition("F", 5, 0)], [_Function("F", 2, 0), object()])
    assert later == {"F": (5, 0)}  # an object with no name is not F's
    unordered = type("Unordered", (), {"name": "F"})()
    assert plain_values_after({"F"}, [_Definition("F", 5, 0)], [_Function("F", 2, 0), unordered]) == {}


def test_noted_plain_notes_only_ok() -> None:
    @dataclass
    class _Step:
        line: int
        column: int

    @dataclass
    class _Result:
        step: _Step
        status: str
        message: str

    later = {"F": (5, 0)}
    ok = noted_plain(_Result(_Step(7, 0), "ok", "proved"), {"F"}, later)
    assert "taking F as its plain value" in ok.message
    held = _Result(_Step(7, 0), "inconclusive", "F has more than one value")
    assert noted_plain(held, {"F"}, later) is held
    above = _Result(_Step(3, 0), "ok", "proved")
    assert noted_plain(above, {"F"}, later).message == "proved"
