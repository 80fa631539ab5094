r"""A number written with decimals is a rounded value: ``-\log(0.245) = 1.406``.

Worked examples print results to a few places and write ``=``. Compared exactly, every such step
would be a false alarm (1.40649… is not 1406/1000). When one side of a step is a bare decimal
literal with d places and the other side has a numeric value, the step is judged to d places:

- the value rounded or truncated to d places, at the inputs as written or at inputs that round
  to them (``\frac{1}{1+e^{-0.19}} = 0.548``: 0.19 may stand for 0.1949, and σ(0.1949) is
  0.5486): ``ok``, saying so; never more than one unit of the last place off;
- within five units: ``inconclusive`` (rounded inputs of earlier steps may explain it;
  ``\frac{1}{1+e^{-0.21}} = 0.56`` is no rounding of 0.5523, nor of σ at any input that rounds
  to 0.21, so it is no longer ``ok``);
- further off: left to the exact judge, which reports the difference as ``wrong``.

A literal without a decimal point (``1{,}707{,}264``) is an exact claim and is never ``ok`` by rounding. A
large whole number (thousands set apart, ``2,384``, or four digits and more) within half a unit of a
value that is no whole number (``\frac{54,825}{23} = 2,384``: an MSE of a regression textbook's
worked example, 2,383.70) is a value rounded to the units as often as a slip, so that ``wrong`` is
``inconclusive``, saying so (:func:`judge_whole_rounded`); ``\frac{7}{2} = 4`` and ``2,384`` for 2,385.2
stay wrong.

The same holds entry by entry for a matrix written out in decimals (``\begin{bmatrix} 0.5501 &
-0.6715 \end{bmatrix}``, :func:`rounded_entries`), or in products of them (the rounded values an
example puts in, ``\begin{bmatrix} 0.6457 \times 0.3543 \end{bmatrix}``): the matrix judge's
``wrong`` is weighed by the largest entry difference against the fewest places any of its decimal
entries writes.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from derive.checks.latex.scaled_matrices import scaled_matrix_slack

__all__ = [
    "box_reaches",
    "decimal_places",
    "half_unit",
    "judge_rounded",
    "judge_rounded_list",
    "judge_whole_rounded",
    "rounded_entries",
    "rounding_interval",
]

_DECIMAL = re.compile(r"\s*-?\s*\d*\.(\d+)\s*")
#: a mantissa with decimals times a power of ten: 9.5 \times 10^{-7}, 1.2 \cdot 10^3 (a rounded value as well)
_SCIENTIFIC = re.compile(
    r"\s*-?\s*\d*\.(?P<digits>\d+)\s*(?:\\times|\\cdot)\s*10\s*\^\s*(?:\{\s*(?P<exp>[-+]?\s*\d+)\s*\}|(?P<one>\d))\s*"
)
#: at most this many units of the last written place off: rounding explains it (see docstring)
_NEAR_UNITS = 5
#: a decimal input of the other side (the values it puts in, each rounded to its own last place)
_DECIMAL_INPUT = re.compile(r"(?<![\w.])\d*\.\d+(?![\w.])")
#: at most this many inputs are moved (2^n corners are evaluated)
_MOST_INPUTS = 6


def decimal_places(latex: str) -> int | None:
    """d for a side that is only a decimal literal with d places (``0.547``, ``-.25``), else None.
    In scientific notation (``9.5 \\times 10^{-7}``) the places are the mantissa's less the
    exponent: its last written digit is the eighth after the point."""
    m = _DECIMAL.fullmatch(latex)
    if m:
        return len(m.group(1))
    m = _SCIENTIFIC.fullmatch(latex)
    if m is None:
        return None
    return len(m.group("digits")) - int((m.group("exp") or m.group("one")).replace(" ", ""))


def judge_rounded(lhs_latex: str, rhs_latex: str, lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """The verdict on a step with a decimal side (module docstring), or None to judge it exactly."""
    import sympy as sp

    for places, literal, other in ((decimal_places(rhs_latex), rhs, lhs), (decimal_places(lhs_latex), lhs, rhs)):
        if places is None or not literal.is_Rational or other.free_symbols:
            continue
        try:  # SymPy's N recurses without end on some unevaluated derivatives: no number then
            value = sp.N(other, 30)
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            return None
        if not (value.is_real and value.is_finite):
            return None
        units = abs(value - literal) * 10**places
        other_latex = lhs_latex if literal is rhs else rhs_latex
        if units <= 1 and _rounds_to(literal, places, value, other, other_latex):
            how = "rounded" if units <= sp.Rational(1, 2) else "rounded, at inputs that round to those written"
            return _verdict("ok", f"equal to the {places} decimal place(s) written ({how}: {sp.N(value, places + 4)})")
        if units <= _NEAR_UNITS:
            return _verdict(
                "inconclusive",
                f"{sp.N(value, places + 4)} differs from the value written by {float(units):.1f} units of its last"
                " place: rounded values of earlier steps may explain it",
            )
        return None
    return None


def _rounds_to(literal: Any, places: int, value: Any, other: Any, other_latex: str) -> bool:
    """Is ``literal`` the value rounded or truncated to ``places`` (it may stand for any value in
    [literal - ½ unit, literal + 1 unit], mirrored below zero), at the inputs as written or at decimal inputs moved
    within half a unit of their own last place (the corners of that box: a side of a few inputs)?"""
    import sympy as sp

    low, high = rounding_interval(literal, places)
    if low <= value <= high:
        return True
    inputs = sorted({m.group(0) for m in _DECIMAL_INPUT.finditer(other_latex)})[:_MOST_INPUTS]
    box = {}
    present = other.atoms(sp.Rational)
    for text in inputs:
        for number in (sp.Rational(text), -sp.Rational(text)):  # e^{-0.19}: the sign is in the atom
            if number in present:
                box[number] = (number, half_unit(text))
    return bool(box) and box_reaches(other, box, low, high)


def rounding_interval(literal: Any, places: int) -> tuple[Any, Any]:
    """The values ``literal`` may stand for, written to ``places``: rounded (within half a unit) or
    truncated toward zero (up to a unit further from zero)."""
    import sympy as sp

    unit = sp.Rational(1, 10**places)
    return (literal - unit / 2, literal + unit) if literal >= 0 else (literal - unit, literal + unit / 2)


def half_unit(decimal: str) -> Any:
    """Half a unit of the last place a decimal is written to (0.524: 0.0005)."""
    import sympy as sp

    return sp.Rational(1, 2 * 10 ** len(decimal.split(".")[1]))


def box_reaches(expr: Any, box: dict[Any, tuple[Any, Any]], low: Any, high: Any) -> bool:
    """Does ``expr``, with each key of ``box`` (an atom or a symbol) put at its centre ± its half
    width, reach [low, high] at the box's corners? The side is continuous on the box, so every value
    between two corners' is reached (a bend inside the box, as x(1 - x) has, may reach further: then
    this says nothing)."""
    import sympy as sp

    values = []
    for signs in itertools.product((-1, 1), repeat=len(box)):
        point = {key: centre + sign * half for (key, (centre, half)), sign in zip(box.items(), signs, strict=True)}
        try:
            values.append(sp.N(expr.xreplace(point), 30))
        except (TypeError, ValueError, ArithmeticError):
            return False
    if not all(v.is_real and v.is_finite for v in values):
        return False
    return min(values) <= high and max(values) >= low


def judge_rounded_list(lhs_latex: str, rhs_latex: str, lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """``0.0478 \\times [0.9, 0.1] = [0.0430, 0.0043]``: a side that is a list of numbers, the other
    a tuple of as many entries (read as a polynomial in its weight τ, norm_tuples.py), weighed
    entry by entry as :func:`judge_rounded` weighs one number; None to judge it exactly (an entry
    written without decimals is an exact claim). A side that adds lists of numbers (``[1.74, 1.31] +
    [0.05, 0.03] + [-0.01, 0.04]``, each the rounded value of a term of the other side: an attention
    example's weighted values) is weighed against the sum of its lists, one unit of the last place
    allowed for each list."""
    import sympy as sp

    for terms, literal, other in ((_list_terms(rhs_latex), rhs, lhs), (_list_terms(lhs_latex), lhs, rhs)):
        size = len(terms[0]) if terms else 0
        weight = [w for w in (literal.free_symbols | other.free_symbols) if str(w) == f"τ[{size}-tuple]"]
        if size < 2 or len(weight) != 1 or (literal.free_symbols | other.free_symbols) != set(weight):
            continue
        try:
            coefficients = sp.Poly(sp.expand(other), weight[0]).all_coeffs()
            values = [c if c.is_Rational else sp.N(c, 30) for c in reversed(coefficients)]
        except (sp.PolynomialError, TypeError, ValueError, ArithmeticError):
            return None
        values += [sp.Integer(0)] * (size - len(values))
        if len(values) != size or not all(v.is_real and v.is_finite for v in values):
            return None
        return _weigh_entries(terms, values)
    return None


def _weigh_entries(terms: list[list[str]], values: list[Any]) -> dict[str, Any] | None:
    """The rounded verdict on lists of written entries (added entry by entry) against exact values."""
    import sympy as sp

    worst, rounded = sp.Integer(0), False
    for j, value in enumerate(values):
        column = [sign_and_entries[j] for sign_and_entries in terms]
        places = [decimal_places(written) for written in column]
        written = sum((sp.Rational(e.replace(" ", "")) for e in column), sp.Integer(0))
        allowed = sum((sp.Rational(1, 10**p) for p in places if p is not None), sp.Integer(0))
        gap = abs(value - written)
        if allowed == 0:
            if gap > sp.Rational(1, 10**20):
                return None  # an exact entry that differs: the exact judge's
            continue
        worst = max(worst, gap / allowed)
        scaled = value * 10 ** max(p or 0 for p in places)
        rounded = rounded or abs(scaled - sp.floor(scaled)) > sp.Rational(1, 10**20)
    if not rounded:
        return None  # (-1, 2.5) written (-1, 2.4): no entry needed rounding, an exact claim
    if worst <= 1:
        summed = " (each list rounded)" if len(terms) > 1 else ""
        return _verdict("ok", f"equal entry by entry to the decimal places written (rounded){summed}")
    if worst <= _NEAR_UNITS:
        why = f"an entry differs by {float(worst):.1f} units of its last place: rounded values of earlier steps"
        return _verdict("inconclusive", why + " may explain it")
    return None


def _list_entries(latex: str) -> list[str]:
    """The entries of a side that is only a list of numbers (``[0.0430, -0.0043]``), else []."""
    if not _NUMBERS_LIST.fullmatch(latex):
        return []
    inner = re.sub(r"\\(?:left|right)|\\[,;!]|[\[\]()]", " ", latex)
    entries = [e.strip() for e in inner.split(",")]
    return entries if all(re.fullmatch(r"-?\s*(?:\d+\.?\d*|\.\d+)", e) for e in entries) else []


#: a list of numbers among others a side adds or subtracts
_ADDED_LIST = re.compile(r"\s*([+-]?)\s*((?:\\left\s*)?\[[^\[\]]*(?:\\right\s*)?\])")


def _list_terms(latex: str) -> list[list[str]]:
    """The lists of numbers a side is made of, each list's entries signed (``[1.74, 1.31] + [0.05,
    0.03]`` → [["1.74", "1.31"], ["0.05", "0.03"]]), or [] when the side is anything else."""
    whole = _list_entries(latex)
    if whole:
        return [whole]
    terms, at = [], 0
    while at < len(latex.rstrip()):
        found = _ADDED_LIST.match(latex, at)
        if found is None or (terms and not found.group(1)) or (not terms and found.group(1) == "+"):
            return []
        entries = _list_entries(found.group(2))
        if not entries or (terms and len(entries) != len(terms[0])):
            return []
        negate = found.group(1) == "-"
        terms.append([_negated(e) if negate else e for e in entries])
        at = found.end()
    return terms


def _negated(entry: str) -> str:
    """A written entry with its sign turned."""
    bare = entry.replace(" ", "")
    return bare[1:] if bare.startswith("-") else "-" + bare


def _verdict(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "counterexample": None, "message": message, "method": "rounded"}


def _within(gap: float, unit: float, ok: str, near: str) -> dict[str, Any] | None:
    """ok within one unit of the last place written, inconclusive within _NEAR_UNITS, else None."""
    if gap <= unit * (1 + 1e-9):
        return _verdict("ok", ok)
    return _verdict("inconclusive", near) if gap <= _NEAR_UNITS * unit else None


#: a side that is only a matrix of numbers: its markup, numbers, signs and spacing
_NUMBERS_MATRIX = re.compile(
    r"\s*(?:\\left\s*[(\[]\s*)?\\begin\{[bpv]?matrix\}(?:[\s&\\.\d-]|\\[,;!]|\{,\}|\\times|\\cdot)*\\end\{[bpv]?matrix\}"
    r"(?:\s*\\right\s*[)\]])?\s*"
)


#: a side that is only a list of numbers, ``[0.0430, 0.0043]`` (a row in row_lists.py)
_NUMBERS_LIST = re.compile(r"\s*(?:\\left\s*)?[(\[](?:[\s,.\d-]|\\[,;!])*(?:\\right\s*)?[)\]]\s*")


def _matrix_places(latex: str) -> int | None:
    """The fewest decimal places of the decimal entries of a side that is only a matrix, a list
    or a number (a 1×1 product of a row and a column: ``[a, b] [c, d]^T = 1.1835``)."""
    if not (_NUMBERS_MATRIX.fullmatch(latex) or _NUMBERS_LIST.fullmatch(latex) or _DECIMAL.fullmatch(latex)):
        return None
    places = [len(m) for m in re.findall(r"\d*\.(\d+)", latex)]
    return min(places) if places else None


def rounded_entries(verdict: dict[str, Any] | None, lhs_latex: str, rhs_latex: str) -> dict[str, Any] | None:
    """The matrix judge's verdict, with a ``wrong`` against a matrix of decimals weighed as the
    module docstring says: ok within one unit of its last place, inconclusive within five."""
    if verdict is None or verdict["status"] != "wrong":
        return verdict
    gap = verdict.get("gap")
    places = [p for p in (_matrix_places(lhs_latex), _matrix_places(rhs_latex)) if p is not None]
    if gap is not None and not places:
        return _scaled_decimal(verdict, gap, lhs_latex, rhs_latex)
    if gap is None or not places:
        return verdict
    gap = _units_off(verdict.get("gaps"), lhs_latex, rhs_latex, min(places), gap)
    ok = f"equal to the {min(places)} decimal place(s) written, entry by entry"
    near = f"entries differ by {gap:.2g}, within {_NEAR_UNITS} units of the last place written: rounded values"
    return _within(gap, 10.0 ** -min(places), ok, near) or verdict


def _units_off(gaps: list[float] | None, lhs_latex: str, rhs_latex: str, fewest: int, gap: float) -> float:
    """The largest entry difference, each entry weighed by the places it writes itself (2.0104
    against 2.0 is 104 units of its fourth place, though 2.4 beside it writes one), expressed in
    units of the fewest places (as :func:`rounded_entries` weighs it); the plain largest
    difference when the entries cannot be paired with the differences."""
    for latex in (rhs_latex, lhs_latex):
        if _matrix_places(latex) is None:
            continue
        numbers = re.findall(r"\d*\.?\d+", re.sub(r"\\begin\{\w*\}|\\end\{\w*\}|\\[,;!]", " ", latex))
        if gaps is None or len(numbers) != len(gaps):
            continue
        # an entry written without decimals counts at the fewest places (0 for 0.00004 is rounding)
        own = [decimal_places(n) or fewest for n in numbers]
        return max(g * 10.0 ** (p - fewest) for g, p in zip(gaps, own, strict=True))
    return gap


#: a number times one decimal: \frac{1}{4} \times 288.9, 2 \cdot 0.35 (the decimal a rounded total)
_SCALED = re.compile(
    r"\s*(?:\\[dt]?frac\s*\{\s*(?P<num>\d+)\s*\}\s*\{\s*(?P<den>\d+)\s*\}|(?P<int>\d+))\s*(?:\\times|\\cdot)?"
    r"\s*(?P<dec>\d*\.\d+)\s*"
)


def _scaled_decimal(verdict: dict[str, Any], gap: float, lhs_latex: str, rhs_latex: str) -> dict[str, Any]:
    """``\\frac{1}{4} \\times 288.9`` against a sum of squares worked out to 288.894…: the
    decimal stands for its value rounded, so the side may be off by the factor times half a unit of
    its last place; judged as :func:`rounded_entries` judges a decimal side, in those units."""
    for latex in (rhs_latex, lhs_latex):
        m = _SCALED.fullmatch(latex)
        if m is None:
            continue
        factor = int(m.group("num")) / int(m.group("den")) if m.group("den") else float(m.group("int"))
        unit = factor * 10.0 ** -(len(m.group("dec")) - m.group("dec").index(".") - 1)
        if unit <= 0:
            continue
        ok = f"equal to the places written in {m.group('dec')}, times {factor:g} (rounded)"
        near = f"differs by {gap:.2g}, within the rounding of {m.group('dec')} times {factor:g}"
        within = _within(gap, unit, ok, near)
        if within is not None:
            return within
    for latex in (rhs_latex, lhs_latex):  # 0.88 \begin{bmatrix} -3 \\ 1 \end{bmatrix} (scaled_matrices)
        scaled = scaled_matrix_slack(latex)
        if scaled is not None and scaled[1] > 0:
            ok = f"equal to the places written in {scaled[0]}, times the matrix (rounded)"
            near = f"entries differ by {gap:.2g}, within the rounding of {scaled[0]} times the matrix"
            within = _within(gap, scaled[1], ok, near)
            if within is not None:
                return within
    return verdict


#: a large whole number as written: thousands set apart (2,384, 2{,}384, 2\,384) or four digits and more
_WHOLE = re.compile(r"\s*-?\s*(?:\d{1,3}(?:(?:,|\{,\}|\\,|\\ )\d{3})+|\d{4,})\s*")


def judge_whole_rounded(lhs_source: str, rhs_source: str, lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """``inconclusive`` for a large whole number within half a unit of a side's value that is no whole
    number (module docstring); None to judge the step exactly."""
    import sympy as sp

    for written, literal, other in ((rhs_source, rhs, lhs), (lhs_source, lhs, rhs)):
        if not _WHOLE.fullmatch(written) or not literal.is_Integer or other.free_symbols:
            continue
        try:
            value = sp.N(other, 30)
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            return None
        if value.is_real and value.is_finite and not other.is_Integer and abs(value - literal) < sp.Rational(1, 2):
            return _verdict(
                "inconclusive", f"{sp.N(value, 8)} rounds to the whole number written: a value rounded to the units?"
            )
    return None
