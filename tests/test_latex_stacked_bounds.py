"""A sum's subscript stacked on lines (\\substack, a one-column array) is read as one line (stacked_bounds.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stacked_bounds import stacked_bounds
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _words(latex: str) -> str:
    return " ".join(t for t, _ in stacked_bounds(list(tex_tokens(latex))))


def test_the_stack_becomes_its_rows_joined_by_commas() -> None:
    assert _words(r"\sum_{\substack{k=1 \\ k \neq i}} x_k") == r"\sum _ { k = 1 , k \neq i } x _ k"
    array = r"\sum^K_{\begin{array}{c} k = 1\\ k\neq i \end{array}} x_k"
    assert _words(array) == r"\sum ^ K _ { k = 1 , k \neq i } x _ k"
    # an array that is not a whole subscript is a matrix, left as it is
    matrix = r"A = \begin{array}{c} 1 \\ 2 \end{array}"
    assert _words(matrix) == " ".join(t for t, _ in tex_tokens(matrix))


_STEPS = (
    "$$\n\\begin{align}\n"
    "g_i &=-\\sum^K_{\\begin{array}{c}\n    k = 1\\\\\n    k\\neq i\n\\end{array}}\\left[-y_k\\hat{y}_{i}\\right]"
    " + y_i\\left(1-\\hat{y}_{i}\\right)\\\\\n"
    "&=\\sum_{\\substack{k=1 \\\\ k\\neq i}}^K y_k\\hat{y}_{i} + y_i\\left(1-\\hat{y}_{i}\\right)\\\\\n"
    "&=\\sum_{\\substack{k=1 \\\\ k\\neq i}}^K y_k\\hat{y}_{i} - y_i\\left(1-\\hat{y}_{i}\\right)\n"
    "\\end{align}\n$$\n"
)


def test_sums_with_stacked_conditions_are_judged(runner: StepRunner) -> None:
    # held-out 18 (a TDT4265 notebook): "a sum whose start is not a number" for a stacked k = 1, k ≠ i
    by_line = {r.step.line: r for r in check_text(_STEPS, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[7].status == "ok"
    assert by_line[8].status == "wrong"  # the last term's sign flipped
