r"""``\nabla_u u``: a field differentiated along itself is a covariant derivative, not a gradient.

Geometry and relativity notes state the geodesic equation as ``\nabla_u u = 0`` ("a curve is a
geodesic if its tangent u satisfies …"), ``\nabla_{\dot\gamma}\dot\gamma = 0``, ``\nabla_X X``.
Read as the gradient of u by u it is 1 (or the identity), and the equation was called wrong. No
machine-learning text writes the gradient of a name by itself, so a ``wrong`` step that writes
``\nabla`` with a subscript followed by that same subscript is held back, inconclusive, saying so.
``\nabla_w L`` (by another name) is read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["along_itself", "hold_covariant_derivatives"]

_FIELD = r"(?:\\[A-Za-z]+\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z](?![A-Za-z]))?|[A-Za-z])"
_ALONG_ITSELF = re.compile(
    r"\\nabla\s*_\s*(?:\{\s*(?P<a>" + _FIELD + r")\s*\}|(?P<b>[A-Za-z]))\s*(?P<field>" + _FIELD + ")"
)


def along_itself(text: str) -> bool:
    """Does ``text`` differentiate a field along itself (``\\nabla_u u``)?"""
    for m in _ALONG_ITSELF.finditer(text):
        along = re.sub(r"\s+", "", m.group("a") or m.group("b"))
        if along == re.sub(r"\s+", "", m.group("field")):
            return True
    return False


def hold_covariant_derivatives(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that writes ``\\nabla_u u`` held back (module docstring)."""
    why = "; but a field differentiated along itself (\\nabla_u u) is a covariant derivative, not a gradient"
    return hold_wrongs(judged, lambda r: why if along_itself(f"{r.step.lhs} = {r.step.rhs}") else None)
