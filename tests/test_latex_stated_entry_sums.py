"""Entries the document states sum to one, written out (stated_entry_sums.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stated_entry_sums import stated_entry_sums

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("formulas", "sums"),
    [
        (["T_1 + T_2 + T_3 = 1"], (("T_{1}", "T_{2}", "T_{3}"),)),
        ([r"\hat{y}_1 + \hat{y}_{2} = 1"], ((r"\hat{y}_{1}", r"\hat{y}_{2}"),)),
        (["T_1 + y_2 = 1", "T_1 + T_1 = 1", "T_1 = 1", "T_1 + T_2 = 2", "T_1 - T_2 = 1"], ()),
    ],
)
def test_the_statements_read(formulas: list[str], sums: tuple[tuple[str, ...], ...]) -> None:
    assert stated_entry_sums(formulas) == sums


_LABELS = (
    "Note that $T_1 + T_2 + T_3 = 1$ (the labels sum to one).\n\n"
    "$$P_1(T_1 + T_2 + T_3) - T_1 = P_1 - T_1$$\n\n"
    "$$P_1(T_1 + T_2 + T_3) - T_1 = P_1 + T_1$$\n"
)


def test_a_step_that_needs_the_statement_is_judged_under_it(runner: StepRunner) -> None:
    # held-out 17 (softmax_ce_zh_walkerwzy): the last step of ∂L/∂y_1, with T_1 + T_2 + T_3 = 1
    report = check_text(_LABELS, NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r for r in report.results}
    assert by_line[3].status == "ok" and "T_{1} + T_{2} + T_{3} = 1" in by_line[3].message
    assert by_line[5].status == "wrong"  # wrong where the statement holds too
    assert by_line[1].status != "ok"  # the statement does not prove itself


def test_without_the_statement_the_step_is_not_ok(runner: StepRunner) -> None:
    text = _LABELS.replace("Note that $T_1 + T_2 + T_3 = 1$ (the labels sum to one).", "Note that.")
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert {r.step.line: r.status for r in report.results}[3] != "ok"
