"""Brace groups in LaTeX source text (text_groups.brace_group_end)."""

from __future__ import annotations

from derive.checks.latex.text_groups import brace_group_end


def test_the_group_ends_after_its_closing_brace() -> None:
    text = r"\underbrace{b - {c}}_{t}"
    assert text[: brace_group_end(text, 11)] == r"\underbrace{b - {c}}"


def test_escaped_braces_are_not_the_group_and_unbalanced_is_minus_one() -> None:
    text = r"{\{1, 2\}} x"
    assert brace_group_end(text, 0) == 10
    assert brace_group_end("{a{b}", 0) == -1
