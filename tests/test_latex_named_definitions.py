r"""A definition the prose names as the sigmoid (or ReLU) that gives another value is a slip and stays
wrong (named_definitions): the thirty-second blind set's "### 시그모이드 함수" then ``\sigma(x) =
{{1} \over {1+e^x}}`` was held as the document's own σ. A definition with a parameter, or a qualified
name (bipolar sigmoid), is another function and is held as before; a correct definition is ok.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict


@pytest.mark.parametrize(
    "text",
    [
        "### 시그모이드 함수\n$$ \\sigma(x) = {{1} \\over {1+e^x}} $$\n",
        "The sigmoid function is\n$$\\sigma(z) = \\frac{1}{1 + e^{z}}$$\n",
        "The rectified linear unit: $$\\mathrm{ReLU}(x) = \\min(0, x)$$\n",
    ],
)
def test_a_named_function_defined_with_another_value_is_wrong(text: str, runner: StepRunner) -> None:
    status, message = step_verdict(text, "\\sigma" if "sigma" in text else "\\mathrm{ReLU}", runner)
    assert status == "wrong", message
    assert "the prose calls it the" in message


@pytest.mark.parametrize(
    "text",
    [
        "We use a steeper sigmoid:\n$$\\sigma(x) = \\frac{1}{1 + e^{-kx}}$$\n",  # a parameter
        "The bipolar sigmoid is\n$$\\sigma(x) = \\frac{1 - e^{-x}}{1 + e^{-x}}$$\n",  # another function
        "Our activation is\n$$\\sigma(x) = \\frac{1}{1 + e^{x}}$$\n",  # not named: the document's own σ
        # a fraction flattened by a copy from a rendered page (held-out 3): no quotient, not a written sigmoid
        "隐藏层和输出层均使用sigmoid函数：\n$$\\sigma(x)=1+e^{-x}1$$\n",
        # the prose names the sigmoid, but the value is a softmax: a vector function, not a slip
        "Instead of the sigmoid we use\n$$\\sigma(z)_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n",
    ],
)
def test_another_function_under_the_name_is_held(text: str, runner: StepRunner) -> None:
    status, message = step_verdict(text, "\\sigma", runner)
    assert status != "wrong", message


def test_the_sigmoid_defined_rightly_is_ok(runner: StepRunner) -> None:
    text = "The sigmoid function is\n$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n"
    assert step_verdict(text, "\\sigma", runner)[0] == "ok"
