r"""Documents that index from 0: ``\sum_{n=0}^{N-1} E_n``, ``\partial E/\partial a_0``, ``x_0 = 1``.

The matrix reading (tensor_eval.py) numbers the entries of a vector or matrix from 1, as most
papers do. Programmers' notes, and texts written beside NumPy code, number them from 0: there
``a_0`` is the first entry and an index bound by ``\sum_{n=0}^{N-1}`` runs over all N entries.
Read from 1, such a step stops at ``a_{0} with 0 = 0 is out of range 1..5`` and is not judged.

When the reading from 1 declines for exactly that reason (an index 0, written or reached by a
sum or a free letter), the step is read once more with every index counted from 0 (World.origin):
entries 0..n-1, free letters over 0..n-1, a sum without bounds from 0, labels 0..K-1, and a sum
whose stated last index does not meet the entries' last (``\sum_{i=0}^{d}`` over d+1 entries, a
sum from 1 in this reading) is not judged. Only ``ok`` is kept from that second reading: that
``_0`` means "the first entry" is the judge's guess (``x_0`` may be an initial point, ``C_0``
the cost of example 0), so a difference found under it is never called wrong; the step keeps
the first reading's reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.tensor_eval import World

__all__ = ["FROM_ZERO_NOTE", "from_zero_world", "indexed_from_zero", "retried_from_zero"]

#: the reason the reading from 1 gives for an index 0 (tensor_eval.Evaluator.indices)
_ZERO_OUT_OF_RANGE = re.compile(r"with \S+ = 0 is out of range 1\.\.")

FROM_ZERO_NOTE = "indices counted from 0, as the document writes them"

Prepare = Callable[[World], None]
Judged = tuple[dict[str, Any] | None, str]


def indexed_from_zero(why: str) -> bool:
    """Did the reading from 1 stop at an index 0 (the document counts from 0)?"""
    return _ZERO_OUT_OF_RANGE.search(why) is not None


def from_zero_world(prepare: Prepare | None) -> Prepare:
    """A prepare hook (see matrix_judge.judge_trees) that counts every index of a world from 0:
    its labels (y drawn in 1..K) move to 0..K-1 with it."""

    def hook(world: World) -> None:
        world.origin = 0
        world.labels = {letter: value - 1 for letter, value in world.labels.items()}
        if prepare is not None:
            prepare(world)

    return hook


def retried_from_zero(first: Judged, again: Callable[[Prepare], Judged], prepare: Prepare | None) -> Judged:
    """The first reading's result, or the reading from 0 when the first stopped at an index 0 and
    the second finds the sides equal (anything else it finds keeps the first reason)."""
    verdict, why = first
    if verdict is not None or not indexed_from_zero(why):
        return first
    second, _ = again(from_zero_world(prepare))
    if second is None or second["status"] != "ok":
        return first
    return {**second, "message": f"{second['message']} ({FROM_ZERO_NOTE})"}, ""
