r"""Layers numbered by a digit subscript in a batch forward pass: ``Z_1 = X W_1 + b_1``.

Course reports that write the forward pass on a batch of examples number their layers with a
subscript digit, ``Z_1 = X W_1 + b_1``, ``A_1 = \mathrm{ReLU}(Z_1)``, ``Z_2 = A_1 W_2 + b_2``,
and then the layer gradients ``\frac{\partial L}{\partial W_2} = A_1^T \frac{\partial
L}{\partial Z_2}``. The shape inference read ``W_2`` as entry 2 of a vector W (a subscript is an
index unless it is a layer letter such as ℓ), so the product ``A_1 W_2`` was a matrix times a
number, the bias a number added to a matrix, and ``\partial L/\partial W_2`` a derivative by
one entry of a W the document never writes: every such step stayed unread.

Here the document itself says the subscript is a label: it defines the whole name ``Z_1`` (a
name with a one-digit subscript given a value) by a formula that multiplies a capital letter
(``X W_1``: a matrix product). In such a definition every name with a one-digit subscript is a
whole name of its own (``W_1``, ``b_1``), unless its stem is a name the document gives a value
or a shape (then ``W_1`` may well be a row of that W). Two-digit subscripts (``w_{12}``) stay
entries, and so does a definition of numbers only (``z_1 = w_1 x_1 + w_2 x_2``, no capital):
a scalar worked example keeps its scalars.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from derive.checks.latex.typed_nodes import Mul, Node, Sym

__all__ = ["subscript_layer_names"]

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


def _multiplies_a_capital(node: Node) -> bool:
    """Does the formula multiply a capital letter (``X W_1``, ``A_1 W_2``) by something?"""
    for item in _walk(node):
        if isinstance(item, Mul) and item.kind in ("juxt", "cdot"):
            factors = (item.a, item.b)
            if any(isinstance(f, Sym) and _capital(f.stem) for f in factors):
                return True
    return False


def subscript_layer_names(defs: Mapping[str, Node], has_value: Callable[[str], bool]) -> frozenset[str]:
    """The names with a one-digit subscript that are whole names of a numbered layer (see the
    module docstring); ``has_value(stem)`` says whether the document values or sizes a stem."""
    wholes: set[str] = set()
    for key, node in defs.items():
        if not _NUMBERED_KEY.fullmatch(key) or not _multiplies_a_capital(node):
            continue
        wholes.add(key)
        wholes |= {s.full for s in _walk(node) if isinstance(s, Sym) and _numbered(s) and not has_value(s.stem)}
    return frozenset(wholes)
