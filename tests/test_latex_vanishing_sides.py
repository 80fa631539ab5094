"""An ok that rests on both sides being 0 as read is held back (vanishing_sides.py); a side
written as 0, or a step without a derivative, keeps its ok, and no other verdict is touched."""

from __future__ import annotations

from pathlib import Path

import sympy as sp
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import Normalized
from derive.checks.latex.notation import load_notation
from derive.checks.latex.scalar_judge import decide
from derive.checks.latex.vanishing_sides import VANISHED, both_vanish, hold_vanished

WAT36 = Path(__file__).parent / "data" / "latex_heldout11" / "backprop_softmax_ja_wat36.md"


def _ok_vanished() -> dict:
    return {"status": "ok", "counterexample": None, "message": "proved (both sides are 0)", "method": "x", VANISHED: 1}


def test_the_scalar_judge_marks_zero_against_zero() -> None:
    x = sp.Symbol("x")
    assert decide(sp.Integer(0), sp.Integer(0)).get(VANISHED) is True
    assert not decide(x - x + 1, sp.Integer(1)).get(VANISHED)
    assert both_vanish(sp.Integer(0), sp.Integer(0)) and not both_vanish(sp.Integer(0), x)


def test_zero_against_zero_with_derivatives_written_is_held_back() -> None:
    sides = (Normalized(source=r"-\frac{\partial}{\partial w} E"), Normalized(source=r"\frac{\partial E}{\partial w}"))
    out = hold_vanished(_ok_vanished(), sides)
    assert out["status"] == "inconclusive" and "both sides are 0 as read" in out["message"]


def test_a_side_written_as_zero_or_no_derivative_keeps_the_ok() -> None:
    said_zero = (Normalized(source=r"\frac{\partial b}{\partial W}"), Normalized(source="0"))
    arithmetic = (Normalized(source="1 - 1"), Normalized(source="2 - 2"))
    for sides in (said_zero, arithmetic):
        assert hold_vanished(_ok_vanished(), sides)["status"] == "ok"
    wrong = {**_ok_vanished(), "status": "wrong"}
    assert hold_vanished(wrong, said_zero)["status"] == "wrong"
    plain = {k: v for k, v in _ok_vanished().items() if k != VANISHED}
    assert hold_vanished(plain, said_zero)["status"] == "ok"


def test_a_dropped_minus_hidden_by_vanishing_derivatives_is_not_ok(runner: StepRunner) -> None:
    # eq. (3): -∂/∂w_ji (1/N) Σ E_n = (1/N) Σ ∂E_n/∂w_ji drops the minus sign; E_n as read from
    # eq. (1) never reaches w_ji, so both sides were 0 and the step was called ok
    report = check_text(WAT36.read_text(), load_notation(), runner=runner, examples=30, markdown=True)
    step = [r for r in report.results if r.step.line == 29]
    assert step and step[0].status != "ok"
    assert "both sides are 0 as read" in step[0].message
