r"""A display laid out as an array of relations (``\begin{array}{rcl} a & = & b \newline & = & c``,
how MathJax notes write an align) has its rows as steps (rows._layout_array); an array of
entries (a matrix) stays one term."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
CHAIN = "$$\\tag{B1}\n\\begin{array}{rcl}\nf & = & (x + 1)^2 {break}\n& = & x^2 + 2x + {last}\n\\end{array}\n$$\n"


def _statuses(text: str, runner: StepRunner) -> list[tuple[int, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [(r.step.line, r.status) for r in report.results]


def test_the_rows_of_a_relation_array_are_steps(runner: StepRunner) -> None:
    for row_break in ("\\\\", "\\newline"):
        text = CHAIN.replace("{break}", row_break).replace("{last}", "1")
        assert (4, "ok") in _statuses(text, runner), text


def test_a_slip_in_a_relation_array_is_wrong(runner: StepRunner) -> None:
    text = CHAIN.replace("{break}", "\\newline").replace("{last}", "2")
    assert (4, "wrong") in _statuses(text, runner)


def test_an_array_of_entries_stays_one_matrix() -> None:
    text = "$$A = \\left[\\begin{array}{cc} 1 & 2 \\\\ 3 & 4 \\end{array}\\right]$$\n"
    (equation,) = extract(text, markdown=True)
    assert len(equation.pieces) == 1 and "\\begin{array}" in equation.pieces[0].text


def test_a_one_column_array_of_equations_is_its_rows(runner: StepRunner) -> None:
    # Typora's \begin{array}{l} stacking equations (held-out 32's matrix back-propagation notes)
    text = "$$\n\\begin{array}{l}\nf = (x + 1)^2 \\\\ \\\\\ng = f - 1\n\\end{array}\n$$\n\n$$ g - x^2 = {last} $$\n"
    assert _statuses(text.replace("{last}", "2x"), runner)[-1] == (8, "ok")
    # the wrong twin: the rows' values read, a slip after them is found
    assert _statuses(text.replace("{last}", "2x + 1"), runner)[-1] == (8, "wrong")
    # a column vector is no stack of equations: kept as one term
    vector = "$$\n\\begin{array}{c} x_1 \\\\ x_2 \\end{array}\n$$\n"
    assert _statuses(vector, runner) == []
