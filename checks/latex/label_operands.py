r"""A label letter of the notation that a step writes as a vector: ``\hat y - y``.

The course notation fixes y as the class label (``-\log o^s_y``: an index, a number from 1 to
m), so the shape solver of undefined losses read every y as a number and the judge had no value
for it ("no value or shape for y"). A document that writes ``(\hat y - y)(a^{L-1})^\top`` or
``\mathbf x^\top(\hat{\mathbf y} - \mathbf y)`` means its own y, a vector of ŷ's shape: a
label letter that is an operand of a sum or difference, of an element-wise product, of a
transpose, or a whole side of the step is a name whose shape the step decides (the solver then
unifies it with the other operand), not the label. Used as an index (``o_y``), in a condition
(``k \neq y``), an exponent (``a^y``), beside a number (``1 - y``) or as a factor of a
product, it stays the label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from derive.checks.latex.typed_nodes import Add, Indicator, Mul, Neg, Node, Num, Pow, Sym, Transpose

__all__ = ["labels_as_names"]


def _unsigned(node: Node) -> Node:
    while isinstance(node, Neg):
        node = node.x
    return node


def _bare(node: Node, labels: Iterable[str]) -> str | None:
    node = _unsigned(node)
    return node.full if isinstance(node, Sym) and not node.sub and node.full in labels else None


def labels_as_names(sides: Iterable[Node], labels: Iterable[str]) -> set[str]:
    """The label letters the sides use as operands (see the module's docstring)."""
    labels = set(labels)
    if not labels:
        return set()
    found: set[str] = set()
    stack: list[Any] = list(sides)
    found |= {name for side in stack if (name := _bare(side, labels))}
    while stack:
        item = stack.pop()
        pair = isinstance(item, Add) or (isinstance(item, Mul) and item.kind == "hadamard")
        if pair and not any(isinstance(_unsigned(x), Num) for x in (item.a, item.b)):  # 1 - y: a number
            found |= {name for x in (item.a, item.b) if (name := _bare(x, labels))}
        elif isinstance(item, Transpose):
            found |= {name for name in (_bare(item.x, labels),) if name}
        if isinstance(item, Pow):
            stack.append(item.base)  # an exponent is a number: a^y, (1 - a)^{1 - y}
        elif isinstance(item, Node) and not isinstance(item, Indicator):  # k = y: the label
            stack.extend(v for v in item.__dict__.values() if isinstance(v, Node | tuple))
        elif isinstance(item, tuple):
            stack.extend(item)
    return found
