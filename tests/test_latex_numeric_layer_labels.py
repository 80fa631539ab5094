"""Layers numbered in superscripts (z^1 = W^1 x + b^1): a wrong step writing a numbered name is
held back there, and only there (numeric_layer_labels.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.numbered_layers import numbers_layers

LAYERS = (
    "One neuron: $z = w x + b$ and $a = \\sigma(z)$.\n\n"
    "A network with layers $W^1 \\in \\mathbb{R}^{3 \\times 2}$:\n\n"
    "$$z^1 = W^1 x + b^1$$\n\n$$a^2 = \\text{sigmoid}(z^2)$$\n\n$$\\sigma'(z^2) = a^2(1 - a^2)$$\n\n"
    "$$\\sigma'(z) = \\sigma(z)(1 + \\sigma(z))$$\n"
)


def test_documents_that_number_layers_are_told_apart() -> None:
    assert numbers_layers(r"W^1 \in \mathbb{R}^{3 \times 2}")
    assert numbers_layers("$$z^1 = W^1 x + b^1$$\n$$z^2 = W^2 a^1 + b^2$$")
    # one squared definition, a variance: no layers
    assert not numbers_layers(r"$$\sigma^2 = \frac{1}{n}\sum_i x_i^2 - \mu^2$$")
    assert not numbers_layers("$$y = x^2 + 1$$ and $$L = (y - a)^2$$")


def test_a_numbered_name_is_not_a_power_there(runner: StepRunner) -> None:
    # JoseFRuiz/backpropagation: a^2 = sigmoid(z^2) was 'wrong' as (σ(w x + b))² against σ((w x + b)²)
    report = check_text(LAYERS, load_notation(), runner=runner, examples=30, markdown=True)
    statuses = {r.step.line: r.status for r in report.results}
    assert statuses[7] != "wrong" and statuses[9] != "wrong"
    # a step without a numbered name is judged as before: σ(1 + σ) is still wrong
    assert statuses[11] == "wrong"
    # without the layers' declaration the squares are powers, and the step is refuted
    layers = "A network with layers $W^1 \\in \\mathbb{R}^{3 \\times 2}$:\n\n$$z^1 = W^1 x + b^1$$\n\n"
    plain = LAYERS.replace(layers, "")
    report = check_text(plain, load_notation(), runner=runner, examples=30, markdown=True)
    assert "wrong" in [r.status for r in report.results if "a^2(1 - a^2)" in r.step.rhs]
