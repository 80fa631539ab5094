r"""Asymptotic (Landau) notation: ``O((2^D - 1)d(l - 1)) = O(2^D l d)`` is not an equation of values.

A course's solution to "how long does building the tree take" (esokolov's ml-course-hse,
2019 theory homework) ends with ``O((2^D - 1)d(l - 1)) = O(2^Dld)``. Read as the letter O times
a bracket, the sides differ at D = 1, l = 1/2, and the step was called wrong; but ``O(g)`` is a
class of functions, and the ``=`` between two of them (or ``f(n) = O(g(n))``) says the classes
agree as n grows, which no sampled point can refute.

The rule: a side that is, as a whole, ``O(…)``, ``o(…)``, ``\mathcal{O}(…)``, ``\Theta(…)``,
``\Omega(…)`` or ``\omega(…)`` (the bracket opened after the letter closes at the side's end),
where the document gives that letter no value of its own, makes the step not judged. Not covered:
a Landau term inside a sum (``2n + O(1)``), which is read as before; and a document that defines
``O`` (an output ``O = W h``) keeps ``O(a + b)`` a product, judged as written.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any

from derive.checks.latex.results import verdict
from derive.checks.latex.text_groups import brace_group_end

__all__ = ["landau_side", "landau_verdict"]

#: the letter of an asymptotic class, then its opening bracket
_HEAD = re.compile(r"\s*(\\mathcal\s*\{\s*O\s*\}|\\mathcal\s*O|\\Theta|\\Omega|\\omega|O|o)\s*(?:\\left\s*)?\(")


def _close(text: str, start: int) -> int | None:
    """Where the bracket opened just before ``start`` closes (the index after it), else None."""
    depth, k = 1, start
    while k < len(text):
        ch = text[k]
        if ch == "{":
            k = brace_group_end(text, k)
            if k < 0:
                return None
            continue
        if ch == "\\":
            k += 2
            continue
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return k + 1
        k += 1
    return None


def landau_side(text: str) -> str | None:
    """The class's letter if ``text`` is one asymptotic term as a whole (``O(n^2)``), else None."""
    head = _HEAD.match(text)
    if head is None:
        return None
    end = _close(text, head.end())
    if end is None:
        return None
    return head.group(1).replace(" ", "") if not text[end:].strip() else None


def _letter(head: str) -> str:
    """The name a document would define for this class: O for \\mathcal{O}, Theta for \\Theta."""
    return "O" if "mathcal" in head else head.lstrip("\\")


def landau_verdict(lhs: str, rhs: str, defined: Container[str]) -> dict[str, Any] | None:
    """Not judged (inconclusive, with the reason) where a side is an asymptotic class the document
    gives no value; None otherwise."""
    for side in (lhs, rhs):
        head = landau_side(side)
        if head is None or _letter(head) in defined or head in defined:
            continue
        why = (
            f"{head}(…) is asymptotic notation: a class of functions, and '=' beside it says the classes "
            "agree as the sizes grow, not that two values are equal"
        )
        return verdict("inconclusive", why, "landau")
    return None
