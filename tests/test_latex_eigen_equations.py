"""The eigenvalue equation is a condition on the eigenpairs (checks/latex/eigen_equations.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.eigen_equations import eigen_condition
from hunt_steps import step_verdict


def test_the_eigenvalue_equation_is_recognised() -> None:
    assert eigen_condition(r"A\vec{x}", r"\lambda \vec{x}")
    assert eigen_condition(r"\lambda_1 v_1", r"M v_1")
    assert eigen_condition(r"\lambda I \mathbf{u}", r"B\mathbf{u}")
    assert eigen_condition(r"(A - \lambda I)\vec{x}", r"\vec{0}")
    assert not eigen_condition(r"A\vec{x}", r"3 \vec{x}")
    assert not eigen_condition(r"A\vec{x}", r"\lambda \vec{y}")


# an eigenvalue problem set up (ks982579/ksulldev-astro, made up here with another matrix)
SETUP = r"""The equations would be

$$
\begin{align*}
\begin{bmatrix}
4 & 1 \\
1 & 3
\end{bmatrix} \vec{x}&=\lambda \vec{x}
\end{align*}
$$
"""


def test_the_eigenvalue_equation_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SETUP, r"\begin{bmatrix}", runner)
    assert status == "inconclusive", message


def test_a_matrix_times_a_vector_against_a_number_times_it_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SETUP.replace(r"\lambda", "7"), r"\begin{bmatrix}", runner)
    assert status == "wrong", message
