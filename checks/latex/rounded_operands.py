r"""Values a worked example rounded, put into a formula: ``\frac{\partial a}{\partial z} = 0.721 \cdot (1 - 0.721)``.

A worked example computes a = σ(0.95) = 0.72112…, writes ``a ≈ 0.721``, and puts 0.721 into the
next formula. The step's left side is known exactly (σ'(0.95) = 0.201108…), its right side is
0.721 · 0.279 = 0.201159: compared exactly they differ (a judge says ``wrong``), though the step
is right to the precision the document carries. rounded_numbers weighs a side that is one decimal
literal; this weighs a side that is a formula of numbers some of which are values the document
computed and rounded before the step (numeric_values: a value with a rounding unit):

- each such literal may be off by one unit of its last written place; carried through the formula
  (the side is rebuilt with that literal one unit up, one literal at a time), that is the slack;
  a literal that rounds a value the document wrote to more places (0.58 for its 0.578) is off by
  no more than that value's distance and its own unit (0.3 of a unit here), so
  ``(0.3 \times 0.56) + (0.9 \times 0.58) = 0.702`` (0.690) is no longer ``ok``;
- within the slack the step is ``ok``, saying so; within five times it ``inconclusive``;
- further off the ``wrong`` stands (0.721 · (1 + 0.721) is 1.24, not σ'(0.95)).

A result the document wrote for an expression (``e^{-2} \approx 0.1353``) counts as a computed value,
and so does a literal of four significant digits or more (``\frac{1}{1.1353}`` after ``\frac{1}{1 +
0.1353}``: inputs are written shorter, and one unit of the fourth digit hides no slip worth the
name). Another literal (an input 0.5, a learning rate 0.1) is exact: ``0.5 · 0.2`` for 0.12 stays
wrong. On the right side, where a worked example writes the products
and sums it has just rounded (``0.6 × 0.6457 + (-0.4) × 0.4256 + 0.2 = 0.3874 - 0.1702 + 0.2``,
``σ'(0.6) = 0.6457 × 0.3543``, ``2 × \frac{0.711}{1.689}``), a literal of two places or more is
taken as rounded too, computed there or not, but only within its one unit (no five-fold band:
``0.712 · (1 - 0.712)`` for σ'(0.95) stays wrong). Only a ``wrong`` whose counterexample gives both
sides as numbers is weighed, and the sides are read by the normaliser, never evaluated as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import Notation
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["reweigh_rounded"]

#: a decimal literal of the normalised text (not part of a placeholder name or of another number)
_LITERAL = re.compile(r"(?<![\w.])\d*\.(\d+)(?![\w.])")
#: within this many slacks rounding may explain the difference (inconclusive); see docstring
_NEAR = 5
#: a literal written to this many significant digits is a rounded value even when the document
#: never wrote it as a result (1/1.1353 after 1/(1 + 0.1353)): inputs are written shorter
_SIGNIFICANT = 4
#: a side with more literals than this is not rebuilt literal by literal (each is a parse)
_MOST = 12


def reweigh_rounded(
    lhs_tex: str, rhs_tex: str, notation: Notation, var: str | None, counterexample: Any, known: Iterable[Any]
) -> dict[str, Any] | None:
    """ok / inconclusive for a ``wrong`` step the rounding of the values it puts in explains (see
    the module docstring), else None (the verdict stands). ``known`` are the document's values
    before the step (numeric_values.NumericValue: value, unit, text)."""
    import sympy as sp

    sides = _numbers(counterexample)
    if sides is None:
        return None
    known = list(known)
    # a number the document gives exactly (target 0.01) is exact, also where a run writes it again
    exact = {v.value for v in known if not v.unit}
    rounded = [v for v in known if v.unit and v.value not in exact]
    slack, loose, used = Fraction(0), Fraction(0), []  # loose: of literals that are no document value
    # the right side is where the example writes its rounded results (docstring)
    for later, tex in ((False, lhs_tex), (True, rhs_tex)):
        try:
            norm = normalize(tex, notation, var)
            expr = to_sympy(norm)
            if expr.free_symbols:
                continue
            value = sp.Rational(sp.N(expr, 30))
        except (Unparsed, RecursionError, TypeError, ValueError, ArithmeticError):
            continue  # a side of names or derivatives: nothing of it is rounded here
        found = [(m, _computed(m.group(0), rounded)) for m in _LITERAL.finditer(norm.latex)]
        # … but never a number the document gave exactly (target 0.01 put in for its target)
        literals = [(m, strict) for m, strict in found if strict or (later and _loose(m.group(0), known))]
        if len(literals) > _MOST:
            return None
        for m, strict in literals:
            moved = _moved(norm, m, value)
            if moved is None:
                return None
            if strict:
                slack += moved * _share_of_unit(m.group(0), rounded)
            else:  # rounded where it is written: explains a difference up to one unit, no more
                loose += moved
            used.append(m.group(0))
    if not used:
        return None
    left, right = sides
    # the counterexample prints each side to a few places: one unit of those places is no difference
    diff = abs(left[0] - right[0])
    slack += left[1] + right[1]
    shown = ", ".join(dict.fromkeys(used))
    if diff <= slack + loose:
        return _verdict("ok", f"equal to the rounding of the values it puts in ({shown}, each to its last place)")
    if diff <= _NEAR * slack + loose:
        why = f"the sides differ by {float(diff):.3g}, within {_NEAR} times what the rounding of {shown} explains"
        return _verdict("inconclusive", why)
    return None


def _loose(literal: str, known: Iterable[Any]) -> bool:
    """A literal of two places or more on the right side, not a value the document gave exactly."""
    parsed = _decimal(literal)
    if parsed is None or parsed[1] > Fraction(1, 100):
        return False
    return not any(not v.unit and Fraction(str(v.value)) == parsed[0] for v in known)


def _numbers(counterexample: Any) -> tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]] | None:
    """((left, its printing unit), (right, its printing unit)) of a counterexample of two numbers."""
    if not isinstance(counterexample, dict):
        return None
    out = []
    for key in ("lhs", "rhs"):
        text = str(counterexample.get(key, "")).strip()
        try:
            number = Fraction(text)
        except (ValueError, ZeroDivisionError):
            return None
        places = len(text.split(".")[1]) if "." in text and "e" not in text.lower() else 0
        out.append((number, Fraction(1, 10**places) if places else Fraction(0)))
    return out[0], out[1]


def _decimal(literal: str) -> tuple[Fraction, Fraction] | None:
    """(its value, one unit of its last place) of a decimal literal, None if it is none."""
    try:
        return Fraction(Decimal(literal)), Fraction(1, 10 ** len(literal.split(".")[1]))
    except (InvalidOperation, ValueError):
        return None


def _sources(number: Fraction, unit: Fraction, rounded: list[Any]) -> list[tuple[Fraction, Fraction]]:
    """(value, unit) of each document value the number may round or cut (within one unit)."""
    values = ((abs(Fraction(str(v.value))), Fraction(str(v.unit))) for v in rounded)
    return [(source, source_unit) for source, source_unit in values if abs(source - number) <= unit]


def _computed(literal: str, rounded: list[Any]) -> bool:
    """Is the literal a value the document computed, rounded or cut to its places? A literal of one
    place (0.7, 0.5) is taken as written: inputs and rates are written so, and 0.7 is within a unit
    of too many values to say which it rounds."""
    parsed = _decimal(literal)
    if parsed is None or parsed[1] > Fraction(1, 100):
        return False
    if len(literal.replace(".", "").lstrip("0")) >= _SIGNIFICANT:
        return True  # 1.1353 for 1 + e^{-2}: a number written to so many digits was rounded
    return bool(_sources(*parsed, rounded))


def _share_of_unit(literal: str, rounded: list[Any]) -> Fraction:
    """How much of one unit of its last place the literal may be off: all of it, unless it rounds a
    value the document wrote to more places (0.58 for its 0.578: 0.002 off, and 0.578 may be off by
    0.001 itself, so 0.3 of a unit; the document's more precise value is the one the example has)."""
    parsed = _decimal(literal)
    if parsed is None:
        return Fraction(1)
    number, unit = parsed
    shares = [
        min(Fraction(1), (abs(source - number) + source_unit) / unit) if source_unit < unit else Fraction(1)
        for source, source_unit in _sources(number, unit, rounded)
    ]
    return max(shares, default=Fraction(1))


def _moved(norm: Any, m: re.Match, value: Any) -> Fraction | None:
    """How far the side moves when this literal moves one unit of its last place (None: unreadable)."""
    import sympy as sp

    unit = Decimal(1).scaleb(-len(m.group(1)))
    text = norm.latex[: m.start()] + str(Decimal(m.group(0)) + unit) + norm.latex[m.end() :]
    try:
        shifted = sp.N(to_sympy(replace(norm, latex=text)), 30)
        if shifted.free_symbols or not (shifted.is_real and shifted.is_finite):
            return None
        return Fraction(str(abs(sp.Rational(shifted) - value)))
    except (Unparsed, RecursionError, TypeError, ValueError, ArithmeticError):
        return None


def _verdict(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "counterexample": None, "message": message, "method": "rounded"}
