"""Steps about the shape of a product of sizes (shape_statements.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        # held-out 24 (a Spanish note checking the shapes of δ = W^T δ'): 27 = 3 as arithmetic
        (r"(3\times 3)\cdot(3\times 1) = (3\times 1)", "ok"),
        (r"(J\times K)(K \times 1) = J\times 1", "ok"),
        (r"(3\times 3)(3\times 1) = (3\times 3)", "wrong"),  # the product is 3×1
        (r"(3\times 2)(3\times 1) = (3\times 1)", "wrong"),  # not defined
        (r"(J\times K)(L \times 1) = J\times 1", "inconclusive"),  # K and L may be one size
        (r"(2\times 3)(1\times 4) = (6\times 4)", "inconclusive"),  # true as arithmetic
        (r"(2 \times 3) = 6", "ok"),  # one bracket: arithmetic as before
    ],
)
def test_shapes_of_products(step: str, expected: str, runner: StepRunner) -> None:
    report = check_text(f"$${step}$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == [expected]
