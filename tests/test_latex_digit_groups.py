"""Digits grouped by threes with a space are one number (digit_groups.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.digit_groups import digit_groups
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("latex", "numbers"),
    [
        ("50 880", ["50880"]),
        (r"50\,880", ["50880"]),
        (r"1\,000\,000", ["1000000"]),
        ("12 345.5", ["12345.5"]),
        ("x_1 200", ["1", "200"]),  # the subscript takes its one digit
        ("2 3", ["2", "3"]),  # not a group of three
        ("0.5 100", ["0.5", "100"]),
        (r"1234\,567", ["1234", "567"]),  # a first group of more than three digits is no grouping
    ],
)
def test_groups_are_joined(latex: str, numbers: list[str]) -> None:
    words = [w for w, _ in digit_groups(list(tex_tokens(latex)))]
    assert [w for w in words if w[0].isdigit()] == numbers


def test_a_parameter_count_written_in_groups(runner: StepRunner) -> None:
    # held-out 18 (TDT4265 reports): "= \underline{\underline{50 880}}" was 50 · 880 = 44 000, a false alarm
    text = (
        "$$(785 \\cdot 64) + (64 \\cdot 10) = \\underline{\\underline{50 880}}$$\n\n"
        "$$(785 \\cdot 60) + (60 \\cdot 60) + (60 \\cdot 10) = 51\\,300$$\n\n"
        "$$(785 \\cdot 64) + (64 \\cdot 10) = 50 881$$\n"
    )
    by_line = {r.step.line: r for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[1].status == "ok" and by_line[3].status == "ok"
    assert by_line[5].status == "wrong"  # a count off by one is still wrong
