r"""Steps of a worked example, where written-out numbers meet the document's symbols.

``z = W^{(1)} x = \begin{bmatrix}1&2&1\\…\end{bmatrix}\begin{bmatrix}1\\3\\1\end{bmatrix}`` puts
the example's numbers in for W^{(1)} and x. The matrix judge evaluates W^{(1)} x at sizes and
values it chooses itself (the notation's d_h = 4, random entries), so such a step differs from
its numbers by that choice alone, in shape or in value: it gives the names values, it does not
contradict them. Two facts decide this, for each side of a step:

- does it hold a matrix written out anywhere inside (a :class:`Literal` or a ``Pattern``, whose
  sizes are fixed by their entries), not only as the whole side;
- is it numbers only (no name at all), against a side with a name the judge sampled (no
  definition in the document): then the step assigns values, and a difference proves nothing.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.matrix_literals import Literal, Pattern
from derive.checks.latex.typed_nodes import Node, Sym, all_nodes

__all__ = ["holds_literal", "numbers_for_names"]


def _parts(node: Any) -> list[Any]:
    """Every node inside ``node`` (itself included)."""
    return all_nodes(node)


def holds_literal(side: Node) -> bool:
    """A matrix written out somewhere in this side (its size is its entries')."""
    return any(isinstance(part, Literal | Pattern) for part in _parts(side))


def numbers_for_names(sides: tuple[Node, Node], defined: set[str]) -> bool:
    """One side numbers only, written out, and the other a name with no value (``defined``: the
    names the document or the notation gives values): the step assigns the example's values."""
    names = [{p.full for p in _parts(side) if isinstance(p, Sym)} for side in sides]
    for k in (0, 1):
        numbers, other = names[k], names[1 - k]
        if not numbers and holds_literal(sides[k]) and any(n not in defined for n in other):
            return True
    return False
