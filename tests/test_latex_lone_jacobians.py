"""A Jacobian written alone (lone_jacobians.py) is read in each convention in use, the same for
every Jacobian of the step: numerator layout, denominator layout, and, for an entry-wise map (a
diagonal Jacobian), its diagonal (∂a/∂z = σ'(z)), never one number (∂z/∂b = 1 with b a vector is I:
test_latex_addend_scalars). A step that holds in none of them is never made ok by these readings."""

from __future__ import annotations

import numpy as np
import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.lone_jacobians import in_layout
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tensor_ops import Dual, NotJudged

NOTATION = load_notation()
NEURON = "La neurona calcula\n\n$$z = w x + b$$\n\n$$a = \\sigma(z)$$\n\nDerivamos:\n\n$${claim}$$\n"


def _status(claim: str, runner: StepRunner) -> tuple[str, str]:
    results = check_text(NEURON.format(claim=claim), NOTATION, runner=runner, markdown=True, examples=30).results
    return results[-1].status, results[-1].message


def test_the_diagonal_forms_of_a_jacobian() -> None:
    diagonal = Dual(np.diag([0.25, 0.5]))
    assert in_layout(diagonal, "diagonal").v.ravel().tolist() == [0.25, 0.5]
    assert in_layout(Dual(3 * np.eye(2)), "diagonal").v.ravel().tolist() == [3.0, 3.0]  # not the number 3
    with pytest.raises(NotJudged):
        in_layout(Dual(np.array([[1.0, 2.0], [0.0, 1.0]])), "diagonal")  # W x: no entry-wise form


@pytest.mark.parametrize(
    "claim",
    [r"\frac{\partial a}{\partial z} = \sigma'(z)", r"\frac{\partial a}{\partial b} = \sigma'(z)"],
)
def test_an_entrywise_jacobian_written_as_its_diagonal_is_ok(claim: str, runner: StepRunner) -> None:
    # was inconclusive: "proved (structural) if the names were scalars; as matrices: the sides
    # differ under every reading of the undeclared shapes tried (b: n-vector, w: n×d)"
    status, message = _status(claim, runner)
    assert status == "ok" and "entry-wise map" in message, message


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial z}{\partial b} = 2",
        r"\frac{\partial z}{\partial b} = 1",  # b is a vector here: I, not 1
        r"\frac{\partial a}{\partial z} = \sigma(z)",
        r"\frac{\partial a}{\partial z} = \sigma'(z)^2",
        r"\frac{\partial a}{\partial x} = \sigma'(z)",
    ],
)
def test_a_wrong_diagonal_is_never_ok(claim: str, runner: StepRunner) -> None:
    status, message = _status(claim, runner)
    assert status != "ok", message
