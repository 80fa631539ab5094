"""Steps about names the document never declares (checks/latex/undeclared.py): when every shape
reading tried refutes the step, the scalar judge runs too; its wrong stands (a 1×1 reading is a
counterexample), its ok does not (read as scalars, matrices commute)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: held-out 1's Chinese logistic-regression notes, reduced: z = w^T x + b, ŷ = σ(z), no shapes declared
LOGISTIC = r"""
$$z = w^T x + b$$

$$\hat y = \sigma(z) = \frac{1}{1 + e^{-z}}$$

"""


def _last(step: str, runner: StepRunner, text: str = LOGISTIC) -> tuple[str, str]:
    report = check_text(text + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


def test_a_lost_square_is_wrong_whatever_the_shapes(runner: StepRunner) -> None:
    status, message = _last(r"\frac{d\hat y}{dz} = \frac{e^{-z}}{1+e^{-z}}", runner)
    assert status == "wrong", message


def test_the_right_derivative_is_not_wrong(runner: StepRunner) -> None:
    for right in (r"\frac{e^{-z}}{(1+e^{-z})^2}", r"\hat y (1 - \hat y)"):
        status, message = _last(r"\frac{d\hat y}{dz} = " + right, runner)
        assert status != "wrong", message


def test_commuting_matrices_are_never_ok(runner: StepRunner) -> None:
    status, message = _last("A B = B A", runner, text="")
    assert status == "inconclusive", message
