r"""A derivative written before brackets: ``\frac{d g}{d x}(f(w))`` is g' taken at f(w).

Lecture slides write the chain rule as ``\frac{\partial \sigma(wx)}{\partial w_1} = \frac{d g}{d x}(f(w))
\cdot \frac{\partial f}{\partial w_1}(w)``: the brackets after a derivative hold the point it is
taken at, not a factor. The reader takes them as a factor (``\frac{dy}{dx}(x + 1)`` is a product
in most homework), so a step in this form that it finds wrong is not evidence: where the brackets
after ``\frac{dF}{dx}`` (a function F named on top) hold no x and no list (the point, f(w), is not
in the variable's terms), a ``wrong`` is made inconclusive, saying why. ok verdicts stand (both
readings agree when the point is x). ``\frac{d}{dz}(3)`` (the operator applied to what follows) and
``\frac{\partial J}{\partial w}(\theta, D)`` (an argument list, read as the derivative itself) are
judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult
from derive.checks.latex.text_groups import round_group

__all__ = ["hold_evaluated_derivatives"]

#: \frac{dg}{dx}( or \frac{\partial f}{\partial w_1}\left( : group "var" is the variable's letter; a
#: function is named on top (\frac{d}{dz}(3) is the operator applied to what follows)
_DERIVATIVE_THEN_BRACKET = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:d|\\partial)\s*(?=[A-Za-z\\])[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*"
    r"\{\s*(?:d|\\partial)\s*(?P<var>\\?[A-Za-z]+)[^{}]*(?:\{[^{}]*\}[^{}]*)*\}\s*(?:\\left\s*)?\("
)


def hold_evaluated_derivatives(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` that writes a derivative before brackets without its
    variable (a point of evaluation) made inconclusive."""
    out = []
    for result in judged:
        if result.status == "wrong":
            point = _evaluation_point(result.step.lhs) or _evaluation_point(result.step.rhs)
            if point:
                why = (
                    f"{result.message}; but the brackets after the derivative ({point}) may be the point it is "
                    "taken at (g' at f(w)), which this reading took as a factor"
                )
                result = result.held(why)
        out.append(result)
    return out


def _evaluation_point(side: str) -> str:
    """The bracketed text right after a derivative that does not contain its variable, or ""."""
    for m in _DERIVATIVE_THEN_BRACKET.finditer(side):
        group = round_group(side, m.end() - 1)
        inside = group[0].strip() if group else ""
        # a list of arguments (θ, {x_i, y_i}) is read as the derivative's own already
        variable = re.compile(rf"(?<![A-Za-z\\]){re.escape(m.group('var'))}(?![A-Za-z])")
        if inside and "," not in inside and variable.search(inside) is None:
            return inside
    return ""
