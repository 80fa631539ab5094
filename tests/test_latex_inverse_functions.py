r"""Inverse trigonometric and hyperbolic functions (checks/latex/inverse_functions.py) and steps
judged on the reals (inverse_domains.py): ``\sinh^{-1}``, ``tanh^{-1}``, ``\arcsin``,
``\operatorname{artanh}`` are SymPy's asinh, atanh, asin …; a step is never wrong for a point
where one of its inverse functions, roots or logs is not real, and is wrong where the sides
differ at a real point."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _status(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = report.results
    return result.status, result.message


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\frac{d}{dx}\sinh^{-1}x = \frac{1}{\sqrt{x^2+1}}", "ok"),
        (r"\frac{d}{dx}\sinh^{-1}x = \frac{1}{\sqrt{x^2-1}}", "wrong"),  # the twin: that is cosh^{-1}'s
        (r"\frac{d}{dx}\arcsin x = \frac{1}{\sqrt{1-x^2}}", "ok"),
        (r"\frac{d}{dx}\arctan x = \frac{1}{1+x^2}", "ok"),
        (r"\frac{d}{dx}\arctan x = \frac{1}{1-x^2}", "wrong"),
        (r"\tanh^{-1}(x) = \frac12 \ln\frac{1+x}{1-x}", "ok"),
        (r"\operatorname{artanh}(x) = \frac12 \ln\frac{1+x}{1-x}", "ok"),
        (r"sinh^{-1}(x) = ln(x + \sqrt{x^{2}+1})", "ok"),  # names without backslash (notes in Markdown)
        (r"\tan^{-1}(1) = \frac{\pi}{4}", "ok"),
        (r"\cosh^{-1}(x) = \ln(x + \sqrt{x^2-1}) \quad x \geq 1", "ok"),
        (r"\cosh^{-1}(x) = \ln(x + \sqrt{x^2+1})", "wrong"),  # wrong at x = 1.37, inside the domain
        (r"\frac{d}{dx}\cosh^{-1}(x) = \frac{1}{\sqrt{x^2-1}} \quad x > 1", "ok"),
    ],
)
def test_inverse_function_steps(step: str, status: str, runner: StepRunner) -> None:
    got, message = _status(step, runner)
    assert got == status, message


@pytest.mark.parametrize(
    "step",
    [
        # SymPy's derivative is 1/(√(x−1)√(x+1)): −1/√3 at x = −2, where acosh is not real
        r"\frac{d}{dx}\cosh^{-1}(x) = \frac{1}{\sqrt{x^2-1}}",
        r"\sqrt{x-1}\sqrt{x+1} = \sqrt{x^2-1}",  # i·i = −1 at x = −2: no real point refutes it
        r"\sin^{-1}(2) = 0",  # outside the domain: says nothing
    ],
)
def test_never_wrong_outside_the_real_domain(step: str, runner: StepRunner) -> None:
    got, message = _status(step, runner)
    assert got in ("ok", "inconclusive"), message


def test_a_real_counterexample_stays_wrong(runner: StepRunner) -> None:
    got, message = _status(r"\sqrt{x^2} = x", runner)  # x = −1: every part real
    assert got == "wrong", message


def test_a_reciprocal_power_is_not_an_inverse(runner: StepRunner) -> None:
    got, message = _status(r"(\sinh x)^{-1} = \frac{2}{e^x - e^{-x}}", runner)
    assert got == "ok", message


def test_trial_points_of_many_names_are_never_all_equal() -> None:
    import sympy as sp
    from derive.checks.latex.inverse_domains import _points

    names = sp.symbols("a b c d", real=True)
    points = list(_points(list(names)))
    assert points and all(len(set(point.values())) > 1 for point in points)  # x = y may hide a difference


def test_a_step_with_several_inverse_functions_is_refuted_at_a_real_point(runner: StepRunner) -> None:
    step = r"\arctan(a) + \arctan(b) + \arctan(c) + \arctan(d) = 4 \arctan(a)"  # true only where all are equal
    got, message = _status(step, runner)
    assert got != "ok", message
