r"""A name computed before, written again as the arithmetic of its numbers: ``z_{y1} = (0.6687 \times
0.40) + (0.6797 \times 0.45)`` after ``z_{y1} = (H1 \times w_5) + (H2 \times w_6)`` with ``H1 \approx
0.6687`` and ``w_5 = 0.40`` given.

A worked example writes a formula for a name, then the same name against the numbers put in,
then against the partial results (``z_{y1} = 0.2675 + 0.3059 = 0.5734``). The name's value there
is the one the document computed for it last before the step (numeric_values: a chain that ends
in a number, or a formula whose names all have values, with the rounding of those values carried
through). The judge that puts values in refuses a name alone on one side (``z = 1 + 3`` may give
z a new value), and substituted_values.restated takes only a bare number; so such a row stayed
unjudged, or, compared exactly with the formula, differed by the rounding of 0.6687.

Here it is read as a restatement of the name's value:

- the number side is evaluated exactly as written (it holds no name); a decimal number in it that
  is a rounding of a value the document computed before (0.6687 for H1), or a printed result of
  four significant digits or more (0.2675), may stand for the value meant, so each such number is
  moved by half a unit of its last written place and what that moves the side is summed (first
  order), plus the rounding the name's own value carries (one unit of its last place, or its
  formula's carried rounding); another number (a weight 0.40, a rate 0.5) is an exact input, so a
  value put in for the wrong weight is no rounding;
- within that slack the step is ``ok``, saying with which value;
- anything else is left as it was (None): the numbers may give the name a new value (a second
  example, an input changed in prose), which the step does not say, so a difference is never
  called ``wrong`` here.

Nothing is evaluated from the document's text: the side is read by the normaliser and built by
the SymPy builder; the numbers are moved as decimals in the normalised text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.sympy_build import Unparsed, to_sympy

from derive.errors import DeriveError

__all__ = ["restated_arithmetic"]

#: a decimal number of the normalised side (the digits after the point are its places)
_DECIMAL = re.compile(r"(?<![\w.])\d*\.(\d+)(?![\w.])")
#: a side that is one number as written: the bare restatement substituted_values judges
_BARE = re.compile(r"\s*-?\s*(?:\d+(?:\.\d+)?|\.\d+)\s*")
#: significant digits from which a decimal is a printed result, rounded (0.2675; not a weight 0.40)
_PRINTED_DIGITS = 4
#: decimal numbers one side is moved by at most (each is one more evaluation)
_MOST = 12


def restated_arithmetic(
    lhs: str, rhs: str, notation: Notation, latest: dict[str, Any], at: tuple[int, int]
) -> dict[str, Any] | None:
    """ok when one side is a name with a value before ``at`` and the other the numbers that give
    it (module docstring), else None. ``latest`` maps names to numeric_values.NumericValue."""
    import sympy as sp

    for name_tex, numbers_tex in ((lhs, rhs), (rhs, lhs)):
        value = _value_before(name_tex, notation, latest, at)
        if value is None or _BARE.fullmatch(numbers_tex) or not _DECIMAL.search(numbers_tex):
            continue
        evaluated = _evaluated(numbers_tex, notation)
        if evaluated is None:
            continue
        norm, number = evaluated
        computed = [v.value for v in latest.values() if v.unit and v.at < at]
        moved = _moved_total(norm, number, computed)
        if moved is None:
            continue
        diff = abs(sp.Rational(value.value) - number)
        slack = moved + sp.Rational(value.unit) + sp.Rational(1, 10**12) * max(abs(number), 1)
        if diff <= slack:
            message = (
                f"{value.name} = {value.text} before: the numbers written give {float(number):.10g}, "
                "its value within the rounding of the numbers written"
            )
            return {"status": "ok", "counterexample": None, "message": message, "method": "numeric values"}
    return None


def _value_before(name_tex: str, notation: Notation, latest: dict[str, Any], at: tuple[int, int]) -> Any:
    """The value the document gave the name alone on this side before the step, else None."""
    try:
        name = identifier_name(name_tex, notation=notation)
    except DeriveError:
        return None
    value = latest.get(name)
    # a value the step gives itself is no confirmation
    return value if value is not None and value.at < at else None


def _evaluated(tex: str, notation: Notation) -> tuple[Normalized, Any] | None:
    """(normalised side, its exact value) of a side of numbers alone, else None."""
    import sympy as sp

    try:
        norm = normalize(tex, notation)
        expr = to_sympy(norm)
        if expr.free_symbols:
            return None
        number = sp.N(expr, 30)
    except (Unparsed, DeriveError, RecursionError, TypeError, ValueError, ArithmeticError):
        return None
    if not (number.is_real and number.is_finite):
        return None
    return norm, sp.Rational(number)


def _moved_total(norm: Normalized, number: Any, computed: list[Any]) -> Any:
    """How far the side moves, summed over its rounded decimal numbers (module docstring), each
    moved half a unit of its last place (None: too many numbers, or a moved side that cannot be read)."""
    import sympy as sp

    found = [m for m in _DECIMAL.finditer(norm.latex) if _rounded(m.group(0), computed)]
    if len(found) > _MOST:
        return None
    total = sp.Integer(0)
    for m in found:
        half = Decimal(5).scaleb(-len(m.group(1)) - 1)
        text = norm.latex[: m.start()] + str(Decimal(m.group(0)) + half) + norm.latex[m.end() :]
        try:
            shifted = sp.N(to_sympy(replace(norm, latex=text)), 30)
        except (Unparsed, DeriveError, RecursionError, TypeError, ValueError, ArithmeticError):
            return None
        if shifted.free_symbols or not (shifted.is_real and shifted.is_finite):
            return None
        total += abs(sp.Rational(shifted) - number)
    return total


def _rounded(literal: str, computed: list[Any]) -> bool:
    """Is this decimal a rounded value: four significant digits or more, or within one unit of its
    last place of a value the document computed (and rounded) before the step?"""
    import sympy as sp

    if len(literal.replace(".", "").lstrip("0")) >= _PRINTED_DIGITS:
        return True
    number, unit = sp.Rational(literal), sp.Rational(1, 10 ** len(literal.split(".")[1]))
    return any(abs(abs(value) - number) <= unit for value in computed)
