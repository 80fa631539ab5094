r"""A derivative written right before the formula of what it differentiates.

A lecture's computational graph (the seventeenth hunt) defines "$q = x + y$", then writes

    \frac{\partial q}{\partial y} = \frac{\partial q}{\partial y} (x + y) = 1

naming what q is: the derivative by y of x + y. Read as the product ∂q/∂y · (x + y), the step was
called wrong. Where the bracket right after a derivative's fraction holds exactly the document's
definition of the fraction's numerator (written before the step), the fraction is read as the
operator on that bracket, ``\frac{\partial}{\partial y}(x + y)``. Any other bracket stays a factor
(``\frac{\partial L}{\partial a}(a - y)`` is a product), and so does the bracket of a name the
document does not define.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from derive.checks.latex.doc_definitions import Definition
from derive.checks.latex.steps import Step
from derive.checks.latex.text_groups import round_group

__all__ = ["named_operands", "operands_named"]

#: \frac{\partial q}{\partial y} or \frac{dq}{dy}, then the opening of a bracket
_FRACTION = re.compile(
    r"\\[dt]?frac\s*\{\s*(?P<d>\\partial\b|d)\s*(?P<num>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}"
    r"\s*\{\s*(?P<den>(?:\\partial\b|d)[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*(?P<open>\\left\s*\(|\()"
)


def _plain(text: str) -> str:
    """The text without spacing, sizing and braces (``a_{j}`` and ``a_j`` alike)."""
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])|\\[,;:!]|\\quad|\\qquad|[\s{}]", "", text)
    return text


def _rewritten(side: str, formulas: dict[str, str]) -> str:
    out: list[str] = []
    k = 0
    for found in _FRACTION.finditer(side):
        num = _plain(found.group("num"))
        group = round_group(side, found.end() - 1)  # what the bracket holds (a closing \right left out)
        if num not in formulas or group is None or found.start() < k:
            continue
        inner, end = group
        if _plain(inner) != formulas[num]:
            continue
        operator = rf"\frac{{{found.group('d')}}}{{{found.group('den')}}}"
        out.append(side[k : found.start()] + operator + side[found.start("open") : end])
        k = end
    return "".join(out) + side[k:] if out else side


def operands_named(step: Step, definitions: Sequence[Definition]) -> Step:
    r"""The step with ``\frac{\partial q}{\partial y}(…)`` read as ``\frac{\partial}{\partial y}(…)``
    where the bracket holds q's definition written before the step."""
    before = [d for d in definitions if (d.line, d.column) < (step.line, step.column) and not d.letters]
    formulas = {_plain(d.name): _plain(d.rhs) for d in before}
    if not formulas or "frac" not in step.lhs + step.rhs:
        return step
    lhs, rhs = _rewritten(step.lhs, formulas), _rewritten(step.rhs, formulas)
    return step if (lhs, rhs) == (step.lhs, step.rhs) else replace(step, lhs=lhs, rhs=rhs)


def named_operands(steps: Iterable[Step], definitions: Sequence[Definition]) -> Iterator[Step]:
    """Each step read by :func:`operands_named`."""
    return (operands_named(step, definitions) for step in steps)
