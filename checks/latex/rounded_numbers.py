r"""A number written with decimals is a rounded value: ``-\log(0.245) = 1.406``.

Worked examples print results to a few places and write ``=``. Compared exactly, every such step
would be a false alarm (1.40649… is not 1406/1000). When one side of a step is a bare decimal
literal with d places and the other side has a numeric value, the step is judged to d places:

- within one unit of the last written place (rounded, or truncated): ``ok``, saying so;
- within five units: ``inconclusive`` (rounded inputs of earlier steps may explain it);
- further off: left to the exact judge, which reports the difference as ``wrong``.

A literal without a decimal point (``1{,}707{,}264``) is an exact claim and is not touched.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["decimal_places", "judge_rounded"]

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
