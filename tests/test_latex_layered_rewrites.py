r"""The two readings of checks/latex/layered_rewrites.py, in a document that defines its delta
(delta^l_j = dC/dz^l_j) and states its network: a step that only writes the document's delta for
dC/dz^{l+1} inside a product the network cannot evaluate is ok (the same expression on both
sides), ``\odot \frac{\partial \sigma}{\partial z^l}`` is read as ``\odot \sigma'(z^l)`` and ``\nabla W^l``
as ``\partial C/\partial W^l``, ok when that holds and never wrong on those readings alone."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.layered_net import Roles
from derive.checks.latex.layered_parse import read_formula
from derive.checks.latex.layered_rewrites import delta_substituted, entrywise_derivatives, gradients_read
from test_latex_layered_backprop import NIELSEN, SUBSCRIPTS, _result

#: a document whose delta is defined at the last layer only (then assumed at every layer)
LAST_ONLY = NIELSEN.replace(
    r"\delta^l_j = \frac{\partial C}{\partial z^l_j}", r"\delta^L_j = \frac{\partial C}{\partial z^L_j}"
)
#: dC/dz^{l+1} and the Jacobian the network cannot evaluate (its layout is the writer's)
DC = r"\frac{\partial C}{\partial z^{l+1}}"
JACOBIAN = r"\frac{\partial z^{l+1}}{\partial z^l}"
BY_A = r"\frac{\partial z^{l+1}}{\partial a^l}"

#: the derivative labelled with the delta it is, per entry and summed (held-out 12)
LABELLED = r"\sum_k \underbrace{\frac{\partial C}{\partial z^{l+1}_k}}_{\delta^{l+1}_k} " + (
    r"\frac{\partial z^{l+1}_k}{\partial z^l_j}"
)

SUBSTITUTED = [
    (NIELSEN, DC + JACOBIAN + r" = \delta^{l+1}" + JACOBIAN),
    (NIELSEN, r"\underbrace{" + DC + r"}_{=:\delta^{l+1}} " + JACOBIAN + r" = \delta^{l+1}" + JACOBIAN),
    (NIELSEN, LABELLED + r" = \sum_k \delta^{l+1}_k \frac{\partial z^{l+1}_k}{\partial z^l_j}"),
    # spaces as held-out 20 writes them, and the Jacobian by the activation
    (NIELSEN, r"\frac{\partial C} {\partial z^{l+1}} " + BY_A + r" = \delta^{l+1} " + BY_A),
]


@pytest.mark.parametrize(("preamble", "step"), SUBSTITUTED)
def test_the_documents_delta_written_for_its_derivative_is_ok(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message
    assert "as the document defines it" in message


NOT_SUBSTITUTED = [
    # the wrong layer's delta
    (NIELSEN, DC + JACOBIAN + r" = \delta^{l}" + JACOBIAN),
    # the Jacobian changed too
    (NIELSEN, DC + JACOBIAN + r" = \delta^{l+1}" + BY_A),
    # the factors swapped
    (NIELSEN, DC + JACOBIAN + " = " + JACOBIAN + r"\delta^{l+1}"),
    # the label's delta of the wrong layer written for it
    (NIELSEN, LABELLED + r" = \sum_k \delta^{l}_k \frac{\partial z^{l+1}_k}{\partial z^l_j}"),
    # a delta stated at the last layer only is not substituted at layer l+1
    (LAST_ONLY, DC + JACOBIAN + r" = \delta^{l+1}" + JACOBIAN),
]


@pytest.mark.parametrize(("preamble", "step"), NOT_SUBSTITUTED)
def test_a_step_that_is_more_than_the_substitution_is_not_ok_by_it(
    preamble: str, step: str, runner: StepRunner
) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status != "ok", message
    assert "as the document defines it" not in message


ENTRYWISE = [
    (NIELSEN, r"\delta^l = (w^{l+1})^T \cdot \delta^{l+1} \odot \frac{\partial \sigma}{\partial z^{l}}"),
    (NIELSEN, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \frac{\partial a^l}{\partial z^l}"),
    (SUBSCRIPTS, r"\delta_{\ell-1} = (W_\ell^T \delta_\ell) \odot \frac{\partial \sigma}{\partial z_{\ell-1}}"),
]


@pytest.mark.parametrize(("preamble", "step"), ENTRYWISE)
def test_the_activations_derivative_beside_a_hadamard_product_is_read_entrywise(
    preamble: str, step: str, runner: StepRunner
) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message
    assert "entrywise" in message


ENTRYWISE_TWINS = [
    # a missing transpose
    (NIELSEN, r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \frac{\partial \sigma}{\partial z^l}"),
    # the wrong layer's derivative
    (NIELSEN, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \frac{\partial \sigma}{\partial z^{l+1}}"),
    # a product, not a Hadamard product: not read entrywise
    (NIELSEN, r"\delta^l = \frac{\partial a^l}{\partial z^l} (w^{l+1})^T \delta^{l+1}"),
]


@pytest.mark.parametrize(("preamble", "step"), ENTRYWISE_TWINS)
def test_a_wrong_step_read_entrywise_is_neither_ok_nor_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status not in ("ok", "wrong"), message


GRADIENTS = [
    (NIELSEN, r"\nabla w^{l} = \delta^{l} \cdot (a^{l-1})^T"),
    (NIELSEN, r"\nabla b^{l} = \delta^{l}"),
    (NIELSEN, r"(\nabla w^l)_{jk} = \delta_j^l a_k^{l-1}"),
    (NIELSEN, r"\nabla a^{l} = (w^{l+1})^T \delta^{l+1}"),
]


@pytest.mark.parametrize(("preamble", "step"), GRADIENTS)
def test_a_bare_nabla_before_a_network_name_is_the_losss_gradient(
    preamble: str, step: str, runner: StepRunner
) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message
    assert "∇X read as ∂C/∂X" in message


GRADIENT_TWINS = [
    # the outer product the other way round (a layout: not wrong either)
    (NIELSEN, r"\nabla w^{l} = a^{l-1} (\delta^{l})^T"),
    # the wrong layer
    (NIELSEN, r"\nabla b^{l} = \delta^{l-1}"),
    # the entry's indices swapped
    (NIELSEN, r"(\nabla w^l)_{jk} = \delta_k^l a_j^{l-1}"),
    # a Hadamard product for the outer product
    (NIELSEN, r"\nabla w^{l} = \delta^{l} \odot a^{l-1}"),
    # the transpose dropped
    (NIELSEN, r"\nabla a^{l} = w^{l+1} \delta^{l+1}"),
]


@pytest.mark.parametrize(("preamble", "step"), GRADIENT_TWINS)
def test_a_wrong_gradient_step_is_neither_ok_nor_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status not in ("ok", "wrong"), message


ROLES = Roles("\\delta", "z", "a", "w", "b", "C", "\\sigma", ("var", "z", ("l", 0), ()), None)


def test_the_rewrites_on_trees() -> None:
    product = read_formula(r"\frac{\partial C}{\partial z^{l+1}} \frac{\partial z^{l+1}}{\partial z^l}", True)
    substituted = read_formula(r"\delta^{l+1} \frac{\partial z^{l+1}}{\partial z^l}", True)
    assert delta_substituted(product, substituted, ROLES)
    assert not delta_substituted(product, product, ROLES)  # nothing substituted: not this rule's step
    hadamard = read_formula(r"\delta^{l} \odot \frac{\partial \sigma}{\partial z^l}", True)
    read, changed = entrywise_derivatives(hadamard, ROLES)
    assert changed and read[2] == ("call", "\\sigma", 1, ("var", "z", ("l", 0), ()))
    product = read_formula(r"\frac{\partial \sigma}{\partial z^l} \delta^{l}", True)
    assert entrywise_derivatives(product, ROLES) == (product, False)


def test_the_gradient_reading_on_trees() -> None:
    weights = read_formula(r"\nabla W^l", True)
    assert weights == ("grad", ("var", "W", ("l", 0), ()))
    assert gradients_read(weights, ROLES) == (weights, False)  # W is not this network's weight letter (w)
    loss = ("var", "C", None, ())
    read, changed = gradients_read(read_formula(r"\nabla w^l", True), ROLES)
    assert changed and read == ("d", loss, ("var", "w", ("l", 0), ()))
    read, changed = gradients_read(read_formula(r"\nabla C(a^L)", True), ROLES)
    assert changed and read == ("d", loss, ("var", "a", ("L", 0), ()))
    bare = read_formula(r"\nabla C", True)  # by what? not read
    assert gradients_read(bare, ROLES) == (bare, False)
