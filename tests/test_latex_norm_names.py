r"""Reading a function's name with its marks (norm_names): ``\sigma^{-1}(\mu)`` is the inverse.

A hunt on public documents (pierrelux/mlbook ch3_classification.md, a French logistic-regression
chapter) found ``a = \sigma^{-1}(\mu) = \log \frac{\mu}{1 - \mu}`` called wrong: the power the
identifier reader takes with the name reached the sigmoid as an exponent, so ``\sigma^{-1}(\mu)``
was 1/σ(μ). Written on the name, before the argument, ``^{-1}`` is the inverse function (the
logit); the judge does not read it. Written after the call, ``\sigma(0)^{-1}`` is a reciprocal and
is still judged.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
SIGMOID = "With the sigmoid $\\sigma(z) = \\frac{1}{1+e^{-z}}$ of the model, inverting it gives:\n\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


@pytest.mark.parametrize(
    "claim",
    [
        r"\sigma^{-1}(u) = \log \frac{u}{1 - u}",
        r"\sigma^{-1}(\mu) = \ln \frac{\mu}{1 - \mu}",
    ],
)
def test_an_inverse_written_on_the_name_is_not_a_reciprocal(claim: str, runner: StepRunner) -> None:
    status, message = _last(SIGMOID + f"$${claim}$$\n", runner)
    assert status != "wrong", message
    assert "inverse" in message, message


def test_a_power_after_the_call_is_still_a_reciprocal(runner: StepRunner) -> None:
    status, message = _last(SIGMOID + "$$\\sigma(0)^{-1} = 3$$\n", runner)
    assert status == "wrong", message
    status, message = _last(SIGMOID + "$$\\sigma(0)^{-1} = 2$$\n", runner)
    assert status == "ok", message
