r"""Indicators in the notations indicator_forms.py reads: ``\delta_{k=c}``, ``\delta_{x>0}``,
``\mathbb{I}(…)``, ``1\{…\}``, ``\mathrm{kronecker}(a, b)``; a δ that names a quantity stays."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.indicator_forms import indicator_forms
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _text(tex: str) -> str:
    return " ".join(t for t, _ in indicator_forms(tex_tokens(tex)))


def test_each_written_indicator_becomes_the_subscript_form() -> None:
    assert _text(r"-\delta_{k=c} + p_k") == r"- \mathbb { 1 } _ { k = c } + p _ k"
    assert _text(r"\delta_{x_{j}>0}") == r"\mathbb { 1 } _ { x _ { j } > 0 }"
    assert _text(r"\mathbb{I}(y_i = k)") == r"\mathbb { 1 } _ { y _ i = k }"
    assert _text(r"\mathbb{I}[t \neq j]") == r"\mathbb { 1 } _ { t \neq j }"
    assert _text(r"1\{y^{(i)} = k\}") == r"\mathbb { 1 } _ { y ^ { ( i ) } = k }"
    assert _text(r"\mathbb{1}\{a = b\}") == r"\mathbb { 1 } _ { a = b }"
    assert _text(r"\operatorname{kronecker}(t, j)") == r"\mathbb { 1 } _ { t = j }"


def test_a_delta_that_names_a_quantity_stays() -> None:
    assert _text(r"\delta_{k=1}") == r"\delta _ { k = 1 }"  # δ at output 1, a backprop error
    assert _text(r"\delta_{k=c}") == r"\delta _ { k = c }"  # a whole side: the error at class c
    assert _text(r"-\delta_{k=c}") == r"- \delta _ { k = c }"
    assert _text(r"\delta_{k=c}^{(2)} w") == r"\delta _ { k = c } ^ { ( 2 ) } w"  # a layer's error
    assert _text(r"\delta_{ij}") == r"\delta _ { i j }"  # Kronecker's, read elsewhere
    assert _text(r"\delta_{k=c+1} w") == r"\delta _ { k = c + 1 } w"  # not an index atom


def test_identities_sets_and_numbers_stay() -> None:
    assert _text(r"\mathbb{I}_n") == r"\mathbb { I } _ n"  # the identity
    assert _text(r"x_1\{a = b\}") == r"x _ 1 \{ a = b \}"  # the 1 is a subscript
    assert _text(r"\mathbb{I}(x)") == r"\mathbb { I } ( x )"  # no condition
    assert _text(r"\mathrm{kronecker}(t + 1, j)") == r"\mathrm { k r o n e c k e r } ( t + 1 , j )"


SOFTMAX = "$$p_i = \\frac{e^{z_i}}{\\sum_{q=1}^n e^{z_q}}$$\n\n"


@pytest.mark.parametrize(
    "indicator",
    [r"\delta_{i=j}", r"\mathbb{I}(i = j)", r"\mathbb{I}_{i=j}", r"1\{i = j\}", r"\mathrm{kronecker}(i, j)"],
)
def test_the_softmax_jacobian_with_each_indicator(runner: StepRunner, indicator: str) -> None:
    ok = SOFTMAX + f"$$\\frac{{\\partial p_i}}{{\\partial z_j}} = p_i({indicator} - p_j)$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    flipped = SOFTMAX + f"$$\\frac{{\\partial p_i}}{{\\partial z_j}} = p_i(p_j - {indicator})$$\n"
    assert check_text(flipped, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


LOSS = "$$z = -x_c + \\ln(\\sum_{k=1}^D e^{x_k})$$\n\n"


def test_the_cross_entropy_gradient_with_a_conditioned_delta(runner: StepRunner) -> None:
    ok = LOSS + "$$\\frac{dz}{dx_k} = -\\delta_{k=c} + \\frac{e^{x_k}}{\\sum_{q=1}^D e^{x_q}}$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    sign = LOSS + "$$\\frac{dz}{dx_k} = \\delta_{k=c} + \\frac{e^{x_k}}{\\sum_{q=1}^D e^{x_q}}$$\n"
    assert check_text(sign, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_the_relu_derivative_as_a_delta_of_an_order(runner: StepRunner) -> None:
    ok = "$$\\frac{d}{dx} \\max(0, x) = \\delta_{x>0}$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    flipped = "$$\\frac{d}{dx} \\max(0, x) = \\delta_{x<0}$$\n"
    assert check_text(flipped, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_a_backprop_error_evaluated_at_an_output_is_no_false_alarm(runner: StepRunner) -> None:
    text = "The outputs miss their targets by $$\\delta_{k=1} = -0.1071$$ and $$\\delta_{k=2} = 0.5328$$.\n"
    assert all(r.status != "wrong" for r in check_text(text, NOTATION, runner=runner, markdown=True).results)
    named = "$$\\delta_{k=c} = p_c - 1$$\n"
    assert all(r.status != "wrong" for r in check_text(named, NOTATION, runner=runner, markdown=True).results)
