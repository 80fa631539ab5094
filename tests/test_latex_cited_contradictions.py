r"""Two different bare numbers set equal in running text (cited_contradictions.py)."""

from __future__ import annotations

from derive.checks.latex.cited_contradictions import cited_contradiction
from derive.checks.latex.steps import Step


def _step(lhs: str, rhs: str, kind: str = "inline", context: str = "") -> Step:
    return Step(1, lhs, rhs, "=", kind, context=context)


def test_an_impossible_equation_in_running_text_is_held() -> None:
    found = cited_contradiction(_step("0", "12"))
    assert found is not None and found["status"] == "inconclusive"
    assert cited_contradiction(_step("0", " -3")) is not None


def test_a_displayed_one_is_held_only_where_the_prose_calls_it_false() -> None:
    assert cited_contradiction(_step("0", "1", "display")) is None
    assert cited_contradiction(_step("0", "1", "display", "which is a contradiction:")) is not None


def test_computations_and_equal_numbers_are_left_to_the_judges() -> None:
    assert cited_contradiction(_step("2 + 2", "5")) is None
    assert cited_contradiction(_step("0.50", "0.5")) is None
    assert cited_contradiction(_step("1.65", "0.9505")) is None  # a table's entry (hunt 25)
    assert cited_contradiction(_step("x", "1")) is None
