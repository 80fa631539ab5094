"""Superscript before subscript (script_order.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.script_order import subscripts_first
from derive.checks.latex.tex_tokens import tex_tokens


def _order(text: str) -> str:
    return " ".join(t for t, _ in subscripts_first(list(tex_tokens(text))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a^L_i", "a _ i ^ L"),
        ("w^{(l)}_{jk}", "w _ { j k } ^ { ( l ) }"),
        (r"\sum^K_{k=1} y_k", r"\sum _ { k = 1 } ^ K y _ k"),
        ("x^2_i + y", "x _ i ^ 2 + y"),
    ],
)
def test_a_superscript_written_first_moves_after_the_subscript(text: str, expected: str) -> None:
    assert _order(text) == expected


@pytest.mark.parametrize("text", ["a_i^L", "a_i^L_j", "e^{x_i}", "x^{2}", "{a^L}_i"])
def test_other_scripts_stay_as_written(text: str) -> None:
    assert _order(text) == " ".join(t for t, _ in tex_tokens(text))
