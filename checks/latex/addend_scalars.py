r"""A lower-case name that is only ever added may be a number: the bias of one neuron, ``z = w^T x + b``.

The shape inference (:mod:`derive.checks.latex.shape_infer`) never makes an undeclared lower-case
name a scalar: ``W a + b = a W + b`` holds only with a a number, which is not what it says. But in
``z = w^T x + b`` (logistic regression, one neuron) b is added to the number ``w^T x``, so the only
reading left made w a matrix and b a vector, and ``\frac{\partial z}{\partial b} = 1`` and
``\frac{\partial z}{\partial w} = x`` went unread (a Jacobian by a vector) or differed.

A name that the step, and the definitions it reaches, write only as a whole term of a sum (``+ b``,
``- c``) or as the variable of a derivative (``\partial z/\partial b``) is never a factor, so
reading it as a number makes no product commute. Such a name gets the class ``addend``: a
column, a row or a matrix as any lower-case name, or a scalar, ranked between a matrix and a row.
Where the rest of its sum is a vector or matrix a scalar does not fit (a scalar added to a vector
is inconsistent), so layered networks (``W a + b``) keep their readings; where the rest may be a
number by keeping a lower-case name a vector (``w^T x``), that reading now outranks the one that
made w a matrix to keep b a vector. ``w x + b`` still prefers w a matrix (a row w ranks lower).
"""

from __future__ import annotations

from derive.checks.latex.typed_nodes import Add, Deriv, Neg, Node, Sym, reached_trees

__all__ = ["ADDEND", "addend_scalars"]

#: the kinds of an added-only lower-case name and how ordinary each is (shape_infer._PREFERENCE)
ADDEND = {"col": 3, "row": 2, "scalar": 1.5, "matrix": 1}


def _split(node: object, added: set[str], other: set[str]) -> None:
    """Every name of a tree, by whether it stands only as a term of a sum (or a derivative's variable)."""
    if isinstance(node, Sym):
        other.add(node.full)
        return
    if isinstance(node, Add):
        for term in (node.a, node.b):
            bare = term.x if isinstance(term, Neg) else term
            if isinstance(bare, Sym):
                added.add(bare.full)
            else:
                _split(term, added, other)
        return
    if isinstance(node, Deriv):  # ∂z/∂b: b's shape is the derivative's business, not a product's
        if node.num is not None:
            _split(node.num, added, other)
        return
    for value in getattr(node, "__dict__", {}).values():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Node) or hasattr(item, "lhs"):
                _split(item, added, other)


def addend_scalars(names: dict[str, str], sides: tuple[Node, Node], defs: dict[str, Node]) -> dict[str, str]:
    """``names`` (undeclared name → class) with the lower-case names only ever added made ``addend``."""
    if not any(kind == "lower" for kind in names.values()):
        return names
    added: set[str] = set()
    other: set[str] = set()
    for node in reached_trees(sides, defs):
        _split(node, added, other)
    only = added - other - {"1", "0", "I"}  # the ones vector, zeros, the identity: constants of a shape
    return {n: "addend" if kind == "lower" and n in only else kind for n, kind in names.items()}
