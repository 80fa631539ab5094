r"""Layers numbered by a digit subscript in a batch forward pass: ``Z_1 = X W_1 + b_1``.

Course reports that write the forward pass on a batch of examples number their layers with a
subscript digit, ``Z_1 = X W_1 + b_1``, ``A_1 = \mathrm{ReLU}(Z_1)``, ``Z_2 = A_1 W_2 + b_2``,
and then the layer gradients ``\frac{\partial L}{\partial W_2} = A_1^T \frac{\partial
L}{\partial Z_2}``. The shape inference read ``W_2`` as entry 2 of a vector W (a subscript is an
index unless it is a layer letter such as ℓ), so the product ``A_1 W_2`` was a matrix times a
number, the bias a number added to a matrix, and ``\partial L/\partial W_2`` a derivative by
one entry of a W the document never writes: every such step stayed unread.

Here the document itself says the subscript is a label. It defines a name with a one-digit
subscript (``Z_1``) by a product of two capital letters (``X W_1``: a batch of examples times a
weight matrix); then every definition of a name with a one-digit subscript that multiplies a
numbered capital (``Z_2 = A_1 W_2 + b_2``, ``z_2 = h_1 W_2 + b_2``) is a layer's, and each name with
a one-digit subscript in it is a whole name (``W_2``, ``b_2``), unless its stem is a name the
document gives a value or a shape (then ``W_1`` may well be a row of that W). One example's layer
(``z_1 = x W_1 + b_1``, x a vector) is left as it was: W_1 would be read as one row there, a
capital letter as a vector. Two-digit subscripts (``w_{12}``) stay entries, and so does a scalar
worked example (``z_1 = w_1 x_1 + w_2 x_2``, no capital multiplied).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from derive.checks.latex.typed_nodes import Mul, Node, Sym, Transpose, with_children

__all__ = ["as_whole_names", "subscript_layer_names", "transposed_numbered_names"]

#: a one-digit subscript: the layer's number (``W_1``, ``Z_{2}``)
_DIGIT = re.compile(r"\d")
#: a name given a value whose subscript is one digit (``Z_{1}``)
_NUMBERED_KEY = re.compile(r".+_\{\d\}")
#: a font command before a stem's letter (``\mathbf{W}``, ``\boldsymbol{A}``)
_FONT = re.compile(r"^(?:\\[A-Za-z]+\s*\{?\s*)*")


def _walk(node: object) -> list[object]:
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Node):
            found.append(item)
            stack.extend(getattr(item, "__dict__", {}).values())
        elif isinstance(item, tuple):
            stack.extend(item)
    return found


def _capital(stem: str) -> bool:
    letters = _FONT.sub("", stem)
    return bool(letters) and letters[0].isupper() and letters[0].isascii()


def _numbered(sym: Sym) -> bool:
    return bool(_DIGIT.fullmatch(sym.sub.strip()))


def _capital_factors(node: Node) -> list[tuple[bool, bool]]:
    """For each matrix product of the formula (side by side or ``\\cdot``) whose factor is a capital
    letter: (are both factors capital letters, is one a numbered capital)."""
    found = []
    for item in _walk(node):
        if isinstance(item, Mul) and item.kind in ("juxt", "cdot"):
            capitals = [f for f in (item.a, item.b) if isinstance(f, Sym) and _capital(f.stem)]
            if capitals:
                found.append((len(capitals) == 2, any(_numbered(f) for f in capitals)))
    return found


def subscript_layer_names(defs: Mapping[str, Node], has_value: Callable[[str], bool]) -> frozenset[str]:
    """The names with a one-digit subscript that are whole names of a numbered layer (see the
    module docstring); ``has_value(stem)`` says whether the document values or sizes a stem."""
    numbered = {key: node for key, node in defs.items() if _NUMBERED_KEY.fullmatch(key)}
    products = {key: _capital_factors(node) for key, node in numbered.items()}
    # X W_1, A_1 W_2: two capitals multiplied, a batch of examples (x W_1 of one example is not)
    if not any(both for found in products.values() for both, _ in found):
        return frozenset()
    wholes: set[str] = set()
    for key, node in numbered.items():
        if not any(both or numbered_capital for both, numbered_capital in products[key]):
            continue  # h_1 = ReLU(z_1): a value of its own, whole already
        wholes.add(key)
        wholes |= {s.full for s in _walk(node) if isinstance(s, Sym) and _numbered(s) and not has_value(s.stem)}
    return frozenset(wholes)


def transposed_numbered_names(sides: tuple[Node, Node], has_value: Callable[[str], bool]) -> frozenset[str]:
    r"""Capitals with a one-digit subscript that the step transposes (``W_2^T``, ``(W_2 W_1)^T``):
    whole names, not entries of a vector W the document never writes. Nobody transposes a number,
    and read as numbers the two factors commute, so ``(W_2 W_1)^T = W_2^T W_1^T`` (wrong for
    matrices) was proved ok with W_1 and W_2 read as entries of W. A stem the document gives a
    value or a shape keeps its entries (``W_1`` may be its first row there). Every numbered name of
    a stem transposed so is whole (``\partial L/\partial W_1`` beside ``W_2^T``)."""
    stems: set[str] = set()
    for side in sides:
        for item in _walk(side):
            if isinstance(item, Transpose):
                turned = _transposed_factors(item.x)
                stems |= {s.stem for s in turned if _numbered(s) and _capital(s.stem) and not has_value(s.stem)}
    # W_2^T beside ∂L/∂W_1: the writer's W_1 is a layer's matrix as much as W_2 is
    numbered = [s for side in sides for s in _walk(side) if isinstance(s, Sym) and _numbered(s)]
    return frozenset(s.full for s in numbered if s.stem in stems)


def _transposed_factors(node: Node) -> list[Sym]:
    """The names a transpose turns round: the node itself, or the factors of its matrix product
    (``(W_2 W_1)^T``), not the names inside a function or a sum the product holds."""
    if isinstance(node, Sym):
        return [node]
    if isinstance(node, Mul) and node.kind in ("juxt", "cdot"):
        return _transposed_factors(node.a) + _transposed_factors(node.b)
    return []


def as_whole_names(node: Node, names: frozenset[str]) -> Node:
    """The tree with each of ``names`` (``W_{2}``) written as a name without a subscript, so that
    readers that take a subscript for an index see one whole name."""
    if isinstance(node, Sym):
        return Sym(node.full, node.full, "") if node.full in names else node
    return with_children(node, lambda child: as_whole_names(child, names))
