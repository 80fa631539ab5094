"""A loss always written at the same arguments is that loss (fixed_arguments.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.fixed_arguments import fixed_argument_names
from derive.checks.latex.notation import load_notation

DATA = Path(__file__).parent / "data"
RUGESSNOME = DATA / "latex_heldout13" / "backprop_softmax_fr_rugessnome.tex"


@pytest.mark.parametrize(
    ("texts", "names"),
    [
        ([r"\frac{\partial \ell(\theta)}{\partial \theta_k} = 1", r"\ell(\theta) = \sum_i y_i"], {r"\ell": r"\ell"}),
        (
            [r"\frac{\partial \mathcal L(\hat y, y)}{\partial \hat y} = 1", r"\mathcal{L}(\hat y,y) = 3"],
            {r"\mathcal{L}": r"\mathcal{L}"},
        ),
        ([r"\nabla_{\theta} J(\theta) = X^T(X\theta - y)"], {"J": "J"}),
        # l is also the layer index: the loss becomes ℓ (unless the document writes ℓ itself)
        ([r"\frac{\partial l(f(x), y)}{\partial z} = 1", r"\delta^{(l)} = 2"], {"l": r"\ell"}),
        ([r"\frac{\partial l(f(x), y)}{\partial z} = 1", r"\delta^{(l)} = \ell"], {}),
        # a function at two arguments (its value uses its parameter), a product, a function letter,
        # a name used as an index
        ([r"\frac{\partial J(W)}{\partial w} = 1", r"J(w) = 3w"], {}),
        ([r"\frac{\partial J(\Theta)}{\partial \Theta} = 1", r"J(\theta) = \sum_i (h_\theta(x_i) - y_i)^2"], {}),
        # a definition whose value writes no parameter says what J depends on: J(W) is J too
        # (kassi-bertrand/machine-learning-notes, tests/data/latex_heldout13/mlp_output_grad_student_kassi.tex)
        (
            [
                r"J(w) = -\sum_{i = 1}^{n}\sum_{j=1}^{t} y_j^{[i]} ln(a_j^{[i]}) + (1 - y_j^{[i]})ln(1 - a_j^{[i]})",
                r"\frac{\partial J(W)}{\partial w_{1,1}^{(out)}} = \frac{\partial J(W)}{\partial a_{1}^{[i]}}",
                r"J(W)",
            ],
            {"J": "J"},
        ),
        # … but not where the other list also stands as a value, or a number is J's value at a point
        ([r"J(w) = \sum_i (y_i - a_i)^2", r"\frac{\partial J(W)}{\partial a_i} = 1", r"L = J(W) + 1"], {}),
        ([r"J(w^*) = 0", r"\frac{\partial J(W)}{\partial W} = 2W"], {}),
        # \boldsymbol\theta and \boldsymbol{\theta} are one argument (softmax_regression_zh_dusker.tex)
        (
            [r"\nabla_{\theta} J(\boldsymbol\theta) = 1", r"\frac{\partial J(\boldsymbol{\theta})}{\partial t} = 2"],
            {"J": "J"},
        ),
        ([r"\frac{\partial a(1-a)}{\partial a} = 1 - 2a"], {}),
        # an entry of a vector-valued function (a softmax s(x)_i) is no loss
        ([r"\frac{\partial s(\mathbf x)_i}{\partial x_i} = s(\mathbf x)_i - s(\mathbf x)_i^2"], {}),
        ([r"\frac{\partial g(z)}{\partial z} = g(z)(1 - g(z))"], {}),
        ([r"\nabla_{\theta} J(\theta) = 1", r"\sum_{J} x_J"], {}),
        # never differentiated written so: nothing to read
        ([r"J(\theta) = \sum_i (y_i - \theta x_i)^2", r"\frac{\partial J}{\partial \theta} = 1"], {}),
        # C^n(w): example n's cost, written with what it depends on (TDT4265 reports, held-out 42)
        ([r"C^n(w) = -y^n \ln \hat y^n", r"\frac{\partial C^n(w)}{\partial \hat y^n} = 1"], {"C^{n}": "C^{n}"}),
        ([r"\frac{\partial E_{i}(\mathbf w)}{\partial w_j} = 1"], {"E_{i}": "E_{i}"}),
        ([r"\nabla_\theta J^{(i)}(\theta) = 1", r"J^{( i )}(\theta) = (y^{(i)} - p^{(i)})^2"], {"J^{(i)}": "J^{(i)}"}),
        # the label is part of the name: C^n and C^m are two quantities, each at its own list
        (
            [r"\frac{\partial C^n(w)}{\partial w} = 1", r"\frac{\partial C^m(v)}{\partial v} = 1"],
            {"C^{n}": "C^{n}", "C^{m}": "C^{m}"},
        ),
        # two lists of one labelled name, a function letter with a label, a sum in the bracket: not read
        ([r"\frac{\partial C^n(w)}{\partial w} = 1", r"C^n(v) = 3"], {}),
        ([r"\frac{\partial h_\theta(x)}{\partial \theta} = 1"], {}),
        ([r"\frac{\partial L_i(w + b)}{\partial w} = 1"], {}),
    ],
)
def test_the_names_written_at_fixed_arguments(texts: list[str], names: dict[str, str]) -> None:
    assert fixed_argument_names(texts) == names


_DEFINED = (
    "The loss is\n\n$$l(f(x), y) = \\frac{1}{2}\\sum_{i=1}^{n} (z_i - y_i)^2$$\n\n"
    "$$\\frac{\\partial l(f(x), y)}{\\partial z_i} = z_i - y_i$$\n\n"
    "$$\\frac{\\partial l(f(x), y)}{\\partial z_i} = y_i - z_i$$\n\n"
    "for every layer $\\delta^{(l)}$.\n"
)


def test_a_defined_loss_at_its_arguments_is_differentiated(runner: StepRunner) -> None:
    report = check_text(_DEFINED, load_notation(), runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[5] == "ok"
    assert by_line[7] == "wrong"  # the sign flipped: still found


_CHAIN = (
    "The output layer computes $z_i = \\sum_{j=1}^{n} W_{ij} a_j + b_i$.\n\n"
    "$$\\frac{\\partial l(f(x), y)}{\\partial W_{ij}} = \\frac{\\partial l(f(x), y)}{\\partial z_i} a_j$$\n\n"
    "$$\\frac{\\partial l(f(x), y)}{\\partial W_{ij}} = \\frac{\\partial l(f(x), y)}{\\partial z_j} a_i$$\n"
)


def test_chain_rule_steps_of_an_undefined_loss_at_its_arguments(runner: StepRunner) -> None:
    report = check_text(_CHAIN, load_notation(), runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[3] == "ok"
    assert by_line[5] not in ("ok", "wrong")  # the indices swapped: true or not depending on the loss


def test_held_out_13_rugessnome_chain_rule_steps_are_read(runner: StepRunner) -> None:
    # \frac{\partial l(f(x), y)}{\partial b^{(O)}_i} = \frac{\partial l(f(x), y)}{\partial z^{(O)}_i}: the
    # loss l written at its arguments was "l(…): a function application or a product?" (2 of 39 ok)
    report = check_text(RUGESSNOME.read_text(encoding="utf-8"), load_notation(), runner=runner, examples=30)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[374] == "ok"
    assert by_line[397] == "ok"
    assert "wrong" not in by_line.values()


# the loss of the 2-2-2 network, verbatim (kassi-bertrand/machine-learning-notes,
# tests/data/latex_heldout13/mlp_output_grad_student_kassi.tex line 59), then J(W) differentiated
_ANNOTATED = (
    "\\documentclass{article}\n\\begin{document}\n"
    "\\[J(w) = -\\sum\\nolimits_{i = 1}^{1}\\sum\\nolimits_{j=1}^{2} y_j^{[i]} ln(a_j^{[i]}) + "
    "(1 - y_j^{[i]})ln(1 - a_j^{[i]})\\]\n\n"
    "\\[\\frac{\\partial J(W)}{\\partial a_{1}^{[1]}} = \\frac{a_1^{[1]} - y_1^{[1]}}{a_1^{[1]}(1 - a_1^{[1]})}\\]\n\n"
    "\\[\\frac{\\partial J(W)}{\\partial a_{1}^{[1]}} = \\frac{a_1^{[1]} + y_1^{[1]}}{a_1^{[1]}(1 - a_1^{[1]})}\\]\n\n"
    "\\end{document}\n"
)


def test_a_loss_defined_with_a_parameter_it_never_writes_is_read_at_another(runner: StepRunner) -> None:
    report = check_text(_ANNOTATED, load_notation(), runner=runner, examples=30)
    by_line = {r.step.line: r for r in report.results}
    assert by_line[5].status == "ok", by_line[5].message
    assert by_line[7].status == "wrong", by_line[7].message  # a sign flipped: found


def test_a_function_of_its_parameter_is_not_read_at_another(runner: StepRunner) -> None:
    text = "$$J(w) = \\sum_{i=1}^{2} (y_i - w x_i)^2$$\n\n$$\\frac{\\partial J(W)}{\\partial W} = 0$$\n"
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    assert report.results[-1].status not in ("ok", "wrong"), report.results[-1].message


# ---------------------------------------------------------------- a loss with its example's label
_LABELLED = (
    "$$C^n(w) = -(y^n \\ln(\\hat{y}^n) + (1-y^n)\\ln(1-\\hat{y}^n))$$\n\n"
    "where $\\hat{y}^n = \\sigma(w x^n)$.\n\n"
    "$$\\frac{\\partial C^n(w)}{\\partial \\hat{y}^n} = -\\frac{y^n}{\\hat{y}^n} + \\frac{1-y^n}{1-\\hat{y}^n}$$\n\n"
    "$$\\frac{\\partial C^n(w)}{\\partial \\hat{y}^n} = -\\frac{y^n}{\\hat{y}^n} - \\frac{1-y^n}{1-\\hat{y}^n}$$\n"
)


def test_a_labelled_loss_at_its_arguments_is_differentiated(runner: StepRunner) -> None:
    report = check_text(_LABELLED, load_notation(), runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[5] == "ok"  # was "C^{n}(…): a function application or a product?"
    assert by_line[7] == "wrong"  # the sign of the second term flipped: found
