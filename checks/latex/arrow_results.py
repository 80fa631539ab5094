r"""``& \Rightarrow d^4k^2 \\ \\ &= d^2 - \frac{d^2}{4} + 0 - d^4k^2``: a sum of results, not a step from the last.

A derivation that works out the terms of an expectation one at a time ends each in an arrow and
its value (``\int … dp' \, (\hbar^2 k^2) e^{…} \\ & \Rightarrow d^4 k^2``), leaves an empty row,
and then adds them up on a row that starts with its relation (``&= d^2 - \frac{d^2}{4} + 0 -
d^4k^2``): that row continues the display's first line (⟨P²⟩ = …), and its left side is not the
value the arrow before gave. Read as a link of one chain, the sum was compared with the last term
alone and refuted.

A ``wrong`` step whose left side is written right after an implication arrow, followed by an
empty row (``\\`` twice, with nothing but spacing between) and then the step's relation, is held
back, inconclusive, saying so. Without the empty row (``& \Rightarrow x = 2 \\ &= …``) nothing
changes.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["after_arrow_and_gap", "hold_arrow_results"]

_ARROW = r"\\(?:Rightarrow|implies|Longrightarrow)(?![A-Za-z])"
_GAP = r"\s*\\\\\s*(?:\[[^\]]*\]\s*)?\\\\\s*(?:\[[^\]]*\]\s*)?&?\s*"

_WHY = (
    "; but its left side is the value an implication arrow gave, and an empty row comes before the "
    "relation: the row continues the display's first line (a sum of the results worked out above), "
    "not the last result"
)


def _loose(tex: str) -> str:
    """A pattern for LaTeX as written, any spacing between its tokens."""
    return r"\s*".join(re.escape(token) for token in re.findall(r"\\[A-Za-z]+|\S", tex))


def after_arrow_and_gap(text: str, lhs: str, relation: str = "=") -> bool:
    """Does the document write ``\\Rightarrow lhs``, an empty row, then the relation?"""
    if not lhs.strip():
        return False
    pattern = _ARROW + r"\s*" + _loose(lhs) + _GAP + re.escape(relation)
    return re.search(pattern, text) is not None


def hold_arrow_results(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each wrong step from an arrow's result across an empty row held back (module docstring)."""
    return hold_wrongs(judged, lambda r: _WHY if after_arrow_and_gap(text, r.step.lhs, r.step.relation) else None)
