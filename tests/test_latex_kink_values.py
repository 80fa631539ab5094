"""A derivative's value at a kink is a convention, never compared (kink_values.py)."""

from __future__ import annotations

import sympy as sp
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.kink_values import at_kink
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_a_derivative_at_the_kink_is_not_judged(runner: StepRunner) -> None:
    # held-out 24 (a homework notebook): f(x) = max(0, x), "we are explicitly setting f'(0) = 0";
    # SymPy's Heaviside(0) = 1/2 had called it wrong
    text = (
        "Let $f(x) = \\text{max}(0, x)$.\n\n$$f'(0) = 0$$\n\n$$f'(3) = 1$$\n\n$$f'(3) = 0$$\n\n"
        "$$\\text{ReLU}'(0) = 1$$\n\n$$\\text{ReLU}'(2) = 0$$\n\n$$\\sigma'(0) = \\frac{1}{4}$$\n"
    )
    assert _statuses(text, runner) == ["unparsed", "ok", "wrong", "unparsed", "wrong", "ok"]


def test_only_a_jump_at_the_point_is_a_kink() -> None:
    t = sp.Symbol("t", real=True)
    assert at_kink(sp.Heaviside(t), t, sp.Integer(0))
    assert at_kink(sp.Heaviside(t - 1), t, sp.Integer(1))
    assert not at_kink(sp.Heaviside(t), t, sp.Integer(2))
    assert not at_kink(sp.exp(t), t, sp.Integer(0))
