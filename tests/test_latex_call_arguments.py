"""A document's function of several parameters applied to a call (checks/latex/function_calls.py):
``H(Y, \\sigma(z))`` of ``H(Y, P) = -\\sum_i Y_i \\log(P_i)`` is the body with σ(z)_i for each
entry P_i (tests/data/latex_heldout4, purepisces: the first blind run left every such step
unparsed). Right steps are ok, wrong ones are found, and arguments that are not one call are
still not put in for entries."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DEFINED = (
    "Let $\\sigma$ be the softmax, $\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$, and\n\n"
    "$$H(Y, P) = -\\sum_{i=1}^k Y_i \\log(P_i)$$\n\n"
)


def _last(step: str, runner: StepRunner, before: str = DEFINED):
    return check_text(f"{before}$${step}$$\n", NOTATION, runner=runner, markdown=True).results[-1]


def test_the_call_is_put_in_for_the_entries(runner: StepRunner) -> None:
    result = _last(r"H(Y, \sigma(z)) = -\sum_{i=1}^k Y_i \log(\sigma(z)_i)", runner)
    assert result.status == "ok", result.message


def test_its_derivative_is_judged(runner: StepRunner) -> None:
    result = _last(r"\frac{\partial H(Y, \sigma(z))}{\partial z_j} = \sigma(z)_j - Y_j", runner)
    assert result.status == "ok", result.message


def test_a_wrong_value_is_found(runner: StepRunner) -> None:
    result = _last(r"H(Y, \sigma(z)) = -\sum_{i=1}^k Y_i \log(\sigma(z)_i) + 1", runner)
    assert result.status == "wrong", result.message
    wrong_gradient = _last(r"\frac{\partial H(Y, \sigma(z))}{\partial z_j} = Y_j - \sigma(z)_j", runner)
    assert wrong_gradient.status == "wrong", wrong_gradient.message


def test_an_argument_that_is_not_one_call_is_not_put_in_for_entries(runner: StepRunner) -> None:
    # a + b for P: (a + b)_i has no meaning the document gave
    result = _last(r"H(Y, a + b) = -\sum_{i=1}^k Y_i \log(a_i + b_i) + 1", runner)
    assert result.status != "wrong", result.message


# The CS229 habit: h_θ(x) = σ(θ^T x) defined at x, applied at the i-th example x^{(i)}, whose entries
# are x_j^{(i)}. Verbatim from public Markdown ML notes (an interview Q&A on logistic regression,
# found by full-text search of stored GitHub files); the gradient put in display math, after a
# declaration of θ and x as vectors (without it a wrong step through θ^T x is held back: dot_verdicts).
CS229 = (
    "Let $\\theta \\in \\mathbb{R}^{n}$ and $x \\in \\mathbb{R}^{n}$.\n\n"
    "A: The cross-entropy loss for logistic regression is $J(\\theta) = -\\frac{1}{m}\\sum_{i=1}^m "
    "[y^{(i)}\\log(h_\\theta(x^{(i)})) + (1-y^{(i)})\\log(1-h_\\theta(x^{(i)}))]$ where "
    "$h_\\theta(x) = \\frac{1}{1+e^{-\\theta^T x}}$. The gradient is\n\n"
)


def test_a_function_at_an_example_of_its_parameter_takes_its_entries(runner: StepRunner) -> None:
    step = r"\frac{\partial J}{\partial \theta_j} = \frac{1}{m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})x_j^{(i)}"
    result = _last(step, runner, CS229)
    assert result.status == "ok", result.message
    rule = r"\frac{\partial}{\partial \theta_j} h_\theta(x^{(i)}) = h_\theta(x^{(i)})(1-h_\theta(x^{(i)})) x_j^{(i)}"
    derivative = _last(rule, runner, CS229)
    assert derivative.status == "ok", derivative.message


def test_a_wrong_gradient_at_the_examples_is_found(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial \theta_j} h_\theta(x^{(i)}) = h_\theta(x^{(i)})(1+h_\theta(x^{(i)})) x_j^{(i)}"
    result = _last(step, runner, CS229)
    assert result.status == "wrong", result.message


def test_a_power_of_the_parameter_is_no_example(runner: StepRunner) -> None:
    # x^2 is no label: which entries it has is not said, so nothing is put in for them
    step = r"\frac{\partial}{\partial \theta_j} h_\theta(x^2) = h_\theta(x^2)(1 - h_\theta(x^2)) x_j"
    result = _last(step, runner, CS229)
    assert result.status not in ("ok", "wrong"), result.message
