r"""Trigonometric arguments written without brackets, or running past them.

``\sin 2x = 2\sin x\cos x`` was refuted (``\sin 2x`` read as sin(2)·x): a sine before a product
without brackets now has an open scope, like ``\log a b`` (trig_products), and the double-angle
formula is ok read as sin(2x). ``\cos(k-m)x`` in Fourier notes means cos((k − m)x): a wrong step
that writes it is judged again so and held when that reading is not refuted too (trig_arguments; the
twenty-fifth hunt's Dirichlet-kernel notes). Wrong twins stay wrong under both readings.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.trig_arguments import run_on_arguments

NOTATION = load_notation()


def _verdict(step: str, runner: StepRunner) -> tuple[str, str]:
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status, result.message


#: (step, verdict): the double-angle formulas are ok read with the argument run on; each wrong twin
#: (the cosine dropped, a sign slip) is refuted under both readings
DOUBLE_ANGLES = [
    (r"\sin 2x = 2\sin x\cos x", "ok"),
    (r"\cos 2\theta = \cos^2\theta - \sin^2\theta", "ok"),
    (r"\tanh 2x = \frac{2\tanh x}{1+\tanh^2 x}", "ok"),
    (r"\sin kx = \sin(kx)", "ok"),
    (r"\exp 2x = e^{2x}", "ok"),
    (r"\sin 2x = 2\sin x", "wrong"),
    (r"\cos 2\theta = \cos^2\theta + \sin^2\theta", "wrong"),
    (r"\exp 2x = 2e^{x}", "wrong"),
]


@pytest.mark.parametrize(("step", "verdict"), DOUBLE_ANGLES)
def test_a_sine_of_a_product_without_brackets_is_the_sine_of_the_product(
    step: str, verdict: str, runner: StepRunner
) -> None:
    status, message = _verdict(step, runner)
    assert status == verdict, message


@pytest.mark.parametrize(
    "step",
    [
        r"\sin kx\sin mx = \frac{1}{2}(\cos(k-m)x - \cos(k+m)x)",
        r"2\sin\frac{x}{2}\cos kx = \sin(k+\frac{1}{2})x - \sin(k-\frac{1}{2})x",
        r"\sin^2\frac{n+1}{2}t = \frac{1-\cos(n+1)t}{2}",
    ],
)
def test_an_argument_running_past_its_bracket_is_not_refuted(step: str, runner: StepRunner) -> None:
    status, message = _verdict(step, runner)
    assert status in ("ok", "inconclusive"), message


def test_a_wrong_product_to_sum_formula_stays_wrong(runner: StepRunner) -> None:
    status, message = _verdict(r"\sin kx\sin mx = \frac{1}{2}(\cos(k-m)x + \cos(k+m)x)", runner)
    assert status == "wrong", message


def test_run_on_arguments_rewrites_only_trigonometric_calls() -> None:
    assert run_on_arguments(r"\cos(k-m)x") == r"\cos\left((k-m)x\right)"
    assert run_on_arguments(r"\sin^2\frac{n+1}{2}t") == r"\sin^2\left(\frac{n+1}{2}t\right)"
    assert run_on_arguments(r"\sigma(z)x") is None  # a network's σ(z)·x keeps its product
    assert run_on_arguments(r"\cos(x) + y") is None  # an operator ends the argument


def test_eulers_formula_with_a_double_angle_holds_with_i_the_imaginary_unit(runner: StepRunner) -> None:
    # the twenty-fifth hunt's ODE notes: i is √−1 and \cos 2x is cos(2x), both at once (imaginary_unit)
    status, message = _verdict(r"(1-4i)e^{x(1+2i)} = e^x(1-4i)(\cos 2x+i\sin 2x)", runner)
    assert status == "inconclusive" and "imaginary unit" in message, message


def test_eulers_formula_with_a_sign_slip_stays_wrong(runner: StepRunner) -> None:
    status, message = _verdict(r"(1-4i)e^{x(1+2i)} = e^x(1-4i)(\cos 2x-i\sin 2x)", runner)
    assert status == "wrong", message
