"""A cases brace around a whole display that lists equations is not a piecewise value (listed_equations.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.listed_equations import unbraced_list
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.rows import MappedText

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> dict[int, list[str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    out: dict[int, list[str]] = {}
    for r in report.results:
        out.setdefault(r.step.line, []).append(r.status)
    return out


def _text(body: str) -> str:
    return unbraced_list(MappedText(body, list(range(len(body))))).text


# held-out 13 (grobol, French course notes): two equations grouped by a brace, no condition column
_LISTED = (
    "Si le classifieur a raison :\n\n$$\n  \\begin{cases}\n"
    "    2\\cdot 3 = 6 = 3 + 3\\\\\n"
    "    \\log(1) = 0\n  \\end{cases}\n$$\n\n"
    "Et ici :\n\n$$\n\\left\\{\\begin{cases}\n    2\\cdot 3 = 5\\\\\n    \\vdots\\\\\n    4 - 1 = 3\n"
    "\\end{cases}\\right.\n$$\n"
)


def test_each_listed_equation_is_a_row(runner: StepRunner) -> None:
    by_line = _statuses(_LISTED, runner)
    assert by_line[5] == ["ok", "ok"] and by_line[6] == ["ok"]
    assert by_line[14] == ["wrong"]  # a wrong equation in the list is found, at its own line
    assert by_line[16] == ["ok"]


def test_a_brace_with_a_value_before_it_or_conditions_is_kept() -> None:
    piecewise = "f(x) = \\begin{cases} x = 1 \\\\ y = 2 \\end{cases}"
    assert _text(piecewise) == piecewise
    with_conditions = "\\begin{cases} a = 1 & x > 0 \\\\ a = 2 & x \\leq 0 \\end{cases}"
    assert _text(with_conditions) == with_conditions
    one_row = "\\begin{cases} a = 1 \\end{cases}"
    assert _text(one_row) == one_row
    values_only = "\\begin{cases} 1 \\\\ a = 2 \\end{cases}"
    assert _text(values_only) == values_only
    assert "cases" not in _text("\\begin{cases} a = 1 \\\\ b = 2 \\end{cases}.")
