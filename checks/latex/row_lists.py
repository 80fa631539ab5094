r"""A list of entries as a row vector in a worked example: ``[1, 2] \cdot \begin{bmatrix}0.5 & 0.6
\\ 0.7 & 0.8\end{bmatrix} + [0.1, 0.2] = [2.0, 2.4]``, ``[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3``.

Hand-worked back-propagation writes a vector as a list in brackets and multiplies it with a
matrix written out. A list alone is a tuple (the scalar reader's: added, scaled and compared
entry by entry); it is only a matrix operand when a product needs one. So a step's lists are read
as 1×n rows only when some product in the step has a list for one factor and, for the other, a
matrix written out (``\begin{bmatrix}…\end{bmatrix}``) or a transposed list (:func:`lists_meet_matrices`).
Then every list of the step is a row, and the shapes decide: where they do not fit, the row
reading was a guess that failed, and the step is not judged (the matrix judge's verdict names
the ``row_list`` flag, see matrix_judge._verdict). Where they fit, the reading is the only one
that does (a column list beside a matrix or a column would not multiply), so a difference of
values is the writer's slip.

A product of two lists neither of them transposed (``[1, 2] \cdot [3, 4]``: a dot product, or
entrywise?) is never read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.typed_nodes import Mul, Neg, Node, Transpose, all_nodes

__all__ = ["LIST_REFUSED", "RowList", "lists_meet_matrices", "read_as_rows", "row_list"]

#: the reason the typed reader gives for a list it does not read (typed_atoms._bracket)
LIST_REFUSED = "a list in brackets"


@dataclass(frozen=True)
class RowList(Literal):
    """A list ``[a, b, …]`` read as a 1×n row (only in the steps the module docstring says)."""

    def evaluate(self, ev: Any) -> Any:
        ev.world.flags["row_list"] = True  # shapes that do not fit: the guess failed, not the step
        return super().evaluate(ev)


def row_list(reader: Any, parts: list[list[str]]) -> RowList:
    """The row of a list's parts (split at its top-level commas)."""
    return RowList(tuple(reader.whole(part) for part in parts), 1, len(parts))


def _core(node: Node) -> tuple[Node, bool]:
    """The node under signs and transposes, and whether it is transposed."""
    flipped = False
    while isinstance(node, Neg | Transpose):
        flipped ^= isinstance(node, Transpose)
        node = node.x
    return node, flipped


def _written(node: Node) -> bool:
    """A matrix written out, or a list transposed: an operand that makes a product a matrix product."""
    core, flipped = _core(node)
    return isinstance(core, Literal) and (flipped or not isinstance(core, RowList))


def _products(node: Any) -> list[Mul]:
    return [part for part in all_nodes(node) if isinstance(part, Mul)]


def lists_meet_matrices(sides: tuple[Node, Node]) -> bool:
    """Does some product of the step put a list beside a matrix written out or a transposed
    list (and no product multiply two lists as they stand)? Then the lists read as rows."""
    met = False
    for product in _products(sides):
        if product.kind not in ("juxt", "cdot"):
            continue
        (a, a_flipped), (b, b_flipped) = _core(product.a), _core(product.b)
        if isinstance(a, RowList) and isinstance(b, RowList) and not (a_flipped or b_flipped):
            return False  # [1, 2] · [3, 4]: a dot product or entrywise, not said
        if isinstance(a, RowList) and _written(product.b) or isinstance(b, RowList) and _written(product.a):
            met = True
    return met


def read_as_rows(lhs: str, rhs: str, parse: Callable[..., Node]) -> tuple[Node, Node] | None:
    """The step's sides with its lists read as rows, when a product needs them so (see
    :func:`lists_meet_matrices`); else None (the lists stay unread)."""
    from derive.checks.latex.tex_tokens import Unreadable

    try:
        sides = (parse(lhs, row_lists=True), parse(rhs, row_lists=True))
    except Unreadable:
        return None
    return sides if lists_meet_matrices(sides) else None
