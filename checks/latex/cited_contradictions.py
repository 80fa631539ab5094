r"""Two different numbers set equal in running text: a contradiction the text points to, not a step.

A linear-algebra primer (hunt 34, mphowardlab's essential-math) explains Gauss-Jordan elimination:
a row of zeros with a nonzero last column "would be equivalent to a false equation (like $0=1$)",
and later "the last row is equivalent to $0 = 12$, there is a false equation". Both were judged as
steps and called wrong, at no inputs. Nobody computing writes two bare numbers equal; a text that
writes them cites an impossible equation (a contradiction reached, a system with no solution).

So an equation whose two sides are whole numbers (signed or not) that differ is held
inconclusive when it stands in running text (inline math), or when the prose before it speaks of
a contradiction, a false or impossible equation or no solution. Numbers in a displayed chain with
nothing said (``… = 12 = 13``, a slip) are judged as before, and so are decimals (``$1.65=0.9505$``,
a table's entry, is read by its own rule).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from derive.checks.latex.results import verdict

__all__ = ["cited_contradiction"]

_NUMBER = re.compile(r"\s*([+-]?)\s*(\d+)\s*")
_SAYS_FALSE = re.compile(
    r"contradict|\bfalse\b|impossib|absurd|inconsisten|no solution|never (?:hold|true)|cannot be", re.I
)


def _value(side: str) -> Fraction | None:
    match = _NUMBER.fullmatch(side)
    if match is None:
        return None
    return Fraction(match.group(2)) * (-1 if match.group(1) == "-" else 1)


def cited_contradiction(step: Any) -> dict[str, Any] | None:
    """Held inconclusive where the step sets two different bare numbers equal in running text or
    after prose that calls it false (module docstring); None otherwise."""
    left, right = _value(step.lhs), _value(step.rhs)
    if left is None or right is None or left == right or step.relation != "=":
        return None
    if step.kind != "inline" and not _SAYS_FALSE.search(step.context or ""):
        return None
    said = f"{step.lhs.strip()} = {step.rhs.strip()}"
    why = f"{said}: two different numbers set equal, a contradiction the text cites, not a step"
    return verdict("inconclusive", why, "parse")
