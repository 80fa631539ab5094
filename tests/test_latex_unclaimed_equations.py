r"""Equations written to show a contradiction (unclaimed_equations.contradictions): ``\implies 1 = 0``
after an assumed equation is what the assumption forces, never a wrong step; plain arithmetic is."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.unclaimed_equations import contradictions

NOTATION = load_notation()

# m-ciniello/omscs-ml-notes lagrange_multipliers.md (the twelfth hunt, left open then): the KKT
# condition at a point where it fails forces "1 = 0", and the page says "This is a contradiction."
KKT = (
    "$$(1, 0) + \\mu_1 (0, 1) + \\mu_2 (0,-1) = (0,0)$$\n"
    "$$\\implies 1 = 0 \\quad \\text{(from the first component)}$$\n\nThis is a contradiction.\n"
)


def test_whole_numbers_after_an_arrow_are_a_contradiction() -> None:
    assert contradictions(extract(KKT, markdown=True)) == {(2, 16)}
    assert contradictions(extract("$$x = 2 \\implies 2x = 4$$\n", markdown=True)) == frozenset()
    assert contradictions(extract("$$2 + 2 = 5$$\n", markdown=True)) == frozenset()


def test_a_contradiction_after_an_arrow_is_not_a_claim(runner: StepRunner) -> None:
    results = check_text(KKT, NOTATION, runner=runner, markdown=True).results
    (last,) = [r for r in results if r.step.lhs.strip() == "1"]
    assert last.status == "inconclusive" and "contradiction" in last.message


def test_arithmetic_without_an_arrow_is_still_wrong(runner: StepRunner) -> None:
    results = check_text("$$2 + 2 = 5$$\n\n$$1 = 0$$\n", NOTATION, runner=runner, markdown=True).results
    assert [r.status for r in results] == ["wrong", "wrong"]
