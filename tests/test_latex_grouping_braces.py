r"""Braces around an expression are brackets (``\sum_i \left\{ a_i + b_i \right\}``, ``\{ f(g(x))
\}'``); a set (a comma, a colon, a bar, ``\in`` at the top level, or one element) stays a set."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.grouping_braces import grouping_braces


def _rewritten(words: list[str]) -> list[str]:
    return [t for t, _ in grouping_braces([(w, False) for w in words])]


def test_braces_around_an_expression_are_brackets(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\{ (2x+1)^2 \\}' = 4(2x+1)$$\n\n"
        "$$\\sum_{i=1}^{n} \\left\\{ a_i + b_i \\right\\} = \\sum_{i=1}^{n} a_i + \\sum_{i=1}^{n} b_i$$\n\n"
        "$$\\sum_{i=1}^{n} \\left\\{ a_i + b_i \\right\\} = \\sum_{i=1}^{n} a_i - \\sum_{i=1}^{n} b_i$$\n\n"
        "$$A = \\{1, 2, 3\\}$$\n"
    )
    assert statuses(text) == ["ok", "ok", "wrong", "unparsed"]


def test_sets_stay_sets() -> None:
    for words in (
        ["\\{", "1", ",", "2", "\\}"],  # listed
        ["\\{", "x", ":", "x", ">", "0", "\\}"],  # set-builder
        ["\\{", "x", "\\mid", "x", "+", "1", ">", "0", "\\}"],
        ["\\{", "x", "_", "i", "\\}"],  # one element
        ["\\{", "a", "+", "b", "\\in", "S", "\\}"],
    ):
        assert _rewritten(words) == words
    assert _rewritten(["\\{", "a", "+", "b", "\\}", "'"]) == ["(", "a", "+", "b", ")", "'"]
