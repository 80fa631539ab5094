r"""A matrix of one cell is its cell in brackets (checks/latex/one_cell_matrices.py):
``\begin{bmatrix} \frac{\partial f}{\partial x} \end{bmatrix}``, ``\pmatrix{a + b}``; more than one
cell, a row written with commas, bars and braces stay unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(preamble: str, steps: list[str], runner: StepRunner) -> list[str]:
    text = preamble + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results][-len(steps) :]


def test_a_one_variable_gradient_written_as_a_vector_of_one_entry(runner: StepRunner) -> None:
    # a worked gradient-descent example: f(x) = -x^2, its gradient a "vector" of one entry
    preamble = "Let $f(x) = -x^2$.\n\n"
    steps = [
        r"\nabla f(x) = \begin{bmatrix} \frac{\partial f}{\partial x} \end{bmatrix}",
        r"\begin{bmatrix} \frac{\partial f}{\partial x} \end{bmatrix} = \begin{bmatrix} -2x \end{bmatrix}",
        r"\begin{bmatrix} \frac{\partial f}{\partial x} \end{bmatrix} = \begin{bmatrix} 2x \end{bmatrix}",
    ]
    assert _statuses(preamble, steps, runner) == ["ok", "ok", "wrong"]


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\begin{pmatrix} a + b \end{pmatrix}^2 = a^2 + 2ab + b^2", "ok"),
        (r"\begin{pmatrix} a + b \end{pmatrix}^2 = a^2 + ab + b^2", "wrong"),
        (r"\pmatrix{a + b}^2 = a^2 + 2ab + b^2", "ok"),
        (r"\pmatrix{a + b}^2 = a^2 + ab + b^2", "wrong"),
    ],
)
def test_a_one_cell_matrix_is_a_bracket(step: str, status: str, runner: StepRunner) -> None:
    assert _statuses("", [step], runner) == [status]


@pytest.mark.parametrize(
    "step",
    [
        r"\begin{bmatrix} a, b \end{bmatrix} = a + b",  # a row written with commas
        r"\begin{bmatrix} a & b \end{bmatrix} = a + b",
        r"\begin{bmatrix} a \\ b \end{bmatrix} = a + b",
        r"\begin{vmatrix} a + b \end{vmatrix} = a + b",  # a determinant's bars
        r"\begin{bmatrix} \cdots a \cdots \end{bmatrix} = a",
    ],
)
def test_more_than_one_cell_is_not_read_as_a_bracket(step: str, runner: StepRunner) -> None:
    assert _statuses("", [step], runner) != ["ok"]
