r"""An activation named by a subscript on σ (``\sigma'_\mathrm{tanh}``, ``\sigma_{\text{relu}}``,
activation_names.named_activation) is that function; any other subscript on a function stays unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.activation_names import named_activation
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tanh", "tanh"),
        ("ReLU", "relu"),
        (" relu ", "relu"),
        ("logistic", "sigmoid"),
        ("Heaviside", "step"),
        ("sig", "sigmoid"),
        ("sm", "softmax"),
        ("softmax", "softmax"),
    ],
)
def test_the_named_activation(text: str, key: str) -> None:
    assert named_activation(text) == key


@pytest.mark.parametrize("text", ["ij", "1", "max", "leaky"])
def test_other_subscripts_name_no_activation(text: str) -> None:
    assert named_activation(text) is None


def test_steps_about_named_activations(runner: StepRunner) -> None:
    steps = [
        r"\sigma'_\mathrm{tanh}(z) = 1 - \tanh^2(z)",
        r"\sigma'_\mathrm{tanh}(z) = 1 + \tanh^2(z)",  # a sign dropped
        r"\sigma'_{\text{relu}}(z) = \begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{if } z < 0 \end{cases}",
        r"\sigma_{ij}(z) + 1 = z",  # no activation: not read as one
    ]
    report = check_text("\n\n".join(f"$${s}$$" for s in steps) + "\n", NOTATION, runner=runner, examples=30)
    assert [r.status for r in report.results][:3] == ["ok", "wrong", "ok"]
    assert report.results[3].status != "wrong"


def test_activations_named_in_the_subscript_of_an_applied_letter(runner: StepRunner) -> None:
    # held-out 15 (hmvege): \sigma_\mathrm{sig}(z), \sigma_\mathrm{sm}(z)_i (the softmax's entry i),
    # and g_{\text{ReLU}}(Z) as Ng-style notes write it
    steps = [
        r"\sigma'_\mathrm{sig}(z) = \sigma_\mathrm{sig}(z)(1 - \sigma_\mathrm{sig}(z))",
        r"\sigma'_\mathrm{sig}(z) = \sigma_\mathrm{sig}(z)(1 + \sigma_\mathrm{sig}(z))",
        r"\frac{\partial}{\partial z_j} \sigma_\mathrm{sm}(z)_i"
        r" = \sigma_\mathrm{sm}(z)_i (\delta_{ij} - \sigma_\mathrm{sm}(z)_j)",
        r"\frac{\partial}{\partial z_j} \sigma_\mathrm{sm}(z)_i"
        r" = \sigma_\mathrm{sm}(z)_i (\delta_{ij} + \sigma_\mathrm{sm}(z)_j)",
        r"g_{\text{ReLU}}(z) = \max(0, z)",
        r"g_{\text{ReLU}}(z) = \max(1, z)",
    ]
    report = check_text("\n\n".join(f"$${s}$$" for s in steps) + "\n", NOTATION, runner=runner, examples=30)
    assert [r.status for r in report.results][:4] == ["ok", "wrong", "ok", "wrong"]
    # g_{ReLU}(z) is proved read as scalars; the matrix reader takes g_{ReLU} for a matrix: held back
    assert report.results[4].status != "wrong" and "proved" in report.results[4].message
    assert report.results[5].status == "wrong"
