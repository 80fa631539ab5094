"""An undeclared bias added to a batch is one column (W A + b) or one row (X W + b), shared by
every example: so Ng's ``db = \\frac{1}{m} dZ`` (no sum over the examples) is never ok, while
the steps around it still are (bias_layout.py, tensor_ops.broadcast)."""

from __future__ import annotations

import numpy as np
import pytest
from derive.checks.latex.bias_layout import batch_data, bias_layout, kept_axis
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tensor_ops import Dual, add
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("bias", "other", "layout"),
    [
        ("b", "W X", "column"),
        ("b^{[1]}", "W^{[1]} A^{[0]}", "column"),
        (r"\mathbf{b}", r"\mathbf{W} X", "column"),
        ("b", "X W", "row"),
        ("b_1", "X W_1", "row"),
        ("b", "w^T X", "column"),
        ("b", "A B", None),  # no weight at either end: no layout to read
        ("b", "W A W", None),  # weights at both ends
        ("c", "W X", None),  # not a bias's name
        ("b", "X", None),  # not a product
    ],
)
def test_the_layout_is_read_from_where_the_weights_stand(bias: str, other: str, layout: str | None) -> None:
    assert bias_layout(parse_typed(bias, NOTATION), parse_typed(other, NOTATION)) == layout


def test_only_a_capital_data_name_is_a_batch() -> None:
    assert batch_data(parse_typed("W X", NOTATION), "column")
    assert batch_data(parse_typed("X^T W", NOTATION), "row")
    assert not batch_data(parse_typed("W x", NOTATION), "column")


def test_the_kept_axis_needs_a_vector_of_the_layouts_kind() -> None:
    b, wx, xw = (parse_typed(t, NOTATION) for t in ("b", "W X", "X W"))
    one, rows, cols = 0, 1, 2  # dimension ids, 0 the dimension 1
    assert kept_axis(b, wx, (rows, one), one) == 0  # a column beside W X keeps the rows
    assert kept_axis(b, xw, (one, cols), one) == 1  # a row beside X W keeps the columns
    assert kept_axis(b, wx, (one, cols), one) is None  # a row beside W X: not this rule's
    assert kept_axis(b, wx, (rows, cols), one) is None  # a matrix: the sum needs equal shapes


def test_a_bias_column_is_added_to_every_column() -> None:
    z = np.arange(6.0).reshape(2, 3)
    b = np.array([[10.0], [20.0]])
    out = add(Dual(z, None), Dual(b, None))
    assert out.v.tolist() == [[10.0, 11.0, 12.0], [23.0, 24.0, 25.0]]
    assert add(Dual(b, None), Dual(z, None)).v.tolist() == out.v.tolist()


NG = r"""
Forward propagation:

$$Z^{[1]} = W^{[1]} X + b^{[1]}$$

$$A^{[1]} = \tanh(Z^{[1]})$$

$$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$$

$$A^{[2]} = \sigma(Z^{[2]})$$

Backward propagation:

$$dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}$$

$$db^{[2]} = \frac{1}{m} dZ^{[2]}$$

$$dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T$$

$$db^{[1]} = \frac{1}{m} dZ^{[1]}$$

$$db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}$$
"""


def test_ng_bias_gradient_without_the_sum_over_examples_is_not_ok() -> None:
    report = check_text(NG, NOTATION, markdown=True)
    by_claim = {r.step.lhs.strip() + " = " + r.step.rhs.strip(): r for r in report.results}
    statuses = {claim: r.status for claim, r in by_claim.items()}
    # the weights' gradients still hold with a bias column
    assert statuses[r"dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}"] == "ok"
    assert statuses[r"dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T"] == "ok"
    # db = (1/m) dZ has one column per example where db has one: before, the batch shrank to
    # one example to fit the bias, and the step came out ok. The shapes are only inferred, so
    # it is not called wrong either.
    for claim in (r"db^{[2]} = \frac{1}{m} dZ^{[2]}", r"db^{[1]} = \frac{1}{m} dZ^{[1]}"):
        assert statuses[claim] not in ("ok", "wrong"), by_claim[claim].message
    # the mean of the examples' derivatives is Ng's db, never wrong; read as scalars both sides
    # were 0 (no dependence of 𝓛 on b^{[2]} is read), which proves nothing (vanishing_sides.py)
    mean = by_claim[r"db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}"]
    assert mean.status == "inconclusive" and "both sides are 0 as read" in mean.message


def test_a_declared_bias_per_example_keeps_its_declared_shape() -> None:
    # the rule is for undeclared biases only: declared h×m, db = (1/m) dZ is the document's truth
    text = (
        r"Here $b \in \mathbb{R}^{h \times m}$ is a bias per example, $X \in \mathbb{R}^{n \times m}$, "
        r"$W \in \mathbb{R}^{h \times n}$."
        "\n\n$$Z = W X + b$$\n\n$$dW = \\frac{1}{m} dZ X^T$$\n\n$$db = \\frac{1}{m} dZ$$\n"
    )
    report = check_text(text, NOTATION, markdown=True)
    assert [r.status for r in report.results[1:]] == ["ok", "ok"]
