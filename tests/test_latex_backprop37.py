r"""The back-propagation recursion as reports write it (layered_parse, layered_net, layered_backprop).

Three spellings of the recursion δ^l from δ^{l+1} were left unread in documents whose δ, forward pass
and activation the layered judge reads:

- the derivative of a layer's activation with the prime inside the layer's script,
  ``\sigma^{(l)\prime}(z^{(l)})``, ``\sigma^{(l)\;\prime}``, ``\sigma^{L\prime}``, ``g^{[l]'}``;
- an entry of a bracketed vector, ``\left((W^{(l+1)})^T \delta^{(l+1)}\right)_i``;
- and, read but held back, a recursion in a document whose loss formula never writes the network's
  activation (``E = ½‖t − y‖²`` with y the output by prose): a step that writes no derivative, no loss
  and no target holds for every loss exactly when it holds for a generic δ^{l+1}, so the loss meant
  does not matter to it.

Each is held to the right recursion (ok) and to its usual mistakes (σ for σ′, a missing transpose, the
wrong layer's weights: wrong), and a document that does not define δ or fixes no weight layout for the
entries a step writes gets no wrong.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layered_parse import NotLayered, read_formula
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: per entry and as vectors, (l) layers, W_{ij} from j (layer l-1) to i (layer l), a per-layer σ
PARENTHESES = r"""The forward pass, per neuron and as vectors:
$$z^{(l)}_i = \sum_j W^{(l)}_{ij} a^{(l-1)}_j + b^{(l)}_i$$
$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$
with the activation of each layer
$$a^{(l)} = \sigma^{(l)}(z^{(l)})$$
and the error of neuron $i$ in layer $l$
$$\delta^{(l)}_i = \frac{\partial C}{\partial z^{(l)}_i}$$

"""

#: row vectors (u = h W + b), a loss written in the output's other name y (h^L = y in prose only)
ROWS = r"""The input to the $l$th layer is $u^l = h^{l-1} W^l + b^l \in \mathbb{R}^{1 \times m_l}$, its output
$h^l = \phi(u^l)$, and $h^L = \mathbf{y}$ is the network's output. The loss is
$$E = \frac{1}{2} \lVert t - y \rVert^2$$
and we write
$$\delta^l = \frac{\partial E}{\partial u^l}$$

"""

#: the same network with no definition of δ anywhere (BP1-BP4 quoted as known results)
UNDEFINED = r"""The forward pass:
$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}, \qquad a^{(l)} = \sigma^{(l)}(z^{(l)})$$
Back-propagation then reads:

"""

#: vectors only: what the entries W_{ij} are (from j to i, or from i to j) is not written
VECTORS_ONLY = r"""The forward pass: $$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$ and $$a^{(l)} = \sigma(z^{(l)})$$
with the error $$\delta^{(l)} = \frac{\partial C}{\partial z^{(l)}}$$

"""


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.message


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        (r"\sigma^{(l)\prime}(z^{(l)})", ("call", "\\sigma", 1, ("var", "z", ("l", 0), ()))),
        (r"\sigma^{(l)\;\prime}(z^{(l)}_j)", ("call", "\\sigma", 1, ("var", "z", ("l", 0), ("j",)))),
        (r"\sigma^{L\prime}(z^{L})", ("call", "\\sigma", 1, ("var", "z", ("L", 0), ()))),
        (r"g^{[l-1]'}(z^{[l-1]})", ("call", "g", 1, ("var", "z", ("l", -1), ()))),
    ],
)
def test_a_prime_inside_the_layer_script_is_the_activations_derivative(text: str, tree: tuple) -> None:
    assert read_formula(text) == tree


def test_an_entry_of_a_bracketed_vector_is_read() -> None:
    tree = read_formula(r"\left((W^{(l+1)})^T\delta^{(l+1)}\right)_i")
    assert tree == ("entry", ("mul", ("T", ("var", "W", ("l", 1), ())), ("var", "\\delta", ("l", 1), ())), ("i",))


@pytest.mark.parametrize(
    "text",
    [
        r"(a^{(l)}_j)_i",  # an entry of an entry: not a vector's entry
        r"\sigma^{(l)\prime}",  # a primed name with no argument
        r"\delta^{(l)\prime}(z^{(l)})",  # only an activation letter takes its prime in the script
    ],
)
def test_what_is_not_a_vector_entry_or_a_derivative_stays_unread(text: str) -> None:
    with pytest.raises(NotLayered):
        read_formula(text)


RIGHT = [
    (PARENTHESES, r"\frac{\partial C}{\partial z^{(l)}} = "
                  r"\sigma^{(l)\prime}(z^{(l)})\odot((W^{(l+1)})^T\delta^{(l+1)})"),
    (PARENTHESES, r"\delta^{(l)}_i = \left((W^{(l+1)})^T\delta^{(l+1)}\right)_i\sigma^{(l)\;\prime}(z^{(l)}_i)"),
    (PARENTHESES, r"\delta^{(l)}_j = \sigma^{(l)\prime}(z^{(l)}_j)\sum_{i=1}^{n} W^{(l+1)}_{ij}\delta^{(l+1)}_i"),
    (PARENTHESES, r"\frac{\partial C}{\partial z^{(L)}} = "
                  r"\frac{\partial C}{\partial a^{(L)}}\odot\sigma^{L\prime}(z^{(L)})"),
    (ROWS, r"\delta^l = [\delta^{l+1}(W^{l+1})^\top]\odot \phi'(u^l)"),
]


@pytest.mark.parametrize(("preamble", "step"), RIGHT)
def test_the_recursion_as_written_is_ok(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status == "ok", message


WRONG = [
    # σ where σ' belongs, in vector and in index form
    (PARENTHESES, r"\delta^{(l)} = ((W^{(l+1)})^T\delta^{(l+1)}) \odot \sigma^{(l)}(z^{(l)})"),
    (PARENTHESES, r"\delta^{(l)}_j = \sigma^{(l)}(z^{(l)}_j)\sum_{i=1}^{n} W^{(l+1)}_{ij}\delta^{(l+1)}_i"),
    # a missing transpose inside the entry
    (PARENTHESES, r"\delta^{(l)}_i = \left(W^{(l+1)}\delta^{(l+1)}\right)_i\sigma^{(l)\prime}(z^{(l)}_i)"),
    # the weights of layer l for those of l + 1
    (PARENTHESES, r"\delta^{(l)} = ((W^{(l)})^T\delta^{(l+1)}) \odot \sigma^{(l)\prime}(z^{(l)})"),
    # the prime on the wrong layer
    (PARENTHESES, r"\delta^{(l)} = ((W^{(l+1)})^T\delta^{(l+1)}) \odot \sigma^{(l+1)\prime}(z^{(l+1)})"),
]


@pytest.mark.parametrize(("preamble", "step"), WRONG)
def test_the_usual_mistakes_are_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status == "wrong", message


NEVER_WRONG = [
    # row vectors, W where W^T belongs, but the document's loss is written in other names: a loss
    # that does not reach the network makes every δ 0 and the step hold (test_latex_layouts)
    (ROWS, r"\delta^l = [\delta^{l+1}W^{l+1}]\odot \phi'(u^l)"),
    # δ is never defined: its meaning is the writer's
    (UNDEFINED, r"\delta^{(l)} = ((W^{(l+1)})^T\delta^{(l+1)}) \odot \sigma^{(l)\prime}(z^{(l)})"),
    (UNDEFINED, r"\delta^{(l)} = (W^{(l+1)}\delta^{(l+1)}) \odot \sigma^{(l)\prime}(z^{(l)})"),
    # entries of W in a document that writes its weights only as a matrix: a layout not stated
    (VECTORS_ONLY, r"\delta^{(l)}_j = \sigma'(z^{(l)}_j)\sum_{k} W^{(l+1)}_{jk}\delta^{(l+1)}_k"),
    # a step through the loss's derivative where the loss formula never writes the network: held back
    (ROWS, r"\delta^L = \frac{\partial E}{\partial h^L} \odot \phi(u^L)"),
]


@pytest.mark.parametrize(("preamble", "step"), NEVER_WRONG)
def test_an_unstated_meaning_or_convention_is_never_wrong(preamble: str, step: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status != "wrong", message


#: a proof written per layer names each layer's index by its layer (k_L, k_{l+1}), as joaogci's does
INDEXED_BY_LAYER = [
    (PARENTHESES, r"\frac{\partial C}{\partial b^{(l)}_i} = \sum_{k_l=1}^{n_l}\delta^{(l)}_{k_l}"
                  r"\frac{\partial z^{(l)}_{k_l}}{\partial b^{(l)}_i}", "ok"),
    (PARENTHESES, r"\delta^{(l)}_i = \sum_{k_{l+1}=1}^{n_{l+1}}\delta^{(l+1)}_{k_{l+1}}W^{(l+1)}_{k_{l+1}i}"
                  r"\sigma^{(l)\prime}(z^{(l)}_i)", "ok"),
    # the weight's indices the other way round: W^{(l+1)}_{i k_{l+1}}
    (PARENTHESES, r"\delta^{(l)}_i = \sum_{k_{l+1}=1}^{n_{l+1}}\delta^{(l+1)}_{k_{l+1}}W^{(l+1)}_{ik_{l+1}}"
                  r"\sigma^{(l)\prime}(z^{(l)}_i)", "wrong"),
]


@pytest.mark.parametrize(("preamble", "step", "expected"), INDEXED_BY_LAYER)
def test_an_index_named_by_its_layer_is_one_index(preamble: str, step: str, expected: str, runner: StepRunner) -> None:
    status, message = _result(preamble, step, runner)
    assert status == expected, message


def test_an_index_with_its_own_subscript_is_one_name() -> None:
    tree = read_formula(r"\sum_{k_L=1}^{n_L} W^{(L)}_{k_Lk_{L-1}}")
    # the bound k_L may come renamed to one fresh letter (compound_indices, read before this
    # reader): the binder and its use are one name either way, the free k_{L-1} is kept
    _, bound, (kind, name, layer, (first, second)) = tree
    assert (kind, name, layer) == ("var", "W", ("L", 0))
    assert bound == first and "_" not in bound.replace("k_{L}", "k") and second == "k_{L-1}"
