"""A linear system written out is a condition on its unknowns (checks/latex/linear_systems.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.linear_systems import linear_system
from hunt_steps import step_verdict

MATRIX = r"\begin{bmatrix} 2 & 1 \\ 1 & 4 \end{bmatrix}"


def test_a_system_is_told_from_arithmetic() -> None:
    assert linear_system(MATRIX + r"\begin{bmatrix} x_1 \\ x_2 \end{bmatrix}", r"\begin{bmatrix} 3 \\ -2 \end{bmatrix}")
    assert linear_system(r"\begin{pmatrix} 5 \\ 0 \end{pmatrix}", MATRIX + r"\begin{pmatrix} a \\ b \end{pmatrix}")
    assert not linear_system(MATRIX + r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}", r"\begin{bmatrix} 4 \\ 9 \end{bmatrix}")
    names = r"\begin{bmatrix} y_1 \\ y_2 \end{bmatrix}"
    assert not linear_system(MATRIX + r"\begin{bmatrix} x_1 \\ x_2 \end{bmatrix}", names)


# the normal equations of a least-squares problem (ryanmaguire/Mathematics-and-Physics, made up here):
# x_1 and x_2 were given numbers by an earlier problem
SYSTEM = r"""In the first problem $x_1 = 1$ and $x_2 = 2$.

Computing $A^T A$, we get $MATRIX \begin{bmatrix} x_1 \\ x_2 \end{bmatrix} = \begin{bmatrix} 3 \\ -5 \end{bmatrix}$.
""".replace("MATRIX", MATRIX)


def test_a_system_to_solve_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SYSTEM, r"\begin{bmatrix} 2", runner)
    assert status == "inconclusive", message


def test_arithmetic_with_a_matrix_is_still_wrong(runner: StepRunner) -> None:
    text = r"$$" + MATRIX + r"\begin{bmatrix} 1 \\ 2 \end{bmatrix} = \begin{bmatrix} 4 \\ 10 \end{bmatrix}$$"
    status, message = step_verdict(text, r"\begin{bmatrix} 2", runner)
    assert status == "wrong", message
