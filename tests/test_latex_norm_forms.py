"""Fractions read by the normalizer (checks/latex/norm_forms.py): Leibniz fractions whose
denominator is the differential of an expression (the nineteenth hunt's tanh/sigmoid identity,
``2 \\frac{d\\sigma(2z)}{d2z} \\cdot \\frac{d2z}{dz}``) are derivatives, never quotients whose d's cancel."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> dict[str, tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return {f"{r.step.lhs.strip()} = {r.step.rhs.strip()}": (r.status, r.message) for r in report.results}


def test_a_derivative_by_a_scaled_variable_is_no_quotient(runner: StepRunner) -> None:
    # ProFatXuanAll local-feedback post: the chain rule through 2z, d/d2z, was 'wrong' read as
    # (d·σ(2z))/(d·2z) · (d·2z)/(d·z) = σ(2z)/z
    claim = r"2 \frac{d\sigma(2z)}{d2z} \cdot \frac{d2z}{dz} = 4 \sigma(2z) (1 - \sigma(2z))"
    status, message = _statuses(f"$${claim}$$\n", runner)[claim]
    assert status != "wrong" and "with respect to an expression" in message, message
    # by \frac{z}{2} as well
    half = r"\frac{d\tanh(\frac{z}{2})}{d\frac{z}{2}} \cdot \frac{d\frac{z}{2}}{dz} = 2"
    assert _statuses(f"$${half}$$\n", runner)[half][0] != "wrong"


def test_a_derivative_of_a_scaled_variable_is_still_judged(runner: StepRunner) -> None:
    # the differential of 2z in the numerator over dz is read: right is ok, a wrong value wrong
    statuses = _statuses("$$\\frac{d2z}{dz} = 2$$\n\n$$\\frac{d2z}{dz} = 3$$\n", runner)
    assert statuses[r"\frac{d2z}{dz} = 2"][0] == "ok"
    assert statuses[r"\frac{d2z}{dz} = 3"][0] == "wrong"
