"""Layered back-propagation without a named delta (checks/latex/layered_plain.py): a document that
states its forward pass and activation and writes the recursion with dJ/dz_l itself gets its
matrix steps judged on random networks (right ones ok; a missing transpose, a dropped sigma', the
last layer's z_L for z_l wrong), its activation may be stated at numbered layers, and nothing is
called wrong where the loss, the activation or the layer meant is unsure."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layered_parse import read_formula
from derive.checks.latex.layered_plain import (
    NO_DELTA,
    declared_stars,
    mixes_last_layer,
    numbered_activation,
    starred_as_hadamard,
    undefined_delta,
)
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: layers as subscripts, the activation at every layer, no delta
SUBSCRIPTS = r"""Each layer computes $z_l = W_l a_{l-1} + b_l$ and $a_l = \sigma(z_l)$, with $\sigma$ the sigmoid
applied element-wise, and the cost is $J$.

"""

#: Ng's bracketed layers, the activation stated at the layers of a small network by number
NUMBERED = r"""The network computes
$$z^{[l]} = W^{[l]} a^{[l-1]} + b^{[l]}$$
with the weight matrix $W^{[l]}$.
In our two-layer example $a^{[1]} = g(z^{[1]})$ and $a^{[2]} = g(z^{[2]})$, where $g$ is any smooth activation.

"""

#: the activation stated at the output layer only: the hidden layers' is an assumption
LAST_ONLY = r"""Each layer computes $z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$; the output is $a^{(L)} = \sigma(z^{(L)})$
with the sigmoid, and the matrices act on column vectors.

"""


def dj(by: str, loss: str = "J") -> str:
    """The loss's derivative by ``by``, as the documents write it."""
    return rf"\frac{{\partial {loss}}}{{\partial {by}}}"


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, dict | None, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.counterexample, result.message


RIGHT = [
    (SUBSCRIPTS, dj("z_l") + r" = (W_{l+1}^T " + dj("z_{l+1}") + r") \odot \sigma'(z_l)"),
    (SUBSCRIPTS, dj("W_l") + r" = " + dj("z_l") + r" a_{l-1}^T"),
    (SUBSCRIPTS, dj("b_l") + r" = " + dj("z_l")),
    (NUMBERED, dj("z^{[l]}") + r" = (W^{[l+1]})^T " + dj("z^{[l+1]}") + r" \odot g'(z^{[l]})"),
    (NUMBERED, dj("W^{[l]}") + r" = " + dj("z^{[l]}") + r" (a^{[l-1]})^T"),
    # the logistic's derivative written out, 1 - a_l at every entry
    (SUBSCRIPTS, dj("z_l") + r" = (W_{l+1}^T " + dj("z_{l+1}") + r") \odot a_l \odot (1 - a_l)"),
]


@pytest.mark.parametrize(("preamble", "step"), RIGHT)
def test_right_steps_are_ok(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message


WRONG = [
    # W for W^T
    (SUBSCRIPTS, dj("z_l") + r" = (W_{l+1} " + dj("z_{l+1}") + r") \odot \sigma'(z_l)"),
    # the activation's derivative dropped
    (SUBSCRIPTS, dj("z_l") + r" = W_{l+1}^T " + dj("z_{l+1}")),
    # a_l (1 - a_l) with the factor 1 - a_{l-1} of the layer before
    (SUBSCRIPTS, dj("z_l") + r" = (W_{l+1}^T " + dj("z_{l+1}") + r") \odot a_l \odot (1 - a_{l-1})"),
    # the last layer's z_L for the layer's own z_l
    (SUBSCRIPTS, dj("W_l") + r" = " + dj("z_L") + r" a_{l-1}^T"),
    (NUMBERED, dj("z^{[l]}") + r" = W^{[l+1]} " + dj("z^{[l+1]}") + r" \odot g'(z^{[l]})"),
    # the next layer's derivative for the layer's own
    (NUMBERED, dj("b^{[l]}") + r" = " + dj("z^{[l+1]}")),
]


@pytest.mark.parametrize(("preamble", "step"), WRONG)
def test_wrong_steps_are_wrong_with_the_network_numbers(preamble: str, step: str, runner: StepRunner) -> None:
    status, example, message = _result(preamble, step, runner)
    assert status == "wrong", message
    assert example is not None and abs(example["left"] - example["right"]) > 1e-6
    assert example["l"] in (2, 3)


#: two losses written as derivatives, neither given a formula: which one the network's is, unknown
TWO_LOSSES = SUBSCRIPTS + "We also write $" + dj("z_L", "E") + " = " + dj("a_L", "E") + r" \sigma'(z_L)$." + "\n\n"
NO_COST = SUBSCRIPTS.replace("the cost is $J$", "nothing more")
#: one numbered layer says nothing about the others
ONE_NUMBERED = NUMBERED.replace(r" and $a^{[2]} = g(z^{[2]})$", "")

NEAR_MISSES = [
    (TWO_LOSSES, dj("z_l") + r" = (W_{l+1} " + dj("z_{l+1}") + r") \odot \sigma'(z_l)"),
    (ONE_NUMBERED, dj("z^{[l]}") + r" = W^{[l+1]} " + dj("z^{[l+1]}") + r" \odot g'(z^{[l]})"),
    (LAST_ONLY, dj("z^{(l)}") + r" = W^{(l+1)} " + dj("z^{(l+1)}") + r" \odot \sigma'(z^{(l)})"),
    # a step the prose puts at the output layer: holding at l = L is what it claims
    (SUBSCRIPTS + "At the output layer,\n\n", dj("W_l") + r" = " + dj("z_L") + r" a_{l-1}^T"),
    # derivatives of the network's own names, not of a loss: no loss is read from them
    (NO_COST, dj("z_l", "a") + r" = W_{l+1}^T \sigma'(z_l)"),
    (NO_COST, dj("z_l", "\\sigma") + r" = \sigma'(z_l)"),
    # a derivative by a matrix laid out the other way: a convention, not wrong
    (SUBSCRIPTS, dj("W_l") + r" = a_{l-1} " + dj("z_l") + r"^T"),
]


@pytest.mark.parametrize(("preamble", "step"), NEAR_MISSES)
def test_near_misses_are_not_called_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status != "wrong", message


def test_the_last_layers_step_written_with_l_alone_stays_the_output_layers(runner: StepRunner) -> None:
    # l only (no L beside it): the output layer's step written with l, as layered_backprop reads it
    status, _, message = _result(SUBSCRIPTS, dj("z_l") + r" = " + dj("a_l") + r" \odot \sigma'(z_l)", runner)
    assert status in ("ok", "inconclusive"), message


def _trees(pairs: list[tuple[str, str]]) -> list:
    return [(None, read_formula(lhs, False), read_formula(rhs, False)) for lhs, rhs in pairs]


def test_the_loss_and_pre_activation_come_from_the_derivatives() -> None:
    trees = _trees([(r"\frac{\partial F}{\partial z_l}", r"W_{l+1}^T \frac{\partial F}{\partial z_{l+1}}")])
    assert undefined_delta(trees) == ("F", ("z",))
    # a second loss name: only the one given a formula is the network's
    both = _trees([(r"\frac{\partial L}{\partial z_l}", r"\frac{\partial L}{\partial z_{l+1}}"), ("F", "-y")])
    assert undefined_delta(trees + both) == ("F", ("z",))
    by_weight = _trees([(r"\frac{\partial F}{\partial W_l}", r"\frac{\partial F}{\partial z_l} a_{l-1}^T")])
    assert undefined_delta(by_weight) == ("F", ("W", "z"))
    assert undefined_delta(trees + both[:1]) is None
    # the loss written at its argument (F(b)) is still the loss; the activation applied to z_l is not
    at_argument = _trees([("F(b)", "y")])
    assert undefined_delta(trees + both + at_argument) == ("F", ("z",))
    assert undefined_delta(_trees([("z_l", "W_l a_{l-1}")])) is None
    # the activation differentiated (∂σ/∂z_l beside σ(z_l)) is not a loss
    assert undefined_delta(_trees([(r"\frac{\partial \sigma}{\partial z_l}", r"\sigma(z_l)(1 - \sigma(z_l))")])) is None
    assert NO_DELTA == ""
    # an output (y = a_L), or a name no loss is written with, differentiated by z_l: no loss
    output = _trees([("y", "a_L"), (r"\frac{\partial y}{\partial z_L}", r"\sigma'(z_L)")])
    assert undefined_delta(output) is None
    assert undefined_delta(_trees([("L", "y"), (r"\frac{\partial L}{\partial z_L}", "a_L - y")])) == ("L", ("z",))
    assert undefined_delta(_trees([("L", r"\sigma(z_L)"), (r"\frac{\partial L}{\partial z_L}", "a_L")])) is None
    assert undefined_delta(_trees([(r"\frac{\partial q}{\partial z_l}", r"W_{l+1}^T")])) is None


def test_numbered_activations_state_every_layer_only_when_alike_at_two() -> None:
    two = [("a_1", r"\sigma(z_1)"), ("a_2", r"\sigma(z_2)")]
    assert numbered_activation(two, False) == ("\\sigma", "a", "z")
    assert numbered_activation(two[:1], False) is None
    assert numbered_activation([*two, ("h_3", r"\phi(z_3)")], False) is None
    assert numbered_activation([("a^{(1)}", "g(z^{(1)})"), ("a^{(2)}", "g(z^{(2)})")], True) == ("g", "a", "z")
    assert numbered_activation([("a_1", r"\sigma(z_2)"), ("a_2", r"\sigma(z_3)")], False) is None


def test_a_step_mixing_the_last_layer_and_l() -> None:
    lhs = read_formula(dj("W_l", "F"), False)
    rhs = read_formula(dj("z_L", "F") + " a_{l-1}^T", False)
    assert mixes_last_layer(lhs, rhs, "so we have")
    assert not mixes_last_layer(lhs, rhs, "for the output layer")
    assert not mixes_last_layer(lhs, read_formula(r"\frac{\partial F}{\partial z_l} a_{l-1}^T", False), "")


#: the document's own word for its star: the element-wise product (as the general reader never reads it)
STARRED = SUBSCRIPTS + r"Below, $\ast$ --- element-wise multiplication, $\cdot$ --- matrix multiplication." + "\n\n"


def test_a_star_declared_element_wise_is_the_hadamard_product(runner: StepRunner) -> None:
    right = dj("z_l") + r" = W_{l+1}^\top \cdot " + dj("z_{l+1}") + r" \ast \sigma'(z_l)"
    status, _, message = _result(STARRED, right, runner)
    assert status == "ok", message
    dropped = dj("z_l") + r" = W_{l+1}^\top \cdot " + dj("z_{l+1}") + r" \ast \sigma(z_l)"
    status, _, message = _result(STARRED, dropped, runner)
    assert status == "wrong", message
    # undeclared, the star stays the general reader's product: never the network's Hadamard
    status, _, message = _result(SUBSCRIPTS, dropped, runner)
    assert status != "wrong" or "random network" not in message, message


def test_which_stars_a_document_declares() -> None:
    assert declared_stars(r"<<$\ast$>> --- element-size multiplication") == {"\\ast"}
    assert declared_stars(r"where $*$ is the element-wise product") == {"*"}
    assert declared_stars(r"the Hadamard product $*$ of two vectors") == {"*"}
    # a convolution, a product in a formula, an optimum: not declared
    assert not declared_stars(r"$W * x$ is a convolution, and $\odot$ the element-wise product")
    assert not declared_stars(r"we write $a*b$ for the product")
    assert not declared_stars(r"$x^*$ is the element-wise optimum")
    assert starred_as_hadamard(r"a \ast b^* + c*d", frozenset({"\\ast"})) == r"a  \odot  b^* + c*d"
    assert starred_as_hadamard(r"a \ast b^* + c*d", frozenset({"*"})) == r"a \ast b^* + c \odot d"
