r"""Equations side by side in one ``align`` row (checks/latex/align_columns.py): the seventeenth
hunt's batch-normalisation notebook writes ``& \mu=… & v=… \\``, two definitions a row."""

from __future__ import annotations

import pytest
from derive.checks.latex.align_columns import equation_columns
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.rows import MappedText

NOTATION = load_notation()


def _columns(text: str) -> list[str]:
    return [part.text for part in equation_columns(MappedText(text, list(range(len(text)))))]


def test_a_row_is_cut_where_a_second_ampersand_starts_an_equation() -> None:
    assert _columns(r"& \mu=\frac{1}{N}\sum_{k=1}^N x_k  &  v=\frac{1}{N}\sum_{k=1}^N (x_k-\mu)^2 ") == [
        r"& \mu=\frac{1}{N}\sum_{k=1}^N x_k  ",
        r"  v=\frac{1}{N}\sum_{k=1}^N (x_k-\mu)^2 ",
    ]
    # eqnarray's &=&, a remark column, a condition and a continued chain keep their row whole
    matrix = r"z = W x + b = \begin{bmatrix} 0.1 & 0.3 \\ -0.2 & 0.4 \end{bmatrix} x + b"  # its & are the matrix's
    # the hunt's rerun: a Chinese note's softmax of two classes, "& \text{when} C = 2" (a condition column)
    conditioned = r"&= \frac{e^{z_1}}{e^{z_1} + e^{z_2}}, & \text{when} C = 2"
    wholes = (r"A &=& B", r"A &= B && \text{(chain rule)}", r"&= B & \text{if } x > 0", r"A &= B &= C", matrix)
    for whole in (*wholes, conditioned):
        assert _columns(whole) == [whole]


BLOCK = "We compute the mean and variance:\n\n\\begin{align}\n{rows}\n\\end{align}\n"


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ("& \\mu=\\frac{1}{N}\\sum_{k=1}^N x_k  &  v=\\frac{1}{N}\\sum_{k=1}^N (x_k-\\mu)^2", []),
        ("& a = 2 + 3 = 5 & b = 2 \\cdot 3 = 6", ["ok", "ok"]),
        # the wrong twin: the second equation of the row is wrong
        ("& a = 2 + 3 = 5 & b = 2 \\cdot 3 = 7", ["ok", "wrong"]),
    ],
)
def test_side_by_side_equations_are_judged_apart(rows: str, status: list[str], runner: StepRunner) -> None:
    report = check_text(BLOCK.replace("{rows}", rows), NOTATION, runner=runner, examples=30, markdown=True)
    judged = [r for r in report.results if "definition" not in r.message]
    assert [r.status for r in judged] == status, [(r.step.lhs, r.step.rhs, r.message) for r in report.results]
