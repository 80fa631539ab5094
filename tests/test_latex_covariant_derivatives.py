"""A field differentiated along itself is a covariant derivative (checks/latex/covariant_derivatives.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.covariant_derivatives import along_itself
from hunt_steps import step_verdict


def test_a_field_along_itself_is_told_from_a_gradient() -> None:
    assert along_itself(r"\nabla_u u")
    assert along_itself(r"\nabla_{\dot\gamma}\dot\gamma")
    assert along_itself(r"\nabla_{X} X")
    assert not along_itself(r"\nabla_w L")
    assert not along_itself(r"\nabla_{\theta} J(\theta)")


# the geodesic equation (YoloNomy.github.io, made up here with a tangent t)
GEODESIC = r"""A curve is a geodesic if its tangent $t$ always satisfies $$\nabla_t t = 0$$"""


def test_the_geodesic_equation_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(GEODESIC, r"\nabla_t", runner)
    assert status == "inconclusive", message


def test_the_gradient_of_a_name_by_another_is_still_judged(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$\nabla_w (w^T w) = w$$", r"\nabla_w", runner)
    assert status == "wrong", message
