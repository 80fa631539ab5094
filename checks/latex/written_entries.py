r"""A difference at entries the page writes, for steps with a matrix written with ellipses.

``\begin{bmatrix} a_1b_1 & \cdots & a_1b_n \\ \vdots & \ddots & \vdots \\ a_mb_1 & \cdots & a_mb_n
\end{bmatrix}`` writes four entries; every other entry is the judge's inference of the pattern
(literal_patterns.py). A step refuted only where a side depends on an inferred entry may be
refuted by the reader's guess rather than by the writer's mathematics, so it is held; a step
refuted at a place both sides compute from written entries alone stays wrong, and its
counterexample names that place. A matrix whose written entries follow no one pattern (a slip in
one of them, as often as not) is read at its written entries only (literal_patterns.WRITTEN):
it can refute a step there, and never proves one.

Which places of a side depend on inferred entries is seen, not derived: the side is evaluated
again with every inferred entry NaN (a place NaN reaches depends on one) and twice with the
inferred entries moved by seeded amounts (a place that moves depends on one, even through a
``max`` or a comparison that swallows a NaN). That holds for a pattern anywhere in a side:
transposed, inside ``diag(…)``, in a product or a sum.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
from derive.checks.latex.literal_patterns import WRITTEN
from derive.checks.latex.matrix_literals import INFERRED, Pattern
from derive.checks.latex.tensor_eval import Evaluator, World
from derive.checks.latex.tensor_ops import Dual
from derive.checks.latex.typed_nodes import Node, all_nodes

__all__ = ["written_mask", "written_verdict"]

_HELD = "the sides differ only where a matrix with ellipses has entries the page does not write (inferred, or unread)"
_WRITTEN_ONLY = "equal at the entries written; a matrix with ellipses whose entries follow no one pattern has no others"
_MODES = ("nan", 1, 2)


def written_verdict(
    verdict: dict[str, Any], outcomes: list[tuple[World, dict[str, Any]]], sides: tuple[Node, Node]
) -> dict[str, Any]:
    """A wrong verdict on values held unless two worlds differ at a place both sides compute
    from written entries (the judge's rule of two worlds); its counterexample moved there. A
    matrix read at its written entries only (no pattern) never makes a step ok."""
    if verdict["status"] == "ok" and any(world.flags.get(WRITTEN) for world, _ in outcomes):
        return {**verdict, "status": "inconclusive", "message": _WRITTEN_ONLY}
    if verdict["status"] != "wrong" or not any(isinstance(n, Pattern) for s in sides for n in all_nodes(s)):
        return verdict
    cex = verdict.get("counterexample") or {}
    if cex.get("where") == "shape":
        return verdict  # the layout's size, not an entry's value
    places = []
    for world, found in outcomes:
        if found.get("status") == "differ":
            place = _written_difference(world, found, sides)
            if place is not None:
                places.append((found, place))
    if len(places) < 2:
        return {**verdict, "status": "inconclusive", "message": _HELD, "counterexample": None}
    found, (r, c) = places[0]
    if (r, c) == tuple(found["at"]) or "lhs" not in cex:
        return verdict
    lhs, rhs = found["lhs"], found["rhs"]
    cex = {**cex, "lhs": f"entry ({r + 1}, {c + 1}) {float(lhs[r, c]):.6g}"}
    cex["rhs"] = f"entry ({r + 1}, {c + 1}) {float(rhs[r, c]):.6g}"
    point = ", ".join(f"{k} = {v}" for k, v in cex.get("point", {}).items())
    message = f"the sides differ at {point}: left {cex['lhs']}, right {cex['rhs']}"
    return {**verdict, "counterexample": cex, "message": message}


def _written_difference(world: World, found: dict[str, Any], sides: tuple[Node, Node]) -> tuple[int, int] | None:
    """The place of the largest difference among those both sides compute from written
    entries, or None."""
    gaps, lhs, rhs = found.get("gaps"), found["lhs"], found["rhs"]
    if gaps is None:
        return None
    masks = [
        written_mask(world, side, found.get("bind", {}), value) for side, value in zip(sides, (lhs, rhs), strict=True)
    ]
    if masks[0] is None or masks[1] is None:
        return None
    scale = max(1.0, float(np.abs(lhs).max()), float(np.abs(rhs).max()))
    differing = masks[0] & masks[1] & (gaps > 1e-9 * scale)
    if not differing.any():
        return None
    flat = int(np.where(differing, gaps, -1.0).argmax())
    return divmod(flat, gaps.shape[1])


def written_mask(world: World, side: Node, bind: dict[str, int], value: np.ndarray) -> np.ndarray | None:
    """True at the places of the side's value (as compared, of value's shape) that depend on
    no inferred entry; None when the side cannot be evaluated so."""
    if not any(isinstance(n, Pattern) for n in all_nodes(side)):
        return np.ones(np.shape(value), dtype=bool)
    mask = np.ones(np.shape(value), dtype=bool)
    for mode in _MODES:
        again = dataclasses.replace(world, cache={}, flags={**world.flags, INFERRED: mode})
        try:
            result = Evaluator(again, bind=bind).ev(side)
        except Exception:  # noqa: BLE001 - the places are not known: held (a NaN may stop a check)
            result = None
        if not isinstance(result, Dual) or result.v.size != np.size(value):
            if mode == "nan":
                continue  # the moved entries still tell the places
            return None
        moved = result.v.reshape(np.shape(value))
        mask &= np.isfinite(moved) if mode == "nan" else np.isclose(moved, value, rtol=1e-9, atol=1e-12)
    return mask
