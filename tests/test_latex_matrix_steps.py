r"""Matrix-form back-propagation steps (twenty-seventh round).

Layers numbered by a subscript digit in a batch forward pass (``Z_1 = X W_1 + b_1``,
``Z_2 = A_1 W_2 + b_2``; subscript_layers.py): ``W_2`` there is layer 2's weight matrix, not entry 2
of a vector W, so the layer gradients of a loss the document leaves undefined are judged for a random
smooth one (abstract_loss). The wrong twins (a transpose dropped, the product swapped) are never ok,
and never wrong either: the shapes are inferred, so another layout may be the one meant.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.subscript_layers import subscript_layer_names
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()

ROWS = r"""
The forward pass on a batch: $Z_1 = X W_1 + b_1$, $A_1 = \text{ReLU}(Z_1)$, $Z_2 = A_1 W_2 + b_2$.

$$\frac{\partial L}{\partial W_2} = A_1^T \cdot \frac{\partial L}{\partial Z_2}$$

$$\frac{\partial L}{\partial A_1} = \frac{\partial L}{\partial Z_2} \cdot W_2^T$$

$$\frac{\partial L}{\partial W_1} = X^T \cdot \frac{\partial L}{\partial Z_1}$$
"""

ROWS_WRONG = r"""
The forward pass on a batch: $Z_1 = X W_1 + b_1$, $A_1 = \text{ReLU}(Z_1)$, $Z_2 = A_1 W_2 + b_2$.

$$\frac{\partial L}{\partial W_2} = A_1 \cdot \frac{\partial L}{\partial Z_2}$$

$$\frac{\partial L}{\partial A_1} = W_2^T \cdot \frac{\partial L}{\partial Z_2}$$

$$\frac{\partial L}{\partial W_1} = \frac{\partial L}{\partial Z_1} \cdot X^T$$

$$\frac{\partial L}{\partial W_1} = X^T \odot \frac{\partial L}{\partial Z_1}$$
"""

COLUMNS = r"""
Column layout: $Z_1 = W_1 X + b_1$, $A_1 = \tanh(Z_1)$, $Z_2 = W_2 A_1 + b_2$.

$$\frac{\partial L}{\partial W_2} = \frac{\partial L}{\partial Z_2} A_1^T$$

$$\frac{\partial L}{\partial A_1} = W_2^T \frac{\partial L}{\partial Z_2}$$

$$\frac{\partial L}{\partial W_2} = A_1^T \frac{\partial L}{\partial Z_2}$$

$$\frac{\partial L}{\partial A_1} = W_2 \frac{\partial L}{\partial Z_2}$$
"""

LOWER = r"""
$z_1 = XW_1 + b_1$ and $h_1 = \text{ReLU}(z_1)$, then $z_2 = h_1W_2 + b_2$.

$$\frac{\partial L}{\partial W_2} = h_1^T \cdot \frac{\partial L}{\partial z_2}$$

$$\frac{\partial L}{\partial z_1} = \frac{\partial L}{\partial h_1} \odot \text{ReLU}'(z_1)$$
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [r.status for r in report.results if r.step.kind == "display"]


def test_layer_gradients_of_a_batch_forward_pass_numbered_by_subscripts(runner: StepRunner) -> None:
    # were unparsed: "a derivative with respect to W_{2}, which has no definition or shape"
    assert _statuses(ROWS, runner) == ["ok", "ok", "ok"]


def test_the_wrong_twins_of_the_batch_layer_gradients_are_never_ok_nor_wrong(runner: StepRunner) -> None:
    # a transpose dropped, the product swapped, ⊙ for the matrix product: the shapes are inferred,
    # so these differ (or do not fit) without being refuted for the document's own shapes
    got = _statuses(ROWS_WRONG, runner)
    assert len(got) == 4 and not {"ok", "wrong"} & set(got), got


def test_column_layout_numbered_by_subscripts(runner: StepRunner) -> None:
    got = _statuses(COLUMNS, runner)
    assert got[:2] == ["ok", "ok"], got
    assert not {"ok", "wrong"} & set(got[2:]), got  # the row layout's formulas, transposes dropped


def test_lowercase_batch_names_beside_a_numbered_weight(runner: StepRunner) -> None:
    assert _statuses(LOWER, runner) == ["ok", "ok"]


@pytest.mark.parametrize(
    "defs, expected",
    [
        # a matrix product with a numbered weight: every numbered name of it is a layer's own
        ({"Z_{1}": r"X W_1 + b_1"}, {"Z_{1}", "W_{1}", "b_{1}"}),
        ({"Z_{2}": r"A_1 W_2 + b_2", "A_{1}": r"\tanh(Z_1)"}, {"Z_{2}", "A_{1}", "W_{2}", "b_{2}"}),
        # a scalar worked example (no capital letter multiplied) keeps its entries
        ({"z_{1}": r"w_1 x_1 + w_2 x_2 + b"}, set()),
        # a name numbered with two digits stays an entry (w_{12}); an unnumbered definition adds nothing
        ({"z": r"W x + b"}, set()),
    ],
)
def test_which_names_are_a_numbered_layers(defs: dict[str, str], expected: set[str]) -> None:
    parsed = {k: parse_typed(v, NOTATION) for k, v in defs.items()}
    assert set(subscript_layer_names(parsed, lambda stem: False)) & (expected | {"x_{1}", "w_{1}"}) == expected


def test_a_stem_the_document_sizes_keeps_its_rows() -> None:
    # W ∈ ℝ^{n×d} declared: W_1 may be its first row, so it is not made a name of its own
    parsed = {"Z_{1}": parse_typed(r"X W_1 + b_1", NOTATION)}
    assert "W_{1}" not in subscript_layer_names(parsed, lambda stem: stem == "W")
