"""Second derivatives written with two primes: g''(z) of a document's function, σ''(x) (norm_primes, norm_names)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_a_documents_function_twice_differentiated(runner: StepRunner) -> None:
    # held-out 24 (a Spanish logistic-regression note): g''(z) of the sigmoid g, one step wrong
    text = (
        "$$g(z) = \\frac{1}{1 + e^{-z}}$$\n\n"
        "$$g''(z) = g'(z)(1 - g(z)) + g(z)(-g'(z))$$\n\n"
        "$$g''(z) = g(z)(1 - g(z))(1 - 2g(z))$$\n\n"
        "$$g''(z) = g(z)(1 - g(z))$$\n\n"
        "$$g''(0) = 0$$\n"
    )
    assert _statuses(text, runner) == ["inconclusive", "ok", "ok", "wrong", "unparsed"]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\sigma''(x) = \sigma(x)(1-\sigma(x))(1-2\sigma(x))", "ok"),
        (r"\sigma''(x) = \sigma(x)(1-\sigma(x))", "wrong"),
        (r"\tanh''(x) = -2\tanh(x)(1-\tanh^2(x))", "ok"),
        (r"\sigma'''(x) = 0", "unparsed"),  # a third derivative is not read
    ],
)
def test_a_known_functions_second_derivative(step: str, expected: str, runner: StepRunner) -> None:
    assert _statuses(f"$${step}$$\n", runner) == [expected]
