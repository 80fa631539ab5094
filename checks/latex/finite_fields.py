r"""Arithmetic in a field the document names: ``R := \mathbb{F}_{2}``, then ``-1(1 + 1) = 0``.

Notes on polynomial rings, codes and CRCs work over a finite field or the integers modulo a
prime: ``\mathbb{F}_2``, ``GF(2)``, ``GF(2^8)``, ``\mathbb{Z}_2``, ``\mathbb{Z}/3\mathbb{Z}``. There
1 + 1 = 0 and −1 = 1, and a recurrence worked out by hand (``c_{-2} = \frac{1}{1}(0 - 1) = 1``) is
right; read over the rationals it was refuted "at no inputs".

Where the document names such a field or ring of characteristic p (one p; two different ones
and nothing changes), a ``wrong`` step whose counterexample gives both sides as rational numbers
(integers, or fractions whose denominator p does not divide) that are equal modulo p is held back,
inconclusive, saying so. Sides that differ modulo p too (``1 + 1 = 1`` over F_2) stay wrong, as
do steps refuted with a side that is not a rational number.
"""

from __future__ import annotations

import re
from fractions import Fraction

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["field_characteristic", "hold_finite_fields"]

#: \mathbb{F}_2, \mathbb F_{3}, \mathbf{F}_{2^8}, GF(2), GF(2^8), \mathrm{GF}(p) with p a number,
#: \mathbb{Z}_2, \mathbb{Z}/2\mathbb{Z}, \mathbb{Z}/(2)
_FIELD = re.compile(
    r"\\(?:mathbb|mathbf)\s*\{?\s*[FZ]\s*\}?\s*_\s*\{?\s*(?P<sub>\d+)(?:\s*\^\s*\{?\s*\d+\s*\}?)?\s*\}?"
    r"|(?:\\mathrm\s*\{\s*)?GF\s*\}?\s*\(\s*(?P<gf>\d+)(?:\s*\^\s*\{?\s*\w+\s*\}?)?\s*\)"
    r"|\\mathbb\s*\{?\s*Z\s*\}?\s*/\s*\(?\s*(?P<quot>\d+)"
)
#: a side's value as the counterexample writes it: an integer or a fraction
_RATIONAL = re.compile(r"-?\d+(?:/\d+)?")


def _prime(n: int) -> bool:
    return n > 1 and all(n % k for k in range(2, int(n**0.5) + 1))


def field_characteristic(text: str) -> int | None:
    """The characteristic of the one finite field (or ring of integers modulo a prime) the
    document names, or None where it names none, or several of different characteristic."""
    found = set()
    for m in _FIELD.finditer(text):
        n = int(m.group("sub") or m.group("gf") or m.group("quot"))
        if _prime(n):
            found.add(n)
    return found.pop() if len(found) == 1 else None


def _equal_modulo(one: str | None, other: str | None, p: int) -> bool:
    """Are two rational values, as written, equal modulo p (denominators prime to p)?"""
    if not one or not other or not _RATIONAL.fullmatch(one) or not _RATIONAL.fullmatch(other):
        return False
    difference = Fraction(one) - Fraction(other)
    return Fraction(one).denominator % p != 0 and Fraction(other).denominator % p != 0 and difference.numerator % p == 0


def hold_finite_fields(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each wrong step whose sides agree modulo the characteristic of the field
    the document names held back (module docstring)."""
    p = field_characteristic(text)
    if p is None:
        return judged

    def why(result: StepResult) -> str | None:
        values = result.counterexample or {}
        if _equal_modulo(values.get("lhs"), values.get("rhs"), p):
            return f"; but the sides are equal modulo {p}, and the document works in a field of characteristic {p}"
        return None

    return hold_wrongs(judged, why)
