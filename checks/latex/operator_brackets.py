r"""``D`` applied with square brackets is the differential operator, not a number times a bracket.

Differential-equations courses write ``D`` for d/dt and apply a polynomial in it to a function in
square brackets: ``(D^2 - 4)[t e^{2t}] = e^{2t}((D + 2)^2 - 4)[t]`` (the exponential shift),
``D[e^{3t}] = 3e^{3t}``, ``(D - 1)^2[t e^t] = 0``. Read as a variable D times the bracket, a
correct shift was called wrong at D = 1. A ``wrong`` step that applies ``D``, ``D^k`` or a
bracket holding D to a square bracket is held back, inconclusive, saying so: a miss, never a
false alarm.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["applies_operator", "hold_operator_brackets"]

#: D[…] or D^2[…]: the operator alone before a bracket
_ALONE = re.compile(r"(?<![A-Za-z\\])D\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*\[")
#: a closing parenthesis (maybe raised to a power) right before a bracket: (D^2 - 4)[…], (D - 1)^2[…]
_GROUP_THEN_BRACKET = re.compile(r"\)\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*\[")
_LONE_D = re.compile(r"(?<![A-Za-z\\])D(?![A-Za-z])")


def _group_before(text: str, close: int) -> str:
    """The parenthesised group that ends at ``close`` (the ``)``), nested groups and all."""
    depth = 0
    for k in range(close, -1, -1):
        depth += {")": 1, "(": -1}.get(text[k], 0)
        if depth == 0:
            return text[k : close + 1]
    return ""


def applies_operator(text: str) -> bool:
    """Does ``text`` apply D (or a polynomial in D) to a square bracket?"""
    if _ALONE.search(text):
        return True
    return any(_LONE_D.search(_group_before(text, m.start())) for m in _GROUP_THEN_BRACKET.finditer(text))


def hold_operator_brackets(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that applies D to a bracket held back (module docstring)."""
    why = "; but D applied to a square bracket is the differential operator d/dt, not a number times it"
    return hold_wrongs(judged, lambda r: why if applies_operator(f"{r.step.lhs} = {r.step.rhs}") else None)
