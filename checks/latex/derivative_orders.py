r"""``y^{(n)}(0)``: the n-th derivative at a point, not a label times a bracket.

Taylor-series notes write the n-th derivative with a parenthesised order and evaluate it at a
point: "for all n, $y^{(n)}(0) = 1$" (y = exp x), ``f^{(k)}(a)``, ``f^{(4)}(x_0)``. Read as a
name with a label times the bracket, ``y^{(n)}(0)`` is 0 and a correct statement was called wrong.
A ``wrong`` step that writes one letter with a parenthesised order (a letter, a number, or n + 1)
applied to a point (a number or one name) is held back, inconclusive, saying so. A label before a
bracket that is an expression (``a^{(l)}(1 - a^{(l)})``, a product in back-propagation) is read as
before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["derivative_at_point", "hold_derivative_orders"]

_ORDER = r"\^\s*\{\s*\(\s*(?:[A-Za-z]|\d+)(?:\s*[+-]\s*\d+)?\s*\)\s*\}"
_POINT = r"(?:\\left\s*)?\(\s*(?:-?\d+(?:\.\d+)?|\\?[A-Za-z]+(?:_\s*(?:\{[^{}]*\}|\w))?)\s*(?:\\right\s*)?\)"
_AT_POINT = re.compile(r"(?<![A-Za-z\\])[A-Za-z]\s*" + _ORDER + r"\s*" + _POINT)


def derivative_at_point(text: str) -> bool:
    """Does ``text`` write an n-th derivative at a point (``y^{(n)}(0)``)?"""
    return _AT_POINT.search(text) is not None


def hold_derivative_orders(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that writes ``y^{(n)}(0)`` held back (module docstring)."""
    why = "; but a letter with a parenthesised order before a point is that derivative at the point"
    return hold_wrongs(judged, lambda r: why if derivative_at_point(f"{r.step.lhs} = {r.step.rhs}") else None)
