r"""Higher derivatives in Leibniz's notation (``\frac{\partial^2 f}{\partial x^2}``, ``\frac{d^2 f}{dx^2}``,
``\frac{\partial^2 \ell}{\partial w_1 \partial w_2}``, the operator ``\frac{\partial^2}{\partial x \partial y}``)
are read as first derivatives taken in turn; a slip in the answer stays wrong, and orders that do not
add up are not read."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from derive.checks.latex.higher_derivatives import higher_derivatives
from derive.checks.latex.tex_tokens import tex_tokens
from derive.checks.latex.token_spans import each_token_span

_SECOND = r"( \frac { \partial } { \partial x } ( \frac { \partial f } { \partial x } ) )"
_OPERATORS = r"\frac { \partial } { \partial x } \frac { \partial } { \partial y }"


def _rewritten(text: str) -> str:
    return " ".join(t for t, _ in each_token_span(tex_tokens(text), higher_derivatives))


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            r"\frac{\partial^2 f}{\partial x^2}",
            r"( \frac { \partial } { \partial x } ( \frac { \partial f } { \partial x } ) )",
        ),
        (r"\frac{d^{2} f}{dx^2}", r"( \frac { d } { d x } ( \frac { d f } { d x } ) )"),
        (
            r"\frac{\partial^2}{\partial x \, \partial y}",
            r"\frac { \partial } { \partial x } \frac { \partial } { \partial y }",
        ),
        (r"\frac{\partial^2 \ell}{\partial w_i \partial w_j}", None),
        # orders that do not add up, a label that is no order, a first derivative: as written
        (r"\frac{\partial^2 f}{\partial x^3}", r"\frac { \partial ^ 2 f } { \partial x ^ 3 }"),
        (r"\frac{\partial^2 f}{\partial x^{(2)}}", r"\frac { \partial ^ 2 f } { \partial x ^ { ( 2 ) } }"),
        (r"\frac{\partial e}{\partial s_1^{2}}", r"\frac { \partial e } { \partial s _ 1 ^ { 2 } }"),
    ],
)
def test_the_rewrite(text: str, expected: str | None) -> None:
    out = _rewritten(text)
    if expected is None:  # w_i then w_j: ∂/∂w_i (∂ℓ/∂w_j)
        assert out == r"( \frac { \partial } { \partial w _ i } ( \frac { \partial \ell } { \partial w _ j } ) )"
    else:
        assert out == expected


def test_second_derivatives_of_a_defined_function(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "Let $f(x) = x^3 + 2x$.\n\n"
        "$$\\frac{\\partial^2 f}{\\partial x^2} = 6x$$\n\n"
        "$$\\frac{d^2 f}{dx^2} = 6x$$\n\n"
        # the wrong twin: the factor 2 of the second power dropped
        "$$\\frac{d^2 f}{dx^2} = 3x$$\n"
    )
    assert statuses(text) == ["ok", "ok", "wrong"]


def test_mixed_partials_and_the_operator(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{\\partial^2}{\\partial x \\partial y} (x^3 y) = 3 x^2$$\n\n"
        "$$\\frac{\\partial^2 (x^3 y)}{\\partial x \\, \\partial y} = 3 x^2$$\n\n"
        "$$\\frac{\\partial^2}{\\partial x^2} (x^3 y) = 6 x y$$\n\n"
        # wrong twins: a lost factor, and a wrong sign
        "$$\\frac{\\partial^2}{\\partial x \\partial y} (x^3 y) = x^2$$\n\n"
        "$$\\frac{\\partial^2}{\\partial x^2} (x^3 y) = -6 x y$$\n"
    )
    assert statuses(text) == ["ok", "ok", "ok", "wrong", "wrong"]


def test_the_hessian_of_the_softplus_loss_entry_by_entry(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\ell = \\log(1 + e^{w_1 x_1 + w_2 x_2})$$\n\n"
        "$$\\frac{\\partial^2 \\ell}{\\partial w_1 \\partial w_2}"
        " = x_1 x_2 \\sigma(w_1 x_1 + w_2 x_2)(1 - \\sigma(w_1 x_1 + w_2 x_2))$$\n\n"
        # the wrong twin: x_1 twice where the mixed entry takes x_1 x_2
        "$$\\frac{\\partial^2 \\ell}{\\partial w_1 \\partial w_2}"
        " = x_1^2 \\sigma(w_1 x_1 + w_2 x_2)(1 - \\sigma(w_1 x_1 + w_2 x_2))$$\n"
    )
    assert statuses(text)[-2:] == ["ok", "wrong"]
