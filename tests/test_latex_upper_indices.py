"""A superscript beside tensor subscripts is an upper index (checks/latex/upper_indices.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.upper_indices import upper_index
from hunt_steps import step_verdict


def test_upper_indices_are_told_from_powers() -> None:
    assert upper_index(r"\Gamma^{0}_{i0}")
    assert upper_index(r"T_{00}^{0}")
    assert upper_index(r"\Gamma^\lambda_{\mu\nu}")
    assert upper_index(r"R^a_{bcd}")
    assert not upper_index(r"x_1^2 + x_2^2")
    assert not upper_index(r"x^2_{1}")
    assert not upper_index(r"w_{ij}^{2}")


# the Christoffel symbols of a flat FLRW metric (YoloNomy.github.io, made up here for a sphere)
SYMBOLS = r"""On the sphere,

$$
\begin{aligned}
&\Gamma^{0}_{00} = \Gamma^{0}_{01} = 0, \\
&\Gamma^{0}_{11} = -\sin\theta\cos\theta
\end{aligned}
$$
"""


def test_a_component_with_upper_index_zero_is_not_a_power(runner: StepRunner) -> None:
    status, message = step_verdict(SYMBOLS, r"\Gamma^{0}_{11}", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(SYMBOLS, r"\Gamma^{0}_{01}", runner)
    assert status != "wrong", message


def test_a_power_after_a_subscript_is_still_judged(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$x_1^2 + x_2^2 = (x_1 + x_2)^2$$", "x_1^2", runner)
    assert status == "wrong", message
