"""Layered back-propagation (checks/latex/layered_backprop.py, layered_parse.py), twentieth round:
the transposed delta recursion ``\\delta^l = ((W^{l+1})^T \\delta^{l+1}) \\odot \\sigma'(z^l)`` in
documents that write their activation per layer (``\\sigma_l(z^l)``, ``g^l(z^l)``), state it at the
last layer only (``a^L_j = \\sigma(z^L_j)``), or name the weight matrix W^l whose entries their
forward pass writes w^l_{jk}. Right steps are ok; the usual mistakes stay wrong where the document
states everything, and are never wrong where the reading assumed something."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layered_parse import read_formula
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: one activation letter per layer, σ_l (davidmoten's notes), forward pass per entry
PER_LAYER = r"""The forward pass of layer $l$:
$$z_{i}^l = \sum_{j} w_{ij}^l a_{j}^{l-1} + b_{i}^l$$
$$a_{i}^l = \sigma_l(z_{i}^l)$$
We define the error
$$\delta_{i}^l = \frac{\partial C}{\partial z_{i}^l}$$

"""

#: the activation written g^l before its bracket, vector form (koerbitz's notes)
SUPERSCRIPT_LETTER = r"""Each layer computes
$$z^l = w^l a^{l-1} + b^l$$
$$a^l = g^l(z^l)$$
and we define $\delta^l = \frac{\partial C}{\partial z^l}$ as vectors.

"""

#: the activation stated at the last layer only (Nielsen's BP1 derivation, xinyudu's notes)
LAST_ONLY = r"""The error of neuron $j$ in layer $l$ is
$$\delta_j^l = \frac{\partial C}{\partial z_j^l}$$
where
$$z_k^{l+1} = \sum_j w_{kj}^{l+1} a_j^l + b_k^{l+1}$$
At the output layer
$$a_j^L = \sigma(z_j^L)$$

"""


#: delta, forward pass and activation stated at the output layer only (xannotzan's notes), then BP4 at l
OUTPUT_ONLY = r"""At the output layer
$$a_{j}^{L} = \sigma(z_{j}^{L})$$
$$z_{j}^{L} = \sum_{k=1}^{n} w_{jk}^{L} a_{k}^{L-1} + b_{j}^{L}$$
and we write
$$\delta_{j}^{L} = \frac{\partial C}{\partial z_{j}^{L}}$$

"""


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.message


RIGHT = [
    (PER_LAYER, r"\delta^l = (W^{l+1})^{T}\delta^{l+1} \circ \sigma_l^{\prime}(z^l)"),
    (PER_LAYER, r"\frac{\partial z_{k}^{l+1}}{\partial z_{i}^l} = w_{ki}^{l+1}\sigma_l^{\prime}(z_{i}^l)"),
    (PER_LAYER, r"\delta_{i}^l = \sigma_l'(z_{i}^l) \sum_{k} w_{ki}^{l+1}\delta_{k}^{l+1}"),
    (SUPERSCRIPT_LETTER, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot g'(z^l)"),
    (LAST_ONLY, r"\delta^l = ((w^{l+1})^T\delta^{l+1})\odot\sigma'(z^l)"),
    (LAST_ONLY, r"\delta_j^l = \sum_k w_{kj}^{l+1}\delta_k^{l+1}\sigma'(z_j^l)"),
    (OUTPUT_ONLY, r"\frac{\partial C}{\partial w_{jk}^{l}} = \delta_j^l a_{k}^{l-1}"),
    (OUTPUT_ONLY, r"\frac{\partial C}{\partial a_{j}^{l}} = \sum_{q=1}^{n} w_{qj}^{l+1} \delta_q^{l+1}"),
    # W^l of a document whose vector forward pass writes w^l (koerbitz's notes)
    (SUPERSCRIPT_LETTER, r"\delta^l = {W^{l+1}}^T \delta^{l+1} \odot g'(z^l)"),
    (SUPERSCRIPT_LETTER, r"\frac{\partial C}{\partial W^l} = \delta^l {a^{l-1}}^T"),
]


@pytest.mark.parametrize(("preamble", "step"), RIGHT)
def test_the_transposed_recursion_is_ok(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status == "ok", message
    assert "random networks" in message


WRONG = [
    # σ_l for σ_l' (davidmoten's own slip): wrong for every activation, one per layer or shared
    (PER_LAYER, r"\delta_{i}^l = \sigma_l(z_{i}^l) \sum_{k} w_{ki}^{l+1}\delta_{k}^{l+1}"),
    # the weight index transposed
    (PER_LAYER, r"\delta_{i}^l = \sigma_l'(z_{i}^l) \sum_{k} w_{ik}^{l+1}\delta_{k}^{l+1}"),
    # the transpose and g' dropped (koerbitz's slip)
    (SUPERSCRIPT_LETTER, r"\delta^l = (w^{l+1})^T \delta^{l+1}"),
]


@pytest.mark.parametrize(("preamble", "step"), WRONG)
def test_the_usual_mistakes_stay_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status == "wrong", message


NOT_WRONG = [
    # an activation stated at the last layer only is assumed for the others: a difference is not wrong
    (LAST_ONLY, r"\delta_j^l = \sum_k w_{jk}^{l+1}\delta_k^{l+1}\sigma'(z_j^l)"),
    # the matrix W of a per-entry document: what W is, the document does not say
    (PER_LAYER, r"\delta^l = (W^{l+1}\delta^{l+1}) \circ \sigma_l^{\prime}(z^l)"),
    # the transpose dropped on W, the capital of the document's w: read as w, a guess, so not wrong
    (SUPERSCRIPT_LETTER, r"\delta^l = W^{l+1} \delta^{l+1} \odot g'(z^l)"),
    # BP4's indices swapped, in a document whose network is stated at its output layer only
    (OUTPUT_ONLY, r"\frac{\partial C}{\partial w_{jk}^{l}} = \delta_k^l a_{j}^{l-1}"),
]


@pytest.mark.parametrize(("preamble", "step"), NOT_WRONG)
def test_what_the_reading_assumed_never_makes_a_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status != "wrong", message
    assert status != "ok", message


def test_a_layer_labelled_activation_is_a_call_and_a_labelled_delta_a_product() -> None:
    assert read_formula(r"\sigma_l(z_i^l)") == ("call", "\\sigma", 0, ("var", "z", ("l", 0), ("i",)))
    assert read_formula(r"g^{l}(z^l)") == ("call", "g", 0, ("var", "z", ("l", 0), ()))
    assert read_formula(r"\sigma_l^{\prime}(z^l)")[:3] == ("call", "\\sigma", 1)
    # δ^{l+1}(W^{l+1})^T (a row document's BP2) stays a product
    assert read_formula(r"\delta^{l+1}(W^{l+1})^\top")[0] == "mul"
