"""Shape clashes the matrix judge does not call wrong: they may come from its own choices.

The judge sizes every name the document leaves unsized (d = 4 for an x with no declaration).
A clash between such a size and one the document fixes (a matrix written out), or a literal 0
against a vector (the zero vector, or names that are scalars in this step), is not the step's
error; matrix_judge._verdict makes it inconclusive with the reason.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from derive.checks.latex.tensor_eval import World

__all__ = ["literal_meets_open_size", "open_against_fixed", "zero_against_array"]


def zero_against_array(found: dict[str, Any]) -> bool:
    """Is one side the number 0 and the other not a scalar?"""
    sides = [np.asarray(getattr(found[k], "v", found[k])) for k in ("lhs", "rhs")]
    return any(a.size == 1 and b.size > 1 and float(np.abs(a).max()) == 0.0 for a, b in (sides, sides[::-1]))


def open_against_fixed(bad: list[tuple[World, dict[str, Any]]]) -> bool:
    """Of the two sizes that disagree, one changes with the judge's choice of sizes from world to
    world (d for an x the step reads without a size) and the other never does (the 2 of a W the
    document writes out as 3×2): the mismatch may be the judge's choice, not the step's."""
    pairs = [o.get("sizes") for _, o in bad if o["status"] == "illtyped"]
    if len(pairs) < 2 or any(p is None for p in pairs):
        return False
    varies = [len({p[k] for p in pairs}) > 1 for k in (0, 1)]
    return varies[0] != varies[1]


def literal_meets_open_size(world: World, found: dict[str, Any]) -> bool:
    """``x = (x_1, x_2)`` in a worked example of x ∈ ℝ^n: a matrix written out has its size by
    its entries, and where the other side's size is one the judge chose (n = 5), the shapes
    differ only by that choice; the step states n = 2, it does not contradict x."""
    written = found.get("written_out", (False, False))
    if written.count(True) != 1:
        return False  # two matrices written out (or none): their sizes are what they are
    open_sizes = set(world.sizes.values())
    fixed, other = (found["lhs"], found["rhs"]) if written[0] else (found["rhs"], found["lhs"])
    return any(x != y and y in open_sizes for x, y in zip(fixed.shape, other.shape, strict=False))
