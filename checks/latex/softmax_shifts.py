r"""A constant added to the argument of a softmax: the c of ``\text{softmax}(x) = \text{softmax}(x + c)``.

The shift invariance of the softmax (CS224n's first exercise, the stable ``softmax(z - \max z)``)
adds a number to every entry of a vector. The shape inference reads an undeclared lower-case
name as a vector first, and a vector c makes the step false, so the classic proof went unread.
Where a name stands only as a whole term of a softmax's argument (``x + c``, ``z - c``) and the
document never writes it as a vector (no ``c_i``, no bold), it is read as a number first, the
way the per-index reading (norm_softmax) keeps the c of ``e^{x_i + c}`` a scalar. A vector c
stays a reading, ranked below, so a name the document does mean as a vector still fits where
a number does not. Inside a softmax a number added to a vector broadcasts (shape_infer).
"""

from __future__ import annotations

from derive.checks.latex.notation import Notation
from derive.checks.latex.typed_nodes import Add, Call, Neg, Node, Sym, reached_trees

__all__ = ["SHIFT", "largest_entry", "shift_scalars", "shifted"]

#: the kinds of a name added to a softmax's argument, and how ordinary each is (shape_infer._PREFERENCE)
SHIFT = {"scalar": 3, "col": 2, "row": 1.5, "matrix": 1}


def _terms(node: Node) -> list[Node]:
    """The terms of a sum, signs dropped (x + c - d → x, c, d)."""
    if isinstance(node, Add):
        return _terms(node.a) + _terms(node.b)
    return _terms(node.x) if isinstance(node, Neg) else [node]


def _arguments(node: object, found: list[Node]) -> None:
    """The argument of every softmax of one argument in a tree."""
    if isinstance(node, Call) and node.fn == "softmax" and len(node.args) == 1:
        found.append(node.args[0])
    for value in getattr(node, "__dict__", {}).values():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Node) or hasattr(item, "lhs"):
                _arguments(item, found)


def shift_scalars(
    names: dict[str, str], sides: tuple[Node, Node], defs: dict[str, Node], notation: Notation
) -> dict[str, str]:
    """``names`` (undeclared name → class) with each lower-case name added to a softmax's
    argument, never written as a vector, made ``shift`` (a number first). A name the step
    applies the softmax to on its own (the x of softmax(x)) is the vector, and a sum of
    plain names only (softmax(a + b)) has no term that is surely the vector: no shift there."""
    arguments: list[Node] = []
    for node in reached_trees(sides, defs):
        _arguments(node, arguments)
    vectors = notation.vectors | {a.full for a in arguments if isinstance(a, Sym)}
    found: set[str] = set()
    for argument in arguments:
        terms = _terms(argument)
        plain = {t.full for t in terms if isinstance(t, Sym) and t.full not in vectors}
        if len(terms) > 1 and len(plain) < len(terms):
            found |= plain
    return {n: "shift" if kind in ("lower", "addend") and n in found else kind for n, kind in names.items()}


def shifted(node: Add, shifts: frozenset[str]) -> bool:
    """Is a term of this sum a name read as a shift's number (the c of ``x + c``)? The number
    is added to every entry, as in the softmax's argument it was found in."""
    return any(isinstance(t, Sym) and t.full in shifts for t in _terms(node))


def largest_entry(node: Call) -> bool:
    """``\\max(z)``, ``\\max_i z_i`` of one argument: the largest entry, a number."""
    return node.fn in ("max", "min") and len(node.args) == 1
