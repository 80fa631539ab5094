r"""A bias added to a batch is one vector shared by every example, not a matrix of its own.

``Z = W X + b`` with one example per column of X (Andrew Ng's layout) adds the column vector b
to every column of W X; ``Z = X W + b`` with one example per row adds the row vector b to every
row. When a document never declares b's shape, the shape inference used to give b the shape of
the whole product (H×m), and then ``db = \frac{1}{m} dZ`` came out true: an ok for the very
step the course marks wrong (db sums dZ over the examples). A bias is a vector in every layout
these documents use, so the inference now gives an undeclared bias the shape of one column
(weight on the left) or one row (weight on the right) of the product it is added to, and the
evaluator adds it to every column or row (tensor_ops.broadcast).

Only the inference uses this, and its shapes only ever let a step be accepted (a step that
fails under them is inconclusive, see abstract_loss and undeclared): so the rule can cost an ok
where a document really means a bias per example, never a false ``wrong``.
"""

from __future__ import annotations

import re

from derive.checks.latex.chain_rule import chain_factors
from derive.checks.latex.typed_nodes import Mul, Node, Sym, Transpose

__all__ = ["batch_data", "bias_layout", "kept_axis"]

#: b, \mathbf{b}, \boldsymbol b, \vec{b}, with a layer label (b^{[1]}, b^{(2)}) or a subscript
_BIAS = re.compile(r"(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?b\s*\}?(?:\^\{?\s*[\[(][^\])]*[\])]\s*\}?)?")
#: the weights' letters: W, w, θ, Θ (with the same wrappers and labels)
_WEIGHT = re.compile(
    r"(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*)?(?:W|w|\\theta|\\Theta)\s*\}?(?:\^\{?\s*[\[(][^\])]*[\])]\s*\}?)?"
)


def _is(pattern: re.Pattern[str], node: Node) -> bool:
    while isinstance(node, Transpose):
        node = node.x
    return isinstance(node, Sym) and pattern.fullmatch(node.stem.strip()) is not None


def bias_layout(bias: Node, other: Node) -> str | None:
    """How an undeclared ``bias`` is added to ``other``: "column" (one column shared by every
    column of ``W A``), "row" (one row shared by every row of ``X W``), or None when ``bias``
    is not a bias or ``other`` is not a product with the weights at one end."""
    if not _is(_BIAS, bias) or not isinstance(other, Mul) or other.kind not in ("juxt", "cdot"):
        return None
    factors = chain_factors(other)
    if len(factors) < 2:
        return None
    first, last = _is(_WEIGHT, factors[0]), _is(_WEIGHT, factors[-1])
    if first == last:
        return None  # W A W or A B: no layout to read
    return "column" if first else "row"


def batch_data(product: Node, layout: str) -> bool:
    """Is the data side of ``W A`` (column layout) or ``X W`` (row layout) a batch, a capital
    name (X, A^{[1]}, H) rather than one example's vector (x, a)?"""
    factors = chain_factors(product)
    data = factors[-1] if layout == "column" else factors[0]
    while isinstance(data, Transpose):
        data = data.x
    return isinstance(data, Sym) and data.stem.lstrip("\\")[:1].isupper()


def kept_axis(bias: Node, other: Node, shape: tuple[int, int], one: int) -> int | None:
    """The axis along which an undeclared bias of ``shape`` (dimension ids, ``one`` the id of
    the dimension 1) keeps the size of ``other``: 0 for a column added to every column, 1 for a
    row added to every row; None when it is not a bias of that layout's kind."""
    layout = bias_layout(bias, other)
    if layout == "column" and shape[1] == one:
        return 0
    if layout == "row" and shape[0] == one:
        return 1
    return None
