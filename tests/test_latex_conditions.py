"""Conditions read from prose and from row tails: clear ones taken, definitions and ranges never."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.conditions import as_conditions, prose_conditions, row_condition
from derive.checks.latex.normalize import load_notation


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("For $i \\neq j$:", ["i \\neq j"]),
        ("if i = y_i then", ["i = y_i"]),
        ("where $i \\ne j$", ["i \\neq j"]),
        ("when i ≠ j, the entries", ["i \\neq j"]),
        ("Case $i=j$.", ["i = j"]),
        ("for all $x > 0$", ["x > 0"]),
        ("if $z^{(2)} \\geq 0$", ["z^{(2)} \\geq 0"]),
        ("assuming \\(k \\le n\\)", ["k \\leq n"]),
    ],
)
def test_conditions_stated_in_prose_are_read(prose: str, expected: list[str]) -> None:
    assert prose_conditions(prose) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "where $z = Wx + b$",  # a definition: assuming it could hide an error
        "for $i = 1, \\dots, n$",  # a range, not a condition
        "with respect to $x$",
        "we have $a = b$ here",  # no trigger word
        "if $\\frac{a}{b} > 0$",  # too heavy to be a plain condition
        "for $i = j = 1$",  # a chain, not one relation
    ],
)
def test_what_is_not_clearly_a_condition_is_not_taken(prose: str) -> None:
    assert prose_conditions(prose) == []


@pytest.mark.parametrize(
    ("row", "cut", "expected"),
    [
        ("-S_i S_j \\quad \\text{for } i \\neq j", "-S_i S_j", ["i \\neq j"]),
        ("a \\text{ if $i = j$}", "a", ["i = j"]),
        ("a \\quad \\text{(for } i \\neq j)", "a", ["i \\neq j"]),
        ("a \\quad (i \\neq j)", "a", ["i \\neq j"]),
        ("f(x) = 0 \\quad \\text{if } x<0", "f(x) = 0", ["x < 0"]),
        ("a,\\ \\text{if } i = j \\text{ and } k > 1", "a", ["i = j", "k > 1"]),
        # a bare bound after a \\quad (held-out 9's hyperbolic functions: cosh^{-1}(x) = … \\quad x \\geq 1)
        ("\\ln(x + \\sqrt{x^2 - 1}) \\quad x\\geq1", "\\ln(x + \\sqrt{x^2 - 1})", ["x \\geq 1"]),
        ("\\frac{1}{x} \\qquad x > 0", "\\frac{1}{x}", ["x > 0"]),
    ],
)
def test_a_trailing_condition_in_a_row_is_found_with_where_it_starts(row: str, cut: str, expected: list[str]) -> None:
    found = row_condition(row)
    assert found is not None
    start, conditions = found
    assert row[:start].strip() == cut
    assert conditions == expected


@pytest.mark.parametrize(
    "row",
    [
        "a \\text{ where } z = Wx", "x_{\\text{for } i}", "a = b", "g(x) \\quad (3)",
        # two statements side by side, a disjunction, a bound with a set: none is one clear bound
        "6 \\quad s = 8", "1 \\quad x<-1\\ or\\ x>1", "x \\quad x\\in\\mathbf{R},\\ x\\neq 0", "a \\quad x \\leq y = 2",
    ],
)
def test_rows_without_a_clear_trailing_condition_are_left_alone(row: str) -> None:
    assert row_condition(row) is None


def test_one_unclear_part_drops_the_whole_conjunction() -> None:
    # half a condition could be a wrong assumption: all or nothing
    assert as_conditions("i \\neq j \\text{ and } z = Wx + b") == []
    assert as_conditions("i \\neq j \\text{ and } k = 1") == ["i \\neq j", "k = 1"]


def test_conditions_in_the_languages_of_the_corpora() -> None:
    # French, German, Spanish softmax derivations state the off-diagonal case in their own words
    assert prose_conditions("et pour $i \\neq j$ on a") == ["i \\neq j"]
    assert prose_conditions("für $i \\neq j$ gilt") == ["i \\neq j"]
    assert prose_conditions("si $i = j$, entonces") == ["i = j"]
    assert prose_conditions("para $k \\ne i$") == ["k \\neq i"]
    # a definition after "où" (where) is no condition, nor is "Soit" (let)
    assert prose_conditions("où $z = Wx + b$") == []
    assert prose_conditions("Soit $y = 0$") == []


def test_chinese_if_reads_a_condition() -> None:
    """Sixteenth hunt (a Chinese book on logistic regression): 若 (if), 如果, 当 (when) lead a
    condition as "if" does; a definition after them is still no condition."""
    assert prose_conditions("若 $$l\\ne j$$ ，则") == ["l \\neq j"]
    assert prose_conditions("当$i=j$时") == ["i = j"]
    assert prose_conditions("如果 $z = Wx + b$") == []


def test_a_bare_bound_after_a_quad_is_the_steps_condition(runner: StepRunner) -> None:
    # held-out 9 (hyperbolic functions): "\quad x\geq1" after a formula was a second expression
    text = "$$\\sqrt{x^2} = x \\quad x \\geq 0$$\n\n$$\\frac{d}{dx}|x| = 1 \\quad x>0$$\n\n"
    text += "$$\\sqrt{x^2} = -x \\quad x \\geq 0$$\n\n$$\\frac{d}{dx}|x| = -1 \\quad x>0$$\n"
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "ok", "wrong", "wrong"]


def test_a_range_is_both_its_bounds() -> None:
    # held-out 9: "\quad -1<x<1", "\quad 0<x\leq 1" (a domain after a formula)
    assert as_conditions("-1<x<1") == ["-1 < x", "x < 1"]
    assert as_conditions("0<x\\leq 1") == ["0 < x", "x \\leq 1"]
    assert as_conditions("1 > x \\geq 0") == ["1 > x", "x \\geq 0"]
    # a disjunction, or signs that point two ways, are no range: nothing is taken
    assert as_conditions("x<-1\\ or\\ x>1") == []
    assert as_conditions("a < b > c") == []


def test_a_step_under_a_range_is_judged_inside_it(runner: StepRunner) -> None:
    text = "$$\\sqrt{(x - 1)^2} = 1 - x \\quad 0 < x < 1$$\n\n$$\\sqrt{(x - 1)^2} = x - 1 \\quad 0 < x < 1$$\n"
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]
