r"""Worked examples compute with more digits than they print: ``0.524(0.476) \cdot -0.386 = -0.096252``.

Each factor there is an earlier result printed to three places (σ(z) = 0.524…), while the result
was computed from the unrounded values: exactly, 0.524 · 0.476 · (−0.386) is −0.0962777, twenty-six
units of the written result's last place off, yet the step is right. :mod:`rounded_numbers` forgives
one unit (five as inconclusive) of the RESULT's places; this module asks the question the reader
asks next: do the inputs' own places explain the gap? The decimals of the other side that look
computed (three or more significant digits: 0.524, 0.4760, 1.0345) are moved within half a unit of
their last place, every corner of that box evaluated (SymPy folds a product of numbers into one
rational, so they are made symbols of a fresh reading of the side first); when some corner reaches
the written result, the step is ``inconclusive``, never ``ok``: the slip may still be real, but
no reader can call it wrong from the page. Given numbers (a rate 0.1, a weight 0.15, an input 0.05)
have fewer digits and stay exact: moving them by half their last place would explain away nearly
any slip (0.5 − 0.1 · 0.069 = 0.4911 stays wrong).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Normalized
from derive.checks.latex.rounded_numbers import box_reaches, decimal_places, half_unit, rounding_interval
from derive.checks.latex.sympy_build import Definitions, Unparsed, to_sympy

__all__ = ["judge_computed_inputs"]

#: a decimal of a normalised side (not part of a longer number or a placeholder's subscript)
_DECIMAL = re.compile(r"(?<![\w.{])\d*\.\d+(?![\w.])")
#: significant digits from which a decimal reads as a computed, printed value
_COMPUTED_DIGITS = 3
#: at most this many inputs are moved (2^n corners are evaluated)
_MOST_INPUTS = 6


def _computed(text: str) -> bool:
    return len(text.replace(".", "").lstrip("0")) >= _COMPUTED_DIGITS


def judge_computed_inputs(
    lhs_norm: Normalized, rhs_norm: Normalized, lhs: Any, rhs: Any, named: Definitions
) -> dict[str, Any] | None:
    """inconclusive when one side is a decimal result the other side's computed decimals reach
    within their own rounding (module docstring), else None (judge as before)."""
    for literal_norm, literal, other_norm, other in ((rhs_norm, rhs, lhs_norm, lhs), (lhs_norm, lhs, rhs_norm, rhs)):
        places = decimal_places(literal_norm.latex)
        if places is None or not getattr(literal, "is_Rational", False) or other.free_symbols:
            continue
        reached = _reached(literal, places, other_norm, named)
        if reached is not None:
            return {
                "status": "inconclusive",
                "counterexample": None,
                "message": f"{other_norm.source.strip()} is not {literal_norm.source.strip()} as written, but its"
                f" values printed to few places ({', '.join(reached)}), moved within their own rounding, reach it",
                "method": "rounded",
            }
    return None


def _reached(literal: Any, places: int, norm: Normalized, named: Definitions) -> list[str] | None:
    """The computed decimals of ``norm`` when some corner of their rounding box gives a value that
    rounds to ``literal`` at ``places`` (rounded or truncated), else None."""
    import sympy as sp

    found = [m for m in _DECIMAL.finditer(norm.latex) if _computed(m.group(0))][:_MOST_INPUTS]
    if not found:
        return None
    first = max(norm.symbols, default=0) + 1
    symbols = dict(norm.symbols)
    latex, at = [], 0
    for k, m in enumerate(found):
        symbols[first + k] = ("symbol", f"rounded input {k}")
        latex += [norm.latex[at : m.start()], f"v_{{{first + k}}}"]
        at = m.end()
    latex.append(norm.latex[at:])
    try:
        expr = to_sympy(replace(norm, latex="".join(latex), symbols=symbols), definitions=named)
    except (Unparsed, TypeError, ValueError):
        return None
    by_name = {str(s): s for s in expr.free_symbols}
    inputs = [(by_name.get(f"rounded input {k}"), m.group(0)) for k, m in enumerate(found)]
    if any(s is None for s, _ in inputs) or len(by_name) != len(inputs):
        return None
    low, high = rounding_interval(literal, places)
    box = {s: (sp.Rational(text), half_unit(text)) for s, text in inputs}
    return [text for _, text in inputs] if box_reaches(expr, box, low, high) else None
