r"""A number written with decimals is a rounded value: ``-\log(0.245) = 1.406``.

Worked examples print results to a few places and write ``=``. Compared exactly, every such step
would be a false alarm (1.40649… is not 1406/1000). When one side of a step is a bare decimal
literal with d places and the other side has a numeric value, the step is judged to d places:

- within one unit of the last written place (rounded, or truncated): ``ok``, saying so;
- within five units: ``inconclusive`` (rounded inputs of earlier steps may explain it);
- further off: left to the exact judge, which reports the difference as ``wrong``.

A literal without a decimal point (``1{,}707{,}264``) is an exact claim and is not touched.

The same holds entry by entry for a matrix written out in decimals (``\begin{bmatrix} 0.5501 &
-0.6715 \end{bmatrix}``, :func:`rounded_entries`): the matrix judge's ``wrong`` is weighed by the
largest entry difference against the fewest places any of its decimal entries writes.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["decimal_places", "judge_rounded", "rounded_entries"]

_DECIMAL = re.compile(r"\s*-?\s*\d*\.(\d+)\s*")
#: at most this many units of the last written place off: rounding explains it (see docstring)
_NEAR_UNITS = 5


def decimal_places(latex: str) -> int | None:
    """d for a side that is only a decimal literal with d places (``0.547``, ``-.25``), else None."""
    m = _DECIMAL.fullmatch(latex)
    return len(m.group(1)) if m else None


def judge_rounded(lhs_latex: str, rhs_latex: str, lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """The verdict on a step with a decimal side (module docstring), or None to judge it exactly."""
    import sympy as sp

    for places, literal, other in ((decimal_places(rhs_latex), rhs, lhs), (decimal_places(lhs_latex), lhs, rhs)):
        if places is None or not literal.is_Rational or other.free_symbols:
            continue
        try:
            value = sp.N(other, 30)
        except (TypeError, ValueError, ArithmeticError):
            return None
        if not (value.is_real and value.is_finite):
            return None
        units = abs(value - literal) * 10**places
        if units <= 1:
            how = "rounded" if units <= sp.Rational(1, 2) else "within one unit of the last place"
            return _verdict("ok", f"equal to the {places} decimal place(s) written ({how}: {sp.N(value, places + 4)})")
        if units <= _NEAR_UNITS:
            return _verdict(
                "inconclusive",
                f"{sp.N(value, places + 4)} differs from the value written by {float(units):.1f} units of its last"
                " place: rounded values of earlier steps may explain it",
            )
        return None
    return None


def _verdict(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "counterexample": None, "message": message, "method": "rounded"}


#: a side that is only a matrix of numbers: its markup, numbers, signs and spacing
_NUMBERS_MATRIX = re.compile(
    r"\s*(?:\\left\s*[(\[]\s*)?\\begin\{[bpv]?matrix\}(?:[\s&\\.\d-]|\\[,;!]|\{,\})*\\end\{[bpv]?matrix\}"
    r"(?:\s*\\right\s*[)\]])?\s*"
)


def _matrix_places(latex: str) -> int | None:
    """The fewest decimal places of the decimal entries of a side that is only a matrix of numbers."""
    if not _NUMBERS_MATRIX.fullmatch(latex):
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
    if gap is None or not places:
        return verdict
    unit = 10.0 ** -min(places)
    if gap <= unit * (1 + 1e-9):
        return _verdict("ok", f"equal to the {min(places)} decimal place(s) written, entry by entry")
    if gap <= _NEAR_UNITS * unit:
        why = f"entries differ by {gap:.2g}, within {_NEAR_UNITS} units of the last place written: rounded values"
        return _verdict("inconclusive", why)
    return verdict
