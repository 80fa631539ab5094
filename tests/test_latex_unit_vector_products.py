"""``\\times`` between sums of unit vectors is the cross product (checks/latex/unit_vector_products.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.unit_vector_products import unit_vector_product
from hunt_steps import step_verdict


def test_a_cross_product_is_told_from_a_product_of_numbers() -> None:
    assert unit_vector_product(r"(2\hat{\mathbf{x}}+3\hat{\mathbf{y}})\times(-6\hat{\mathbf{x}}-4\hat{\mathbf{y}})")
    assert unit_vector_product(r"\vec{r} \times \vec{F}")
    assert not unit_vector_product(r"3 \times 4")
    assert not unit_vector_product(r"2 \times x")
    assert not unit_vector_product(r"\mathbf{W} \times \mathbf{x}")  # the product of machine-learning notes


# a cross product in unit vectors (ryanmaguire/Mathematics-and-Physics, electromagnetism notes, made up here)
CROSS = r"""$$(\hat{\mathbf{x}} + 2\hat{\mathbf{y}})\times(3\hat{\mathbf{x}} - \hat{\mathbf{y}})
= -7\hat{\mathbf{z}}$$"""


def test_a_cross_product_in_unit_vectors_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(CROSS, r"(\hat{\mathbf{x}}", runner)
    assert status == "inconclusive", message


def test_a_product_of_numbers_with_times_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$(2 + 3)\times(4 - 1) = 16$$", "(2 + 3)", runner)
    assert status == "wrong", message
