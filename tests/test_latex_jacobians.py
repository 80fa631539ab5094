"""A Jacobian written alone (∂S(x)/∂x = diag(S) - S S^T) is judged in either layout."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation

COLUMN = load_notation()
JAC = r"\frac{\partial S(\mathbf{x})}{\partial \mathbf{x}} = "


def _last(text: str) -> tuple[str, str]:
    last = check_text(text, COLUMN, markdown=True).results[-1]
    return last.status, last.message


@pytest.mark.parametrize(
    ("step", "ok"),
    [
        (JAC + r"\text{diag}(S(\mathbf{x})) - S(\mathbf{x}) S(\mathbf{x})^T", True),
        (JAC + r"\text{diag}(S(\mathbf{x})) - S(\mathbf{x}) \cdot S(\mathbf{x})^T", True),
        (JAC + r"\text{diag}(S(\mathbf{x})) + S(\mathbf{x}) S(\mathbf{x})^T", False),
        (JAC + r"\text{diag}(S(\mathbf{x}))", False),
    ],
)
def test_softmax_jacobian(step: str, ok: bool) -> None:
    status, message = _last(f"$${step}$$\n")
    assert (status == "ok") is ok, message
    assert status != "wrong"  # a Jacobian's layout is a convention: never a counterexample


def test_a_non_symmetric_jacobian_is_ok_in_either_layout() -> None:
    # z = W x: numerator layout W, denominator layout W^T; both are in use
    for rhs in ("A^T", "A"):
        status, message = _last(f"$$u = A x$$\n\n$$\\frac{{\\partial u}}{{\\partial x}} = {rhs} + 0 A$$\n")
        assert status == "ok", message
    # 2A is neither layout: wrong under every shape reading and for 1×1 A and x (a counterexample
    # in any layout: at 1×1 the layouts agree)
    status, message = _last("$$u = A x$$\n\n$$\\frac{\\partial u}{\\partial x} = 2A + 0 A$$\n")
    assert status == "wrong", message
