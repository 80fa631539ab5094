r"""Asymptotic (Landau) notation: ``O((2^D - 1)d(l - 1)) = O(2^D l d)`` is not an equation of values.

A course's solution to "how long does building the tree take" (esokolov's ml-course-hse,
2019 theory homework) ends with ``O((2^D - 1)d(l - 1)) = O(2^Dld)``. Read as the letter O times
a bracket, the sides differ at D = 1, l = 1/2, and the step was called wrong; but ``O(g)`` is a
class of functions, and the ``=`` between two of them (or ``f(n) = O(g(n))``) says the classes
agree as n grows, which no sampled point can refute.

The rule: a side that is, as a whole, ``O(…)``, ``o(…)``, ``\mathcal{O}(…)``, ``\Theta(…)``,
``\Omega(…)`` or ``\omega(…)`` (the bracket opened after the letter closes at the side's end),
where the document gives that letter no value of its own, makes the step not judged.

A Landau term inside a side counts too where it cannot be a product: a Taylor estimate in analysis
notes, ``(1-\frac{1}{3n}+\mathcal O(\frac{1}{n^2}))(1-\frac{1}{3n}+\mathcal O(\frac{1}{n^2})) =
1-\frac{2}{3n}+\mathcal O(\frac{1}{n^2})``, holds up to the remainder, and read with \mathcal O a number
it was refuted. So ``\mathcal{O}(…)`` anywhere, and a plain ``O(…)``/``o(…)``/Θ/Ω/ω term when both
sides write one (``n(e^{…+o(\frac{1}{n^2})}-1) = n(\frac{1}{n+1}-…+o(\frac{1}{n}))``), make the step
not judged. One plain ``O(a + b)`` beside terms without one stays a product, judged as written, and a
document that defines ``O`` (an output ``O = W h``) keeps every ``O(…)`` a product.
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
#: the same class written anywhere in a side: not the tail of a longer name (\mathrm{Do}(, \cos()
_TERM = re.compile(r"(?<![A-Za-z\\])" + _HEAD.pattern.removeprefix(r"\s*"))


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


def _inner_terms(text: str, defined: Container[str]) -> list[str]:
    """The classes' letters of the asymptotic terms written anywhere in ``text`` whose letter the
    document gives no value."""
    heads = [m.group(1).replace(" ", "") for m in _TERM.finditer(text)]
    return [h for h in heads if _letter(h) not in defined and h not in defined]


def _inner_landau(lhs: str, rhs: str, defined: Container[str]) -> str | None:
    """The class's letter of a Landau term inside a side that cannot be a product: \\mathcal O
    anywhere, any class when both sides write one; else None (module docstring)."""
    left, right = _inner_terms(lhs, defined), _inner_terms(rhs, defined)
    calligraphic = next((h for h in left + right if "mathcal" in h), None)
    return calligraphic or (left[0] if left and right else None)


def landau_verdict(lhs: str, rhs: str, defined: Container[str]) -> dict[str, Any] | None:
    """Not judged (inconclusive, with the reason) where a side is an asymptotic class the document
    gives no value, or writes one inside (_inner_landau); None otherwise."""
    for side in (lhs, rhs, None):
        head = landau_side(side) if side is not None else _inner_landau(lhs, rhs, defined)
        if head is None or _letter(head) in defined or head in defined:
            continue
        why = (
            f"{head}(…) is asymptotic notation: a class of functions, and '=' beside it says the classes "
            "agree as the sizes grow, not that two values are equal"
        )
        return verdict("inconclusive", why, "landau")
    return None
