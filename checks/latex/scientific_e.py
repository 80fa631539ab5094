r"""``4.2514140356330737e^{-13}``: a program's scientific notation typed into math, 4.25 × 10⁻¹³.

A gradient check prints its relative error as ``4.2514140356330737e-13``; written into a notebook's
math it becomes ``e^{-13}``, and read as Euler's number to the power -13 a correct step was wrong by
a factor of about 10⁷. A decimal number (with a point) directly followed by ``e^{…}`` of a whole
number is how such output looks; a reader takes it as ×10^{…}. The literal reading is kept (it is
what the step writes); a ``wrong`` verdict is weighed again with each such number read as
scientific notation, and when the step then holds, or misses by less than 0.1 % (such output
carries the rounding of floating-point arithmetic: 6 - 5.999999999994898 is not exact in a
program), it is inconclusive, saying why.
"""

from __future__ import annotations

import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["SCIENTIFIC", "near_enough", "scientific_reading"]

_E_POWER = re.compile(r"(?<![\w.\\])(\d+\.\d+)\s*e\s*\^\s*(?:\{\s*([+-]?\d+)\s*\}|(\d))")
SCIENTIFIC = (
    "; but read as a program's scientific notation (4.25e^{-13} as 4.25 × 10^{-13}) it holds,"
    " within the rounding of floating-point output"
)


def scientific_reading(step: Step) -> Step | None:
    """The step with each ``<decimal>e^{<whole number>}`` as ×10^{…}, or None if it has none."""
    if not (_E_POWER.search(step.lhs) or _E_POWER.search(step.rhs)):
        return None

    def tens(side: str) -> str:
        return _E_POWER.sub(lambda m: rf"{m.group(1)} \times 10^{{{m.group(2) or m.group(3)}}}", side)

    return replace(step, lhs=tens(step.lhs), rhs=tens(step.rhs))


def near_enough(verdict: dict[str, Any]) -> bool:
    """Does the verdict hold, or miss at no inputs by under 0.1 % of the values? A rounding judge's
    inconclusive (``4.25 \\times 10^{-13}`` read to its last digit, rounded_numbers) is near too."""
    if verdict["status"] == "ok" or (verdict["status"] == "inconclusive" and verdict.get("method") == "rounded"):
        return True
    cex = verdict.get("counterexample") or {}
    if verdict["status"] != "wrong" or cex.get("point"):
        return False
    try:
        left, right = Fraction(str(cex["lhs"])), Fraction(str(cex["rhs"]))
    except (KeyError, ValueError, ZeroDivisionError):
        return False
    return left != 0 and abs(left - right) < abs(left) / 1000
