r"""An activation with a label as its subscript (checks/latex/function_labels.py):
``\tanh_{o}'(s_{o})``, ``\sigma_{h}'(s)`` applied to a bracket are the activation itself; σ_h with no
bracket, σ_i(A), φ_j(x), log_2 keep their meanings."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _status(step: str, runner: StepRunner, preamble: str = "") -> str:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status


LABELLED = [
    (r"\tanh_{o}'(s_{o}) = 1 - \tanh(s_{o})^2", "ok"),
    (r"\tanh_{o}'(s) = 1 - \tanh(s)", "wrong"),
    (r"\tanh_{h[0]}'(s_{h[0]}) = 1 - \tanh^2(s_{h[0]})", "ok"),
    (r"\tanh_{h[0]}'(s_{h[0]}) = 1 - \tanh(s_{h[0]})", "wrong"),
    (r"\tanh_{o}(s_{o}) + 1 = \frac{2 e^{s_{o}}}{e^{s_{o}} + e^{-s_{o}}}", "ok"),
    (r"\tanh_{o}(s_{o}) + 1 = \frac{2 e^{s_{o}}}{e^{s_{o}} - e^{-s_{o}}}", "wrong"),
    (r"\sigma_{h}'(s) = \sigma(s)(1 - \sigma(s))", "ok"),
    (r"\sigma_{h}'(s) = \sigma(s)(1 + \sigma(s))", "wrong"),
    (r"\sigma_{o}'(s_{o}) \cdot (y - z) = \sigma(s_{o}) (1 - \sigma(s_{o})) (y - z)", "ok"),
    (r"\sigma_{o}'(s_{o}) \cdot (y - z) = \sigma(s_{o}) (1 - \sigma(s_{o})) (z - y)", "wrong"),
    (r"\mathrm{ReLU}_{1}(z) + 1 = \max(0, z) + 1", "ok"),
    (r"\mathrm{ReLU}_{1}(z) + 1 = \max(0, -z) + 1", "wrong"),
]


@pytest.mark.parametrize(("step", "expected"), LABELLED)
def test_a_labelled_activation_is_the_activation(step: str, expected: str, runner: StepRunner) -> None:
    assert _status(step, runner) == expected


@pytest.mark.parametrize(
    "step",
    [
        r"\sigma_{i}(A) = \frac{1}{1 + e^{-A}}",  # σ_i(A): a singular value, say, not the sigmoid
        r"\phi_{j}'(x) = 1",  # φ_j: a basis function, not the notation's ReLU
        r"\log_{2}(x) = \log(x)",  # a subscript that means something
    ],
)
def test_other_subscripted_letters_are_not_the_activation(step: str, runner: StepRunner) -> None:
    assert _status(step, runner) != "ok"


def test_sigma_with_a_subscript_and_no_bracket_stays_a_name(runner: StepRunner) -> None:
    assert _status(r"\sigma_{h} = 2 \sigma_{h} / 2", runner) == "ok"
    assert _status(r"\sigma_{h} (a + b) = \sigma_{h} a + \sigma_{h} b", runner, "Let $\\sigma_h = 2$.\n\n") != "wrong"
