"""Functions a document defines, used as values (checks/latex/function_values.py, function_uses.py):
a bare name is the function at its own parameters (``\\partial J/\\partial\\theta_0`` of
``J(\\theta) = …``), a function defined at expressions (``\\text{Cost}(h_\\theta(x^{(i)}), y^{(i)})``)
is its body at exactly those arguments, and a derivative by a function's name is by its value.
Right steps are ok, wrong ones are found with a counterexample, and the readings that are not clear
(two values, different arguments, an argument a sum changes) are never called wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _results(text: str, runner: StepRunner) -> list:
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results


def _last_line(definitions: list[str], step: str, runner: StepRunner) -> list:
    """The verdicts of the steps of ``step`` (a chain may hold several) after the definitions,
    each in its own display."""
    text = "".join(f"$$ {d} $$\n\n" for d in definitions) + f"$$ {step} $$\n"
    results = _results(text, runner)
    return [r for r in results if r.step.line == 2 * len(definitions) + 1]


def _last(definitions: list[str], step: str, runner: StepRunner):
    """The verdict of the last step of ``step`` after the definitions."""
    return _last_line(definitions, step, runner)[-1]


H = r"h_\theta(x^{(i)}) = \frac{1}{1+e^{-\theta_0-\theta_1 x^{(i)}}}"
J = (
    r"J(\theta) = -\frac{1}{m}\sum_{i=1}^m\left(y^{(i)}\log h_\theta(x^{(i)})"
    r" + (1-y^{(i)})\log(1-h_\theta(x^{(i)}))\right)"
)
COST_J = r"J(\theta) = \frac{1}{m}\sum_{i=1}^m \text{Cost}(h_{\theta}(x^{(i)}), y^{(i)})"
COST = (
    r"\text{Cost}(h_{\theta}(x^{(i)}), y^{(i)}) = -y^{(i)}\log(h_{\theta}(x^{(i)}))"
    r" - (1-y^{(i)})\log(1-h_{\theta}(x^{(i)}))"
)
L_AY = r"L(a, y) = -(y\log a + (1-y)\log(1-a))"
SQUARED = r"J(\theta) = (\theta_0 + \theta_1 u - v)^2"
NG = [
    r"L(\hat y, y) = -(y\log\hat y + (1-y)\log(1-\hat y))",
    r"J(w, b) = \frac{1}{m}\sum_{i=1}^m L(\hat y^{(i)}, y^{(i)})",
    r"\hat y^{(i)} = \sigma(z^{(i)})",
    r"z^{(i)} = w x^{(i)} + b",
]
LINEAR = [
    r"h_\theta(x) = \theta_0 + \theta_1 x",
    r"J(\theta_0, \theta_1) = \frac{1}{2m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})^2",
]
CE = r"\text{CE}(y, \hat y) = -\sum_i y_i \log \hat y_i"
TWO_ARGUMENTS = r"\frac{\partial}{\partial h_{\theta}}\left(h_{\theta}(x^{(1)})\,h_{\theta}(x^{(2)})\right)"
SOFTMAX = r"\hat y_i = \frac{e^{\theta_i}}{\sum_j e^{\theta_j}}"

RIGHT = [
    # a bare J is J at its own parameter; θ_0 is one of its entries
    ([H, J], r"\frac{\partial J}{\partial\theta_0} = \frac{1}{m}\sum_{i=1}^m(h_\theta(x^{(i)})-y^{(i)})"),
    ([H, J], r"\frac{\partial J}{\partial\theta_1} = \frac{1}{m}\sum_{i=1}^m(h_\theta(x^{(i)})-y^{(i)})x^{(i)}"),
    ([SQUARED], r"\frac{\partial J}{\partial\theta_1} = 2(\theta_0 + \theta_1 u - v)u"),
    # a function defined at expressions, used at exactly those arguments
    ([H, COST_J, COST], r"\frac{\partial J}{\partial\theta_0} = \frac{1}{m}\sum_{i=1}^m(h_\theta(x^{(i)})-y^{(i)})"),
    (
        [H, COST],
        r"\log(1+e^{-\theta_0-\theta_1 x^{(i)}}) + (1-y^{(i)})(\theta_0+\theta_1 x^{(i)})"
        r" = \text{Cost}(h_{\theta}(x^{(i)}), y^{(i)})",
    ),
    # by a function's value
    (
        [H],
        r"\frac{\partial}{\partial h_{\theta}}\left(\log(h_{\theta}(x^{(i)}))\right)"
        r" = \frac{1}{h_{\theta}(x^{(i)})}",
    ),
    ([H], r"\frac{\partial}{\partial h_{\theta}}\log(1-h_{\theta}(x^{(i)})) = -\frac{1}{1-h_{\theta}(x^{(i)})}"),
    (
        [H],
        r"\frac{\partial}{\partial\theta_0}\left(\log(h_{\theta}(x^{(i)}))\right)"
        r" = \frac{\partial}{\partial h_{\theta}}\left(\log(h_{\theta}(x^{(i)}))\right)"
        r"\frac{\partial h_{\theta}}{\partial\theta_0}",
    ),
    # bare, in a chain that applies it at one argument only: the function there
    (
        [H],
        r"\frac{\partial h_{\theta}}{\partial\theta_0}"
        r" = \frac{e^{-\theta_0-\theta_1 x}}{(1+e^{-\theta_0-\theta_1 x})^2} = h_\theta(x)(1-h_\theta(x))",
    ),
    ([H], r"\frac{\partial h_{\theta}}{\partial\theta_1} = h_\theta(x)(1-h_\theta(x))x"),
    # the brief's cross-entropy: applied at its own parameters or bare, through \hat y's definition
    (
        ["y \\text{ is one-hot}", CE, SOFTMAX],
        r"\frac{\partial \text{CE}(y,\hat y)}{\partial\theta_k} = \hat y_k - y_k",
    ),
    (["y \\text{ is one-hot}", CE, SOFTMAX], r"\frac{\partial \text{CE}}{\partial\theta_k} = \hat y_k - y_k"),
    # a function of several parameters, bare, through its parameters' definitions
    ([L_AY, r"a = \sigma(z)", r"z = wx + b"], r"\frac{\partial L}{\partial z} = a - y"),
    ([L_AY, r"a = \sigma(z)", r"z = wx + b"], r"\frac{\partial L}{\partial w} = x(a - y)"),
    ([L_AY], r"\frac{\partial}{\partial L}\left(3 L(a, y)\right) = 3"),
    # a function of several parameters its value reaches only through the document's definitions
    (NG, r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^m (\hat y^{(i)} - y^{(i)}) x^{(i)}"),
    (NG, r"\frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^m (\hat y^{(i)} - y^{(i)})"),
    # parameters that are entries, reached through another function's body
    (LINEAR, r"\frac{\partial J}{\partial\theta_0} = \frac{1}{m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})"),
    (
        LINEAR,
        r"\frac{\partial}{\partial\theta_1} J(\theta_0, \theta_1)"
        r" = \frac{1}{m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})x^{(i)}",
    ),
    # the same value restated as a plain name is one value, not two
    (
        [SQUARED, r"J = (\theta_0 + \theta_1 u - v)^2"],
        r"\frac{\partial J}{\partial\theta_1} = 2(\theta_0 + \theta_1 u - v)u",
    ),
]

WRONG = [
    ([H, J], r"\frac{\partial J}{\partial\theta_0} = \frac{1}{m}\sum_{i=1}^m(y^{(i)}-h_\theta(x^{(i)}))"),
    # the factor x^{(i)} of the chain rule is missing
    ([H, J], r"\frac{\partial J}{\partial\theta_1} = \frac{1}{m}\sum_{i=1}^m(h_\theta(x^{(i)})-y^{(i)})"),
    ([SQUARED], r"\frac{\partial J}{\partial\theta_1} = 2(\theta_0 + \theta_1 u - v)"),
    ([H, COST_J, COST], r"\frac{\partial J}{\partial\theta_0} = \frac{1}{m}\sum_{i=1}^m(y^{(i)}-h_\theta(x^{(i)}))"),
    ([H], r"\frac{\partial}{\partial h_{\theta}}\log(1-h_{\theta}(x^{(i)})) = \frac{1}{1-h_{\theta}(x^{(i)})}"),
    ([L_AY, r"a = \sigma(z)", r"z = wx + b"], r"\frac{\partial L}{\partial z} = y - a"),
    ([H], r"\frac{\partial h_{\theta}}{\partial\theta_1} = h_\theta(x)(1-h_\theta(x))"),
    (NG, r"\frac{\partial J}{\partial b} = \frac{1}{m}\sum_{i=1}^m (y^{(i)} - \hat y^{(i)})"),
    (LINEAR, r"\frac{\partial J}{\partial\theta_1} = \frac{1}{m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})"),
    (["y \\text{ is one-hot}", CE, SOFTMAX], r"\frac{\partial CE}{\partial\theta_k} = y_k - \hat y_k"),
]


@pytest.mark.parametrize(("definitions", "step"), RIGHT)
def test_functions_used_as_values_right_steps_are_ok(definitions: list[str], step: str, runner: StepRunner) -> None:
    results = _last_line(definitions, step, runner)
    assert results and all(r.status == "ok" for r in results), [r.message for r in results]


@pytest.mark.parametrize(("definitions", "step"), WRONG)
def test_functions_used_as_values_wrong_steps_are_found(definitions: list[str], step: str, runner: StepRunner) -> None:
    result = _last(definitions, step, runner)
    assert result.status == "wrong", result.message
    cex = result.counterexample
    assert cex is not None and cex["lhs"] != cex["rhs"]


NOT_CLEAR = [
    # a name defined twice differently has no one value: its bare name is not read
    ([r"J(\theta) = (\theta_0 - v)^2", r"J(\theta) = \theta_0^3"], r"\partial J/\partial\theta_0 = 2(\theta_0 - v)"),
    # a name that also has a plain value of its own is not read as the function's value
    ([r"J(\theta) = \theta_1^2", r"J = 5\theta_1"], r"\frac{\partial J}{\partial\theta_1}\,\theta_1 = 2\theta_1^2"),
    ([r"J = 5\theta_1", r"J(\theta) = \theta_1^2"], r"\frac{\partial J}{\partial\theta_1}\,\theta_1 = 2\theta_1^2"),
    # the function applied at two arguments: by which value?
    ([H], TWO_ARGUMENTS + r" = 2h_\theta(x^{(1)})"),
    # applied inside a sum at an argument the sum's index changes: m values, not one
    ([H, J], r"\frac{\partial J}{\partial h_\theta} = 7"),
    # a function defined at expressions, written at other arguments: which parameter is which?
    ([H, COST], r"-v\log u = \text{Cost}(u, v)"),
    # a value that reaches none of its parameters (\hat y^{(i)} is never defined): not a function of w
    (NG[:2], r"\frac{\partial J}{\partial w} = \frac{1}{m}\sum_{i=1}^m (\hat y^{(i)} - y^{(i)}) x^{(i)}"),
    # at other arguments than parameters its body never writes (it reaches them through h_\theta)
    (LINEAR, r"J(1, 2) = \frac{1}{2m}\sum_{i=1}^m (h_\theta(x^{(i)}) - y^{(i)})^2"),
    # a value at a point is not a function (f(x_1, x_2) = 3 reaches neither parameter)
    ([r"f(x_1, x_2) = 3"], r"\frac{\partial f}{\partial x_1} = 0"),
    # a chain that applies it at two arguments: the bare name is not read at either
    ([H], r"\frac{\partial h_{\theta}}{\partial\theta_1} = h_\theta(u)(1-h_\theta(v))"),
    # a chain that applies it at a number: a value at a point, not the chain's argument
    ([H], r"\frac{\partial h_{\theta}}{\partial\theta_0} = h_\theta(2)(1-h_\theta(2))\,t"),
    # applied at an expression (another point), bare elsewhere: the bare name is not read there
    ([SQUARED], r"J(\theta + \epsilon) = J + \epsilon \frac{\partial J}{\partial\theta_1}"),
    # applied at another point, a body in the parameter's entries (\theta_0, \theta_1) has no value there
    ([SQUARED], r"J(\theta + \epsilon) = (\theta_0 + \theta_1 u - v)^2 + 1"),
    # a bare function meaning it at another argument than its own stays unjudged
    ([r"g(z) = \frac{1}{1+e^{-z}}", r"a = g(wx+b)"], r"\frac{\partial a}{\partial w} = g \cdot (1-g) \cdot x"),
]


@pytest.mark.parametrize(("definitions", "step"), NOT_CLEAR)
def test_functions_used_as_values_unclear_readings_are_never_wrong(
    definitions: list[str], step: str, runner: StepRunner
) -> None:
    result = _last(definitions, step, runner)
    assert result.status in ("unparsed", "inconclusive"), (result.status, result.message)


def _reading_problems(definitions: list[str], side: str) -> list[str]:
    """What the scalar reader says about ``side`` in a document of these definitions (the step's
    verdict may come from the matrix judge, which has its own reasons)."""
    from derive.checks.latex.document_context import document_context
    from derive.checks.latex.extract import extract
    from derive.checks.latex.normalize import normalize

    text = "".join(f"$$ {d} $$\n\n" for d in definitions)
    notation = document_context(text, NOTATION, extract(text, markdown=True)).notation
    return normalize(side, notation).problems


def test_a_derivative_by_a_function_at_two_arguments_says_why(runner: StepRunner) -> None:
    assert _last([H], TWO_ARGUMENTS + " = 1", runner).status in ("unparsed", "inconclusive")
    assert any("applied at different arguments" in p for p in _reading_problems([H], TWO_ARGUMENTS))


def test_a_derivative_by_a_function_a_sum_changes_says_why(runner: StepRunner) -> None:
    step = r"\frac{\partial J}{\partial h_\theta}"
    assert _last([H, J], step + " = 7", runner).status in ("unparsed", "inconclusive")
    assert any("changes with the index of a sum" in p for p in _reading_problems([H, J], step))


def test_a_value_at_a_point_is_not_a_definition_at_expressions(runner: StepRunner) -> None:
    # arithmetic in the argument: a claim about f at a point, not f defined there
    (result,) = _results("$$ f(w x) = 2 $$\n", runner)
    assert "definition of the function" not in result.message


def test_a_function_defined_at_expressions_is_a_definition_not_a_step(runner: StepRunner) -> None:
    results = _results(f"$$ {H} $$\n\n$$ {COST} $$\n", runner)
    assert [r.status for r in results] == ["inconclusive", "inconclusive"]
    assert "definition of the function Cost" in results[1].message
