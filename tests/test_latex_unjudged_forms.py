r"""Forms a step is not judged in (unjudged_forms.py)."""

from __future__ import annotations

from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import Step
from derive.checks.latex.unjudged_forms import unjudged_form

NOTATION = load_notation()
MATRIX = r"\begin{pmatrix} 1.0 & 0 \\ 0.6 & 0.24 \end{pmatrix}"


def _form(lhs: str, rhs: str, kind: str = "display") -> dict | None:
    return unjudged_form(Step(1, lhs, rhs, "=", kind), NOTATION)


def test_each_form_is_asked() -> None:
    assert "\\quad" in _form("X", r"[s \quad 1]")["message"]
    assert "own" in _form(r"\delta_{ij}", "s_j - s_i")["message"]
    assert "contradiction" in _form("0", "1", "inline")["message"]
    assert "power of a matrix" in _form("p^2", MATRIX)["message"]


def test_a_power_of_a_declared_name_or_against_names_is_left_to_the_judges() -> None:
    assert _form("W^{(1)}", MATRIX) is None  # a layer's label, not a power
    assert _form("A^T", MATRIX) is None
    assert _form("q^{2}", MATRIX) is not None
    assert _form("p^2", r"\begin{pmatrix} a & 0 \\ 0 & 1 \end{pmatrix}") is None
    assert _form("p^2", "0.16") is None
    assert _form("x^2 + 1", "2x") is None
