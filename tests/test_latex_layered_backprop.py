"""Layered back-propagation with a defined delta (checks/latex/layered_backprop.py): where a
document defines delta^l_j as dC/dz^l_j and states its forward pass and activation, BP1-BP4
(per entry and in vector form) are judged on random networks: right steps ok, the usual
mistakes (transposed weight index, dropped sigma', a missing transpose) wrong with the network's
numbers, and nothing called wrong without a stated convention or a defined delta."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layered_parse import NotLayered, read_formula
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

NIELSEN = r"""The weighted input of neuron $j$ in layer $l$ is
$$z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j$$
or, as vectors,
$$z^l = w^l a^{l-1} + b^l$$
and its activation is
$$a^l_j = \sigma(z^l_j)$$
with the sigmoid function $\sigma$. We define the error of neuron $j$ in layer $l$ by
$$\delta^l_j = \frac{\partial C}{\partial z^l_j}$$

"""

#: per entry only, weights indexed from i (layer l-1) to j (layer l), with (\ell) layers
FROM_TO = r"""The forward pass:
$$S_j^{(\ell)} = \sum_i w_{ij}^{(\ell)} x_i^{(\ell-1)} + b_j^{(\ell)}, \qquad x_j^{(\ell)} = g(S_j^{(\ell)})$$
We write $\delta_j^{(\ell)} := \frac{\partial e}{\partial S_j^{(\ell)}}$ for the error.

"""

#: vector form only, layers as subscripts
SUBSCRIPTS = r"""Forward: $z_\ell = W_\ell a_{\ell-1} + b_\ell$, $a_\ell = \sigma(z_\ell)$;
$\delta_\ell := \partial J/\partial z_\ell$.

"""


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, dict | None, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.counterexample, result.message


RIGHT = [
    (NIELSEN, r"\delta^L = \nabla_a C \odot \sigma'(z^L)"),
    (NIELSEN, r"\delta^L_j = \frac{\partial C}{\partial a^L_j} \sigma'(z^L_j)"),
    (NIELSEN, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)"),
    (NIELSEN, r"\delta^l_j = \sigma'(z^l_j) \sum_k w^{l+1}_{kj} \delta^{l+1}_k"),
    (NIELSEN, r"\frac{\partial C}{\partial b^l_j} = \delta^l_j"),
    (NIELSEN, r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j"),
    (NIELSEN, r"\frac{\partial C}{\partial w^l} = \delta^l (a^{l-1})^T"),
    (NIELSEN, r"\frac{\partial z^{l+1}_k}{\partial a^l_j} = w^{l+1}_{kj}"),
    (FROM_TO, r"\delta_i^{(\ell-1)} = g'(S_i^{(\ell-1)}) \sum_j w_{ij}^{(\ell)} \delta_j^{(\ell)}"),
    (FROM_TO, r"\frac{\partial e}{\partial w_{ij}^{(\ell)}} = \delta_j^{(\ell)} x_i^{(\ell-1)}"),
    (SUBSCRIPTS, r"\delta_{\ell-1} = (W_\ell^T \delta_\ell) \odot \sigma'(z_{\ell-1})"),
    (SUBSCRIPTS, r"\frac{\partial J}{\partial W_\ell} = \delta_\ell a_{\ell-1}^T"),
]


@pytest.mark.parametrize(("preamble", "step"), RIGHT)
def test_right_steps_are_ok(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message


WRONG = [
    # the transposed weight index in BP2
    (NIELSEN, r"\delta^l_j = \sigma'(z^l_j) \sum_k w^{l+1}_{jk} \delta^{l+1}_k"),
    # w instead of w^T
    (NIELSEN, r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)"),
    # a dropped sigma'
    (NIELSEN, r"\delta^l = (w^{l+1})^T \delta^{l+1}"),
    # the same, its a with a layer: judged
    (NIELSEN, r"\nabla_{a^l} C = (w^{l+1})^T \delta^{l+1} \odot \sigma'(z^l)"),
    (NIELSEN, r"\delta^L_j = \frac{\partial C}{\partial a^L_j}"),
    # the indices of BP4 swapped
    (NIELSEN, r"\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_j \delta^l_k"),
    # the from-to convention read the other way
    (FROM_TO, r"\delta_i^{(\ell-1)} = g'(S_i^{(\ell-1)}) \sum_j w_{ji}^{(\ell)} \delta_j^{(\ell)}"),
    (SUBSCRIPTS, r"\delta_{\ell-1} = (W_\ell \delta_\ell) \odot \sigma'(z_{\ell-1})"),
]


@pytest.mark.parametrize(("preamble", "step"), WRONG)
def test_wrong_steps_are_wrong_with_the_network_numbers(preamble: str, step: str, runner: StepRunner) -> None:
    status, example, message = _result(preamble, step, runner)
    assert status == "wrong", message
    assert example is not None and abs(example["left"] - example["right"]) > 1e-6
    assert example["l"] in (2, 3)


NO_DELTA = NIELSEN.replace(r"$$\delta^l_j = \frac{\partial C}{\partial z^l_j}$$", "(the error is written below)")
NO_FORWARD = "Each layer applies $a^l = \\sigma(z^l)$. We define $\\delta^l_j = \\partial C / \\partial z^l_j$.\n\n"
#: entries only: what the weight MATRIX is, the document does not say
ENTRIES_ONLY = NIELSEN.replace("or, as vectors,\n$$z^l = w^l a^{l-1} + b^l$$\n", "")

NEAR_MISSES = [
    (NO_DELTA, r"\delta^l_j = \sigma'(z^l_j) \sum_k w^{l+1}_{jk} \delta^{l+1}_k"),
    (NO_FORWARD, r"\delta^l_j = \sigma'(z^l_j) \sum_k w^{l+1}_{jk} \delta^{l+1}_k"),
    (ENTRIES_ONLY, r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)"),
    # a derivative by a matrix laid out the other way (numerator layout): not wrong
    (NIELSEN, r"\frac{\partial C}{\partial w^l} = a^{l-1} (\delta^l)^T"),
    # the two sides write different free indices
    (NIELSEN, r"\frac{\partial C}{\partial b^l_j} = \delta^l_k"),
    # a written without its layer beside layered names (held-out 31: ∇_a C for layer l's a)
    (NIELSEN, r"\nabla_a C = (w^{l+1})^T \delta^{l+1}"),
]


@pytest.mark.parametrize(("preamble", "step"), NEAR_MISSES)
def test_near_misses_are_not_called_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status != "wrong", message


def test_the_matrix_of_a_per_entry_document_may_still_be_ok(runner: StepRunner) -> None:
    status, _, message = _result(ENTRIES_ONLY, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)", runner)
    assert status == "ok", message


def test_an_open_activation_is_not_the_logistic_one(runner: StepRunner) -> None:
    # sigma'(z) = a(1 - a) holds for the logistic function only: FROM_TO's g is not said to be it
    step = r"\delta_i^{(\ell-1)} = x_i^{(\ell-1)} (1 - x_i^{(\ell-1)}) \sum_j w_{ij}^{(\ell)} \delta_j^{(\ell)}"
    status, _, message = _result(FROM_TO, step, runner)
    assert status != "wrong", message
    assert status != "ok", message


def test_the_reader_reads_layers_and_refuses_the_rest() -> None:
    assert read_formula(r"w^{(\ell+1)}_{k,i}") == ("var", "w", ("l", 1), ("k", "i"))
    assert read_formula(r"a_{\ell-1}^T", superscript_layers=False) == ("T", ("var", "a", ("l", -1), ()))
    assert read_formula(r"\delta^{[L]}") == ("var", "\\delta", ("L", 0), ())
    with pytest.raises(NotLayered):
        read_formula(r"\sum_{k=1}^{j} w^l_{jk}")  # part of a layer summed
    with pytest.raises(NotLayered):
        read_formula(r"x^2 + \log y")


MSE = NIELSEN + r"""The quadratic cost is
$$C = \frac{1}{2} \sum_j (y_j - a^L_j)^2$$

"""
#: two losses: the quadratic one and the cross-entropy (not read): which one a step means is unknown
TWO_LOSSES = MSE + r"""or the cross-entropy
$$C = -\sum_j \left[y_j \ln a^L_j + (1 - y_j) \ln (1 - a^L_j)\right]$$

"""


@pytest.mark.parametrize(
    "step",
    [
        r"\nabla_a C = a^L - y",
        r"\delta^L = (a^L - y) \odot \sigma'(z^L)",
        r"\frac{\partial C}{\partial a^L_j} = a^L_j - y_j",
    ],
)
def test_the_documents_loss_formula_judges_steps_with_its_target(step: str, runner: StepRunner) -> None:
    status, _, message = _result(MSE, step, runner)
    assert status == "ok", message


@pytest.mark.parametrize("step", [r"\delta^L = a^L - y", r"\nabla_a C = y - a^L"])
def test_a_wrong_last_layer_step_is_wrong_under_the_documents_loss(step: str, runner: StepRunner) -> None:
    status, example, message = _result(MSE, step, runner)
    assert status == "wrong", message
    assert abs(example["left"] - example["right"]) > 1e-6


@pytest.mark.parametrize("preamble", [NIELSEN, TWO_LOSSES])
def test_a_target_without_one_loss_formula_is_not_wrong(preamble: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, r"\delta^L = a^L - y", runner)
    assert status != "wrong", message


def test_the_output_layers_step_written_with_l_is_not_wrong(runner: StepRunner) -> None:
    # "for the output layer l": BP1 with l holds at l = L, and is not called wrong for l < L
    status, _, message = _result(NIELSEN, r"\delta^l = \nabla_a C \odot \sigma'(z^l)", runner)
    assert status == "inconclusive", message
    assert "last layer" in message


def test_a_document_with_softmax_gets_no_wrong_about_its_last_layer(runner: StepRunner) -> None:
    preamble = NIELSEN + "The output layer may use the softmax instead.\n\n"
    status, _, message = _result(preamble, r"\frac{\partial a^L_i}{\partial z^L_j} = - a^L_i a^L_j", runner)
    assert status != "wrong", message
    status, _, message = _result(preamble, r"\delta^l = (w^{l+1})^T \delta^{l+1}", runner)
    assert status == "wrong", message  # the hidden layers' steps still are


#: a real Nielsen-style write-up (held-out set 4) with the usual mistakes planted: line -> (right, planted)
PLANTED = {
    380: (r"\frac{\partial C}{\partial a^L_k}\sigma'(z^L_k)$$", r"\frac{\partial C}{\partial a^L_k}$$"),  # σ' dropped
    435: (r"\delta^{l+1}_i w^{l+1}_{i,k}$$", r"\delta^{l+1}_i w^{l+1}_{k,i}$$"),  # the weight index transposed
    488: (r"\delta^l=((w^{l+1})^T\delta^{l+1})", r"\delta^l=(w^{l+1}\delta^{l+1})"),  # the transpose missing
    490: (r"=a^{l-1}_k\delta^l_j", r"=a^{l-1}_j\delta^l_k"),  # BP4's indices swapped
}


def test_planted_mistakes_in_a_real_document_are_found_and_nothing_else(runner: StepRunner) -> None:
    from pathlib import Path

    path = Path(__file__).parent / "data" / "latex_heldout4" / "backprop_index_blackkeys17.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for number, (right, planted) in PLANTED.items():
        assert right in lines[number - 1], number
        lines[number - 1] = lines[number - 1].replace(right, planted)
    report = check_text("\n".join(lines), NOTATION, runner=runner, markdown=True)
    wrong = {r.step.line for r in report.results if r.status == "wrong"}
    assert wrong == set(PLANTED), [(r.step.line, r.message) for r in report.results if r.status == "wrong"]
    original = check_text(path.read_text(encoding="utf-8"), NOTATION, runner=runner, markdown=True)
    assert not {r.step.line for r in original.results if r.status == "wrong"}


CASES = NIELSEN.replace("$$z^l = w^l a^{l-1} + b^l$$", "$$z^l = W^l a^{l-1} + b^l$$")
#: w^l leads from layer l to layer l+1
FORWARD_AHEAD = r"""Here $z^{l+1} = w^l a^l + b^l$ and $a^l = \sigma(z^l)$, and $\delta^l = \partial C / \partial z^l$.

"""


@pytest.mark.parametrize(
    ("preamble", "step", "expected"),
    [
        (CASES, r"\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)", "ok"),
        (CASES, r"\delta^l = (W^{l+1} \delta^{l+1}) \odot \sigma'(z^l)", "wrong"),
        (FORWARD_AHEAD, r"\delta^l = ((w^l)^T \delta^{l+1}) \odot \sigma'(z^l)", "ok"),
        (FORWARD_AHEAD, r"\frac{\partial C}{\partial w^l} = \delta^{l+1} (a^l)^T", "ok"),
        (FORWARD_AHEAD, r"\delta^l = ((w^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)", "wrong"),
    ],
)
def test_the_documents_own_letters_and_layer_numbering(
    preamble: str, step: str, expected: str, runner: StepRunner
) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == expected, message


#: row vectors: the forward pass multiplies a row by the weights
ROWS = r"""Each layer computes $z^l = a^{l-1} W^l + b^l$ and $a^l = \sigma(z^l)$ for row vectors; let
$\delta^l = \partial C / \partial z^l$.

"""


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\delta^l = (\delta^{l+1} (W^{l+1})^T) \odot \sigma'(z^l)", "ok"),
        (r"\frac{\partial C}{\partial W^l} = (a^{l-1})^T \delta^l", "ok"),
        (r"\delta^l = (\delta^{l+1} W^{l+1}) \odot \sigma'(z^l)", "wrong"),
    ],
)
def test_a_row_vector_document_is_read_with_rows(step: str, expected: str, runner: StepRunner) -> None:
    status, _, message = _result(ROWS, step, runner)
    assert status == expected, message


def test_a_column_step_in_a_row_document_is_not_wrong(runner: StepRunner) -> None:
    status, _, message = _result(ROWS, r"\frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^T", runner)
    assert status != "wrong", message


def test_a_chain_of_single_neurons_is_not_read_as_vectors_for_wrong(runner: StepRunner) -> None:
    # one neuron a layer: z^l = w^l a^{l-1} + b^l are numbers, and w^l delta^l is right there
    preamble = r"""Each layer has one neuron: $z^l = w^l a^{l-1} + b^l$, $a^l = \sigma(z^l)$, and
$\delta^l = \partial C / \partial z^l$.

"""
    status, _, message = _result(preamble, r"\frac{\partial C}{\partial a^{l-1}} = w^l \delta^l", runner)
    assert status != "wrong", message
    status, _, message = _result(preamble, r"\frac{\partial C}{\partial b^l} = \delta^l", runner)
    assert status == "ok", message


def test_a_delta_defined_twice_differently_is_not_judged(runner: StepRunner) -> None:
    preamble = NIELSEN + r"""In the next section we write $\delta^l_j = \frac{\partial C}{\partial a^l_j}$ instead.

"""
    status, _, message = _result(preamble, r"\delta^l = (w^{l+1} \delta^{l+1}) \odot \sigma'(z^l)", runner)
    assert status != "wrong", message
