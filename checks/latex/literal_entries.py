r"""Names written only as entries of a matrix written out are numbers: ``\begin{pmatrix} a & b \end{pmatrix}``.

The shape inference (:mod:`derive.checks.latex.shape_infer`) never makes an undeclared lower-case
name a scalar (``W a + b = a W + b`` holds only with a a number, which is not what it says), so
``\begin{pmatrix} x_1 \\ x_2 \end{pmatrix} \begin{pmatrix} a & b \end{pmatrix} = \begin{pmatrix}
x_1 a & x_1 b \\ x_2 a & x_2 b \end{pmatrix}`` was not judged at all: a and b had no shape. An entry
of a matrix written out is a number, so a bare lower-case name that the step (and the definitions
it reaches) writes only inside such entries is a scalar. A name also written outside the entries,
or transposed inside one (``x^T y``), keeps its usual kinds; so do the constants 1, 0 and I (``1^T y``
is the ones vector's), and a capital inside entries stays a block.
"""

from __future__ import annotations

from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.typed_nodes import Node, Sym, Transpose, all_syms

__all__ = ["entry_scalars"]


def _split(node: object, inside: set[str], outside: set[str], in_literal: bool = False) -> None:
    """Every name of a tree, by whether it stands inside a written-out matrix's entries."""
    if isinstance(node, Sym):
        (inside if in_literal else outside).add(node.full)
        return
    if isinstance(node, Literal):
        for cell in node.cells:
            _split(cell, inside, outside, True)
        return
    if isinstance(node, Transpose):  # x^T y inside an entry: x is a vector there, no number
        _split(node.x, inside, outside, False)
        return
    for value in getattr(node, "__dict__", {}).values():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Node) or hasattr(item, "lhs"):
                _split(item, inside, outside, in_literal)


def entry_scalars(names: dict[str, str], sides: tuple[Node, Node], defs: dict[str, Node]) -> dict[str, str]:
    """``names`` (undeclared name → class) with the bare lower-case names written only as entries
    of matrices written out made scalars (module docstring)."""
    if not any(names[n] == "lower" for n in names):
        return names
    inside: set[str] = set()
    outside: set[str] = set()
    todo: list[Node] = list(sides)
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        _split(node, inside, outside)
        for s in all_syms(node):
            for key in (s.full, s.stem):
                if key in defs and key not in seen:
                    seen.add(key)
                    todo.append(defs[key])
    only = inside - outside - {"1", "0", "I"}  # the ones vector, zeros, the identity: constants of a shape
    return {n: "scalar" if kind == "lower" and n in only else kind for n, kind in names.items()}
