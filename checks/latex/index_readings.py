r"""Second readings of a matrix step that stopped at an index: counted from 0, or a defined entry.

The matrix reading (tensor_eval.py) stops, and the step is not judged, in two common cases:

- Documents that index from 0 (programmers' notes, texts beside NumPy code): ``a_0`` is the
  first entry, and an index bound by ``\sum_{n=0}^{N-1}`` runs over all N entries. Read from 1,
  the step stops at ``a_{0} with 0 = 0 is out of range 1..5``. The second reading counts every
  index from 0 (World.origin): entries 0..n-1, free letters over 0..n-1, a sum without bounds from
  0, labels 0..K-1; a sum whose stated last index does not meet the entries' last
  (``\sum_{i=0}^{d}`` over d+1 entries, a sum from 1 in this reading) is not judged.
- A defined entry: the document defines ``\delta_k = y_k - t_k`` (for every k), and a step uses
  ``\delta_k`` at its own k. A definition's indices are its own, so the first reading stops at
  ``the index k has no value``. The second reading evaluates a defined name written with index
  letters (δ_{k}, w_{jk}) at the step's values of those letters (World.entry_definitions).

Each second reading is taken only when the first stopped for its reason (and they combine:
a 0-indexed document with defined entries), and only ``ok`` is kept from it. That ``_0`` is the
first entry (``x_0`` may be an initial point, ``C_0`` the cost of example 0), and that the step's
k is the definition's k (Bishop's δ_k of the outputs beside δ_j of the hidden units), are the
judge's guesses: a difference found under them is never called wrong, and the step keeps the
first reading's reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.tensor_eval import World

__all__ = ["READING_NOTES", "entry_world", "from_zero_world", "next_reading", "reread"]

Prepare = Callable[[World], None]
Judged = tuple[dict[str, Any] | None, str]

#: the reason the reading from 1 gives for an index 0 (tensor_eval.Evaluator.indices, sum_range)
_ZERO_OUT_OF_RANGE = re.compile(r"with \S+ = 0 is out of range 1\.\.")
#: the reason a definition's own index letter gives (tensor_eval.UnboundIndex)
_UNBOUND_IN_DEFINITION = re.compile(r"the index \S+ has no value")

READING_NOTES = {
    "from zero": "indices counted from 0, as the document writes them",
    "entries": "defined entries (δ_k = …) read at the step's index values",
}


def from_zero_world(world: World) -> None:
    """Count every index of a world from 0: its labels (y drawn in 1..K) move to 0..K-1 with it."""
    world.origin = 0
    world.labels = {letter: value - 1 for letter, value in world.labels.items()}


def entry_world(world: World) -> None:
    """Read a defined entry (δ_{k}) at the step's value of its letters."""
    world.entry_definitions = True


_HOOKS: dict[str, Prepare] = {"from zero": from_zero_world, "entries": entry_world}


def next_reading(why: str, taken: tuple[str, ...]) -> str | None:
    """The second reading this reason calls for (None: none, or it was taken already)."""
    if _ZERO_OUT_OF_RANGE.search(why) and "from zero" not in taken:
        return "from zero"
    if _UNBOUND_IN_DEFINITION.search(why) and "entries" not in taken:
        return "entries"
    return None


def _composed(readings: tuple[str, ...], prepare: Prepare | None) -> Prepare:
    def hook(world: World) -> None:
        for reading in readings:
            _HOOKS[reading](world)
        if prepare is not None:
            prepare(world)

    return hook


def reread(first: Judged, again: Callable[[Prepare], Judged], prepare: Prepare | None) -> Judged:
    """The first reading's result, or a second reading's ``ok`` when the first stopped at an
    index (anything else the second reading finds keeps the first reason)."""
    verdict, why = first
    taken: tuple[str, ...] = ()
    while verdict is None and (reading := next_reading(why, taken)) is not None:
        taken = (*taken, reading)
        verdict, why = again(_composed(taken, prepare))
    if verdict is None or verdict["status"] != "ok" or not taken:
        return first
    notes = "; ".join(READING_NOTES[r] for r in taken)
    return {**verdict, "message": f"{verdict['message']} ({notes})"}, ""
