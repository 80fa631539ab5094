"""``y^{(n)}(0)`` is the n-th derivative at a point (checks/latex/derivative_orders.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.derivative_orders import derivative_at_point
from hunt_steps import step_verdict


def test_a_derivative_at_a_point_is_told_from_a_product() -> None:
    assert derivative_at_point(r"y^{(n)}(0)")
    assert derivative_at_point(r"f^{(k+1)}(a)")
    assert derivative_at_point(r"g^{(4)}(x_0)")
    assert not derivative_at_point(r"a^{(2)}(1 - a^{(2)})")
    assert not derivative_at_point(r"x^{(i)}")


# the Taylor series of exp (ryanmaguire/Mathematics-and-Physics, made up here for cosh)
TAYLOR = r"""Let $y = \cosh(x)$. For every even $n$, $y^{(n)}(0) = 1$."""


def test_the_n_th_derivative_at_a_point_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(TAYLOR, "y^{(n)}", runner)
    assert status == "inconclusive", message


def test_a_label_times_an_expression_is_still_judged(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$a^{(2)}(1 - a^{(2)}) = a^{(2)} - 2 (a^{(2)})^2$$", "a^{(2)}", runner)
    assert status == "wrong", message
