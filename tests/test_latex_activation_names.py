"""An activation named by a subscript on a function's letter (activation_names): g_{\\text{ReLU}}(Z),
g'_{\\text{ReLU}}(Z), \\sigma_\\mathrm{tanh}(z), in matrix steps as in scalar ones. Right steps are ok,
their wrong twins never ok, and a loss named after an activation is no activation."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Call

COLUMN = load_notation()


@pytest.mark.parametrize(
    "text, key, prime",
    [
        (r"g_{\text{ReLU}}(Z)", "relu", 0),
        (r"g'_{\text{ReLU}}(Z)", "relu", 1),
        (r"g_{\text{ReLU}}'(Z)", "relu", 1),
        (r"\sigma_\mathrm{tanh}(z)", "tanh", 0),
        (r"f_{\text{sigmoid}}(z)", "sigmoid", 0),
    ],
)
def test_a_subscript_naming_an_activation_is_that_activation(text: str, key: str, prime: int) -> None:
    node = parse_typed(text, COLUMN)
    assert isinstance(node, Call) and (node.fn, node.prime) == (key, prime), node


NOT_ACTIVATIONS = [r"\ell_{\text{softmax}}(z)", r"g_{1}(Z)", r"g_{\text{ReLU}} Z", r"L_{\text{tanh}}(z)"]


@pytest.mark.parametrize("text", NOT_ACTIVATIONS)
def test_other_subscripts_are_no_activation(text: str) -> None:
    try:
        node = parse_typed(text, COLUMN)
    except Unreadable:
        return  # L_{tanh}(z): the notation's loss at an argument it does not take, not read at all
    assert not (isinstance(node, Call) and node.fn in ("relu", "tanh", "softmax")), node


MATRICES = r"""Let $\mathbf{Z} \in \mathbb{R}^{n \times m}$ and $\mathbf{A} = \tanh(\mathbf{Z})$.

"""


def last(text: str, runner: StepRunner):
    return check_text(text, COLUMN, runner=runner, examples=30, markdown=True).results[-1]


@pytest.mark.parametrize(
    "claim, ok",
    [
        # each a step after A (a first g(Z) = … would be the document defining g)
        (r"\mathbf{A} + g_{\text{ReLU}}(\mathbf{Z}) = \mathbf{A} + \max(0, \mathbf{Z})", True),
        (r"\mathbf{A} + g'_{\text{tanh}}(\mathbf{Z}) = \mathbf{A} + 1 - \mathbf{A} \odot \mathbf{A}", True),
        (r"\mathbf{A} + \sigma_\mathrm{tanh}(\mathbf{Z}) = \mathbf{A} + 2\sigma(2\mathbf{Z}) - 1", True),
        # wrong twins: the sign inside turned round, a plus for the minus, the function for its derivative
        (r"\mathbf{A} + g_{\text{ReLU}}(\mathbf{Z}) = \mathbf{A} + \max(0, -\mathbf{Z})", False),
        (r"\mathbf{A} + g'_{\text{tanh}}(\mathbf{Z}) = \mathbf{A} + 1 + \mathbf{A} \odot \mathbf{A}", False),
        (r"\mathbf{A} + g'_{\text{tanh}}(\mathbf{Z}) = 2\mathbf{A}", False),
    ],
)
def test_subscripted_activations_in_matrix_steps(runner, claim: str, ok: bool) -> None:
    out = last(MATRICES + f"$$\n{claim}\n$$\n", runner)
    assert (out.status == "ok") is ok, (out.status, out.message)
