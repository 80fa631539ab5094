r"""A derivative before brackets that hold no variable of it (evaluated_derivatives.py):
``\frac{d g}{d x}(f(w))`` is g' at f(w), which the reader takes as a product; such a step is not
called wrong. With the variable inside (``\frac{dy}{dx}(x + 1)``) the product reading stands."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# ariririri/DeepLearningSlides softmax-regression slides (held-out 22, blind), Japanese
SLIDE = "$f(w) = 1 + \\exp(-w \\cdot x)$ and $g(x) = \\frac{1}{x}$.\n\n$$%s$$\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


def test_a_derivative_taken_at_a_point_is_not_called_wrong(runner: StepRunner) -> None:
    status, message = _last(SLIDE % "\\frac{d g}{d x}(f(w))  = - \\frac{1}{f(w)^2}", runner)
    assert status == "inconclusive" and "point it is taken at" in message, message


def test_brackets_holding_the_variable_are_a_factor(runner: StepRunner) -> None:
    text = "$$y = x^2$$\n\n$$\\frac{dy}{dx}(x + 1) = 2x^2 + x$$\n"
    status, message = _last(text, runner)
    assert status == "wrong", message


def test_the_operator_form_and_a_list_of_arguments_are_not_points(runner: StepRunner) -> None:
    # \frac{d}{dz}(3): the operator applied to 3; \frac{\partial J}{\partial w}(\theta, D): read as ∂J/∂w
    assert _last("$$\\frac{d}{dz}(3) = 1$$\n", runner)[0] == "wrong"
    text = "$$J = w^2$$\n\n$$\\frac{\\partial J}{\\partial w}(\\theta, \\{x_i, y_i\\}) = 3w$$\n"
    assert _last(text, runner)[0] == "wrong"
