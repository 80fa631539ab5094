r"""An activation named by a subscript on σ (``\sigma'_\mathrm{tanh}``, ``\sigma_{\text{relu}}``,
norm_names._named_activation) is that function; any other subscript on a function stays unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.norm_names import _named_activation
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "key"),
    [("tanh", "tanh"), ("ReLU", "relu"), (" relu ", "relu"), ("logistic", "sigmoid"), ("Heaviside", "step")],
)
def test_the_named_activation(text: str, key: str) -> None:
    assert _named_activation(text) == key


@pytest.mark.parametrize("text", ["ij", "1", "max", "leaky"])
def test_other_subscripts_name_no_activation(text: str) -> None:
    assert _named_activation(text) is None


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
