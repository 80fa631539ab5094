r"""An ``ok`` because both sides are 0 as read: ``-\partial_{w_{ji}} \frac1N \sum_n E_n =
\frac1N \sum_n \partial E_n/\partial w_{ji}`` with E_n read from a definition that never reaches
w_{ji}. Every derivative vanished, so the minus sign the step drops is not seen; 0 = 0 says
nothing about the step the author meant. Such an ok is held back as inconclusive.

A step that writes 0 on a side (``\partial b/\partial W = 0``) claims the derivative vanishes,
and its ok stands; so does one without a derivative (``1 - 1`` is 0 by arithmetic)."""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Normalized

__all__ = ["VANISHED", "VANISHED_WHY", "both_vanish", "hold_vanished"]

#: the key a scalar verdict carries when both sides were exactly 0 (scalar_judge.decide)
VANISHED = "vanished"
#: how such a verdict begins once held back (abstract_chain reads the step again as a chain rule)
VANISHED_WHY = "both sides are 0 as read"

_ZERO = re.compile(r"\s*(?:\\(?:mathbf|boldsymbol|vec|bm)\s*\{\s*0\s*\}|0(?:\.0*)?)\s*")
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*d|\bd\s*/\s*d|'|\\prime")


def both_vanish(lhs: Any, rhs: Any) -> bool:
    """Are both sides exactly 0 (SymPy's structural zero, after definitions and derivatives)?"""
    return bool(lhs == 0 and rhs == 0)  # structural: no assumption system asked (decide's hot path)


def hold_vanished(out: dict[str, Any], sides: tuple[Normalized, Normalized]) -> dict[str, Any]:
    """The verdict, or inconclusive when its ok rests on both sides vanishing while neither
    side is written as 0 and a derivative is written (see the module docstring)."""
    if out.get("status") != "ok" or not out.get(VANISHED):
        return out
    if any(_ZERO.fullmatch(side.source) for side in sides):
        return out
    if not any(side.derivatives or _DERIVATIVE.search(side.source) for side in sides):
        return out
    why = (
        f"{VANISHED_WHY}: every derivative in the step vanished (a dependence on the variable"
        " that the document's definitions, as read, do not carry), so 0 = 0 is no evidence for the step"
    )
    return {**out, "status": "inconclusive", "message": why}
