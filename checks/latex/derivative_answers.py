r"""Answers written as ``f = f'``: below "Derivative of $y$ with respect to $x$, if", an exercise
sheet lists ``a) $y = x^3 + x - 5 = 3x^2 + 1$``, the ``=`` after the function standing for "its
derivative is" (rxxxxxxb's NLP assignment). Read as an equation the step is false; read as the
answer the sheet gives, it is right.

A ``wrong`` step is held inconclusive here only when both hold:

- its right side is exactly the derivative of its left side with respect to one of the left
  side's variables (proved by SymPy, not sampled), the left side writing no derivative itself;
- the prose before it, back to the section's heading (at most :data:`LOOKBACK` lines), speaks of
  a derivative (in one of the languages the hunted documents are written in).

A slip that happens to be the derivative of the other side is thus not called wrong where the
document asks for derivatives; any other wrong step stays wrong.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["LOOKBACK", "held_answers", "derivative_variable"]

#: how many lines before a step its prompt may stand
LOOKBACK = 15

_CUE = re.compile(
    r"derivative|differentiat|ableitung|ableiten|導数|导数|求导|微分|производн|дифференц|derivad|dérivée|derivata",
    re.IGNORECASE,
)
_HEADING = re.compile(r"^\s*(#{1,6}\s|\\(?:sub)*section\b|\\chapter\b)")


def held_answers(results: list[StepResult], text: str, notation: Notation) -> list[StepResult]:
    """``results`` with each wrong step that is a derivative answer (see the module) made inconclusive."""
    lines = text.splitlines()
    out = []
    for result in results:
        if result.status == "wrong" and _prompted(lines, result.step.line):
            variable = derivative_variable(result.step.lhs, result.step.rhs, notation, result.step.chain_var)
            if variable is not None:
                why = (
                    f"the right side is the derivative of the left with respect to {variable}, and the prose asks"
                    f" for a derivative: '=' may stand for 'its derivative is' ({result.message})"
                )
                result = result.held(why)
        out.append(result)
    return out


def _prompted(lines: list[str], line: int) -> bool:
    """Does the prose before line ``line`` (1-based), back to a heading, speak of a derivative?"""
    for k in range(line - 1, max(line - 1 - LOOKBACK, -1), -1):
        if k < len(lines) and _CUE.search(lines[k]):
            return True
        if k < len(lines) and _HEADING.match(lines[k]):
            return False
    return False


def derivative_variable(lhs: str, rhs: str, notation: Notation, chain_var: str | None = None) -> str | None:
    """The variable ``rhs`` is the derivative of ``lhs`` by (proved), else None."""
    import sympy as sp

    read = normalize(lhs, notation, chain_var)
    if read.derivatives or read.prime_vars or any(f[1:2] not in ((), ("0",)) for f in read.functions.values()):
        return None  # d/dx x², σ'(x): the left side writes a derivative itself
    try:
        left = to_sympy(read)
        right = to_sympy(normalize(rhs, notation, chain_var))
    except Unparsed:
        return None
    if left.has(sp.Derivative, sp.Subs) or not left.free_symbols:
        return None
    for variable in sorted(left.free_symbols, key=str):
        if _same(sp.diff(left, variable), right):
            return str(variable)
    return None


def _same(a: Any, b: Any) -> bool:
    """Equal by SymPy's simplification, tried only where the two agree at a few points first (a
    quick no for the usual wrong step; simplify can take long)."""
    import sympy as sp

    gap = a - b
    try:
        for point in _POINTS:
            value = complex(gap.subs({v: sp.Rational(point) for v in gap.free_symbols}).evalf())
            if abs(value) > 1e-9:
                return False
        return sp.simplify(gap) == 0
    except (TypeError, ValueError, ZeroDivisionError, RecursionError, AttributeError):
        return False


#: where the two sides are compared before SymPy simplifies their difference
_POINTS = ("3/7", "11/10", "5/3")
