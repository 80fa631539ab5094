r"""Last checks on a step's verdict, where the way it is written leaves the reading open.

A ``wrong`` needs a counterexample under the step's own reading; these guards turn it into
``inconclusive`` (with the reason) where the text allows another reading that the judge did not
try:

- inline math followed by its conditions in prose (``$diag(x)_{ij} = x_i$ if $i = j$``), which
  are not always read: refuted only at some index values, it is not wrong;
- a bare ``\log`` followed by a product (``\log\frac{1}{\sqrt{2\pi}\sigma}\exp(-\frac{…}{…})``,
  CS229's Gaussian likelihood): the reader takes the first factor as the argument, but ML
  writers usually mean the logarithm of the whole product, so neither reading may refute it.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.normalize import Normalized
from derive.checks.latex.steps import Step

__all__ = ["guard_verdict"]


def guard_verdict(step: Step, out: dict[str, Any], sides: tuple[Normalized, Normalized]) -> dict[str, Any]:
    """The verdict, with a ``wrong`` that the writing leaves open made inconclusive."""
    if out["status"] != "wrong":
        return out
    loose = [f for side in sides for f in side.loose_calls]
    if loose:
        why = (
            f"; {loose[0]} is followed by a product without brackets: read as {loose[0]} of its first"
            " factor the sides differ, but it may be meant of the whole product"
        )
        return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
    return _inline(step, out)


def _inline(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    cex = out.get("counterexample") or {}
    indices = cex.get("indices") or out["message"].startswith("with ")
    if step.kind != "inline" or step.conditions or not indices:
        return out
    return {
        **out,
        "status": "inconclusive",
        "counterexample": None,
        "message": out["message"] + "; at these index values only, and inline math may state its conditions in prose",
    }
