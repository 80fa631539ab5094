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


ONE_EXAMPLE = r"""
$$z_1=xW_1+b_1$$

$$h=\sigma(z_1)$$

$$\frac{\partial{h}}{\partial{z_1}} = \sigma'(z_1)$$
"""


def test_one_examples_layer_keeps_its_scalar_reading(runner: StepRunner) -> None:
    # x W_1 of one example: W_1 read whole would be a row (a capital read as a vector), and the
    # scalar judge's proof of σ' was held back for it; such a layer is left as it was
    assert _statuses(ONE_EXAMPLE, runner)[-1] == "ok"


@pytest.mark.parametrize(
    "defs, expected",
    [
        # a matrix product with a numbered weight: every numbered name of it is a layer's own
        ({"Z_{1}": r"X W_1 + b_1"}, {"Z_{1}", "W_{1}", "b_{1}"}),
        ({"Z_{2}": r"A_1 W_2 + b_2", "A_{1}": r"\tanh(Z_1)"}, {"Z_{2}", "A_{1}", "W_{2}", "b_{2}"}),
        # one example's layer (x a vector): W_1 would be one row there, so nothing changes
        ({"z_{1}": r"x W_1 + b_1"}, set()),
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


# Products of matrices written out (written_products): multiplied out entry by entry, then compared
# with the other side's written entries by the scalar judge (written_matrices).
OUTER = r"\begin{bmatrix} a_1^{(h)} \\ a_2^{(h)} \end{bmatrix} \times \begin{bmatrix} \delta_1 & \delta_2 \end{bmatrix}"
OUTER_WRITTEN = (
    r"\begin{bmatrix} a_1^{(h)} \delta_1 & a_1^{(h)} \delta_2 \\ a_2^{(h)} \delta_1 & a_2^{(h)} \delta_2 \end{bmatrix}"
)
OUTER_TRANSPOSED = (
    r"\begin{bmatrix} a_1^{(h)} \delta_1 & a_2^{(h)} \delta_1 \\ a_1^{(h)} \delta_2 & a_2^{(h)} \delta_2 \end{bmatrix}"
)
COLUMN_TIMES_ROW = r"\begin{bmatrix} 2 \\ 1 \end{bmatrix} \begin{bmatrix} u \\ v \end{bmatrix}^T"
MATRIX_TIMES_COLUMN = r"\begin{bmatrix} p & 0 \\ q & 3 \end{bmatrix} \begin{bmatrix} u \\ v \end{bmatrix}"
HADAMARD = r"\begin{bmatrix} p \\ q \end{bmatrix} \odot \begin{bmatrix} u \\ v \end{bmatrix}"
NOT_OK = {"inconclusive", "unparsed", "wrong"}


@pytest.mark.parametrize(
    "claim, allowed",
    [
        # the outer product written out (was unparsed: a_1^{(h)} has no shape in the matrix reading)
        (f"{OUTER_WRITTEN} = {OUTER}", {"ok"}),
        (f"{OUTER_TRANSPOSED} = {OUTER}", NOT_OK),  # the wrong twin, transposed: never ok
        # a column times a transposed column, with numbers: a refuted entry is an exact counterexample
        (rf"{COLUMN_TIMES_ROW} = \begin{{bmatrix}} 2u & 2v \\ u & v \end{{bmatrix}}", {"ok"}),
        (rf"{COLUMN_TIMES_ROW} = \begin{{bmatrix}} 2u & 2v \\ u & 3v \end{{bmatrix}}", {"wrong"}),
        (rf"{MATRIX_TIMES_COLUMN} = \begin{{bmatrix}} pu \\ qu + 3v \end{{bmatrix}}", {"ok"}),
        (rf"{MATRIX_TIMES_COLUMN} = \begin{{bmatrix}} pu + qv \\ 3v \end{{bmatrix}}", NOT_OK),  # swapped
        # ⊙ between written matrices of one size: entry by entry, never the matrix product
        (rf"{HADAMARD} = \begin{{bmatrix}} pu \\ qv \end{{bmatrix}}", {"ok"}),
        (rf"{HADAMARD} = \begin{{bmatrix}} pu + qv \\ 0 \end{{bmatrix}}", NOT_OK),
    ],
)
def test_written_matrices_multiplied_out(claim: str, allowed: set[str], runner: StepRunner) -> None:
    (status,) = _statuses(f"$${claim}$$\n", runner)
    assert status in allowed, (claim, status)


@pytest.mark.parametrize(
    "side",
    [
        # two columns: a cross product (×) or a dot product (·), not a product of matrices
        r"\begin{bmatrix} a \\ b \end{bmatrix} \times \begin{bmatrix} c \\ d \end{bmatrix}",
        r"\begin{bmatrix} a \\ b \end{bmatrix} \cdot \begin{bmatrix} c \\ d \end{bmatrix}",
        # a factor with dots: its entries are not all written
        r"\begin{bmatrix} a_1 \\ \vdots \\ a_n \end{bmatrix} \begin{bmatrix} c & d \end{bmatrix}",
        # ⊙ between matrices of different sizes
        r"\begin{bmatrix} a \\ b \end{bmatrix} \odot \begin{bmatrix} c & d \end{bmatrix}",
    ],
)
def test_products_that_are_not_multiplied_out(side: str) -> None:
    from derive.checks.latex.written_matrices import written_matrix

    assert written_matrix(side) is None


def test_a_written_product_is_its_entries_sums_of_products() -> None:
    from derive.checks.latex.written_matrices import written_matrix

    side = written_matrix(r"\begin{bmatrix} a & b \end{bmatrix}^T \begin{bmatrix} c & d \end{bmatrix}")
    assert side is not None and len(side.grid) == 2 and len(side.grid[0]) == 2
    assert side.entry(1, 0) == r"\left(b\right)\left(c\right)"


def test_a_written_product_is_compared_entry_by_entry() -> None:
    # held-out 13 (kassi): the matrix reading refused a_1^{(h)} (no shape there), so the outer
    # product written out stayed unparsed; each entry is now a scalar step of its own
    from derive.checks.latex.steps import Step
    from derive.checks.latex.written_matrices import entry_by_entry

    compared: list[tuple[str, str]] = []

    def judge(step: Step) -> dict:
        compared.append((step.lhs, step.rhs))
        return {"status": "ok", "counterexample": None, "message": "proved"}

    step = Step(1, OUTER_WRITTEN, OUTER, "=", "display")
    unread = {"status": "unparsed", "counterexample": None, "message": "an environment"}
    verdict = entry_by_entry(step, unread, judge)
    assert verdict["status"] == "ok" and len(compared) == 4
    assert compared[1] == (r"a_1^{(h)} \delta_2", r"\left(a_1^{(h)}\right)\left(\delta_2\right)")
