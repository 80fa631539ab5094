"""Bounds stated for a step ("for $z > 0$") as the prover's assumptions (sign_conditions.py)."""

from __future__ import annotations

import sympy as sp
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.sign_conditions import sign_relations

NOTATION = load_notation()

_RELU = (
    "For $z > 0$:\n\n$$\\frac{d}{dz}\\mathrm{ReLU}(z) = 1$$\n\n"
    "For $z \\le 0$:\n\n$$\\frac{d}{dz}\\mathrm{ReLU}(z) = 0$$\n\n"
    "For $z > 0$:\n\n$$\\frac{d}{dz}\\mathrm{ReLU}(z) = 0$$\n\n"
    "For $x < 0$:\n\n$$\\frac{d}{dx} |x| = -1$$\n\n"
    "For $x < 0$:\n\n$$\\frac{d}{dx} |x| = 1$$\n"
)


def test_a_step_is_judged_inside_its_stated_bound(runner: StepRunner) -> None:
    by_line = {r.step.line: r for r in check_text(_RELU, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[3].status == "ok"  # ReLU'(z) = 1 for z > 0 (over every z it could not be ok)
    assert by_line[7].status == "ok"  # and 0 for z ≤ 0 (the kink is not decided)
    assert by_line[15].status == "ok"
    # wrong only with a counterexample inside the bound, and the message says so
    assert by_line[11].status == "wrong" and "z > 0" in by_line[11].message
    point = by_line[11].counterexample["point"]
    assert all(float(sp.Rational(v)) > 0 for v in point.values())
    assert by_line[19].status == "wrong" and "x < 0" in by_line[19].message


def test_only_bounds_of_the_steps_own_symbols_by_numbers_are_taken() -> None:
    z, w = sp.Symbol("z", real=True), sp.Symbol("w", real=True)
    assert sign_relations(("z > 0",), {z}) == [sp.Gt(z, 0)]
    assert sign_relations(("0 < z", r"w \leq 1"), {z, w}) == [sp.Gt(z, 0), sp.Le(w, 1)]
    # an index condition, a name the step does not write, a bound by a name: none is used
    assert sign_relations((r"i \neq j",), {z}) is None
    assert sign_relations(("x > 0",), {z}) is None
    assert sign_relations(("z > w",), {z, w}) is None
    assert sign_relations(("z > 0", r"i \neq j"), {z}) is None


def test_a_bound_on_a_name_replaced_by_its_value_is_not_used(runner: StepRunner) -> None:
    # z = wx + b: the step as built holds w, x, b, not z, so "z > 0" cannot be put to the prover,
    # and a difference over every w, x, b is no evidence against the step
    text = "Let $z = wx + b$. For $z > 0$:\n\n$$\\frac{d}{dw}\\mathrm{ReLU}(z) = x$$\n"
    by_line = {r.step.line: r for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[3].status != "wrong"


def test_a_value_stated_for_a_name_is_an_assumption_too(runner: StepRunner) -> None:
    y = sp.Symbol("y", real=True)
    assert sign_relations(("y = 1",), {y}) == [sp.Eq(y, 1)]
    text = (
        "For $y = 1$:\n\n$$-(y\\log p + (1-y)\\log(1-p)) = -\\log p$$\n\n"
        "For $y = 1$:\n\n$$-(y\\log p + (1-y)\\log(1-p)) = -\\log(1-p)$$\n"
    )
    by_line = {r.step.line: r for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[3].status == "ok"  # the binary cross-entropy at its label's value
    assert by_line[7].status == "wrong" and "y = 1 holds" in by_line[7].message


def test_a_bound_a_reading_already_implies_adds_nothing_and_a_contradicted_one_drops_all() -> None:
    import sympy as sp
    from derive.checks.latex.sign_conditions import sign_relations

    a = sp.Symbol("a", positive=True)  # read positive (root_squares): a > 0 is True, not a relation
    assert sign_relations(("a > 0",), {a}) == []
    assert sign_relations(("a < 0",), {a}) is None
    b = sp.Symbol("b", real=True)
    assert sign_relations(("b > 0",), {b}) == [sp.Gt(b, 0)]
