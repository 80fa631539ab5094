r"""``\sum v`` with no index under it, in the reading as matrices: the sum of a vector's entries.

Notes write the normaliser of a softmax over a vector as ``\frac{1}{\sum \exp(x)}`` and a bias
gradient of one example as ``\frac{1}{m}\sum (A - y)`` (numpy's ``np.sum``). The matrix reading
stopped there ("a sum without an index"). Where the summand is a vector (one row or one column)
and names no index letter, only one sum can be meant, that of its entries, and the sum is read
so. A summand that is one value (``\sum (y_i - \hat y_i) x_i``: a sum over i, which
``bare_sums`` reads in the scalar reading), a matrix (``\sum dZ``: over the examples, the units
or every entry?) or a summand naming an index letter (``\sum y_k \log p``) stays unread. The
reading is the judge's, not the writer's word: a step that then holds is ok, one that does not
is inconclusive, never wrong (``matrix_judge``)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from derive.checks.latex.tensor_ops import Dual, NotJudged, apply_function, shape_of
from derive.checks.latex.typed_nodes import Call, Index, Node, Sum, Sym

__all__ = ["FLAG", "mark_vector_sums", "vector_sum"]

#: the world flag that keeps a difference under this reading from being called wrong
FLAG = "vector_sum"


def vector_sum(ev: Any, node: Call) -> Dual:
    """The sum of the entries of ``node``'s one argument, a vector naming no index letter;
    NotJudged otherwise. ``ev`` is the tensor evaluator (tensor_eval)."""
    (body,) = node.args
    ev.world.flags[FLAG] = True  # first: a side that fails inside the summand is no ground for a wrong either
    letter = _index_letter(body)
    if letter is not None:
        raise NotJudged(f"a sum without an index of a summand naming the index {letter} (over {letter}?)")
    value = ev.ev(body)
    rows, cols = value.shape
    if rows == 1 and cols == 1:
        raise NotJudged("a sum without an index of one value (over which index?)")
    if rows != 1 and cols != 1:
        raise NotJudged(f"a sum without an index of a {shape_of(value)} matrix (over rows, columns or every entry?)")
    ev.world.flags["tensor"] = True  # a vector's entries summed: a step about a vector
    return apply_function("sum", [value], 0)


def mark_vector_sums(world: Any, sides: tuple[Node, Node]) -> None:
    """Flag the world before either side is evaluated when a side reads a ``\\sum v``: a side that
    fails before its sum is reached (an operand that does not fit) was never read as matrices
    before this reading, so no difference or misfit of the step is ground for a wrong."""
    if any(_holds_vector_sum(side) for side in sides):
        world.flags[FLAG] = True


def _holds_vector_sum(node: Any) -> bool:
    if isinstance(node, Call) and node.fn == "vector_sum":
        return True
    if isinstance(node, (list, tuple)):
        return any(_holds_vector_sum(child) for child in node)
    if isinstance(node, Node) and dataclasses.is_dataclass(node):
        return any(_holds_vector_sum(getattr(node, f.name)) for f in dataclasses.fields(node))
    return False


def _index_letter(node: Any) -> str | None:
    """A letter the summand writes as an index (``y_k``, ``(…)_i``) or binds (an inner sum)."""
    if isinstance(node, Sym):
        found = re.search(r"[A-Za-z]", node.sub)
        return found.group() if found else None
    if isinstance(node, Index) and re.search(r"[A-Za-z]", node.sub):
        return node.sub
    if isinstance(node, Sum):
        return node.index
    if isinstance(node, (list, tuple)):
        children: Any = node
    elif isinstance(node, Node) and dataclasses.is_dataclass(node):
        children = [getattr(node, f.name) for f in dataclasses.fields(node)]
    else:
        return None
    for child in children:
        letter = _index_letter(child)
        if letter is not None:
            return letter
    return None
