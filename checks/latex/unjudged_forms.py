r"""Forms a step is not judged in, each with its reason, asked before any reader runs.

- ``\sum x_i = 23 \quad \sum x_i^2 = 267``, ``[s \quad 1]``: statements or columns set apart by a
  wide space (side_by_side.py);
- ``g_*(v\times w)`` of declared vectors: a cross product (cross_products.py);
- ``(M^{\mathbf{H}} M)^{\mathbf{H}} = M^{\mathbf{H}} M``: a conjugate transpose (conjugate_transposes.py);
- ``\delta_{ij} = s_j - s_i``: the document's own δ, not Kronecker's (own_deltas.py);
- "a false equation (like $0=1$)": a contradiction the text cites (cited_contradictions.py);
- ``p^2 = \begin{pmatrix} 1.0 & 0 \\ 0.6 & 0.24 \end{pmatrix}``: a power of a name no shape is
  declared for, set equal to a matrix of numbers, gives that power's value (a lecture on Markov
  chains, hunt 34: p the transition matrix, elsewhere p = 0.4 a probability, so p² read as a number
  was refuted by shapes). The document's values still judge it (worked_matrices).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.cited_contradictions import cited_contradiction
from derive.checks.latex.conjugate_transposes import conjugate_transpose_verdict
from derive.checks.latex.cross_products import cross_product_verdict
from derive.checks.latex.own_deltas import own_delta_verdict
from derive.checks.latex.results import verdict
from derive.checks.latex.side_by_side import side_by_side_verdict

__all__ = ["unjudged_form"]

#: a name alone under a whole-number power: p^2, P^{3}, \Pi^{10} (not W^{(1)}, a layer's label)
_POWERED_NAME = re.compile(r"\s*(?P<name>\\?[A-Za-z]+)\s*\^\s*(?:\{\s*\d+\s*\}|\d)\s*")
#: a matrix written out, alone
_MATRIX = re.compile(r"\s*\\begin\{(?P<env>[pbBvV]?matrix)\}(?P<body>.*)\\end\{(?P=env)\}\s*", re.S)
_NUMBER_CELL = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")


def unjudged_form(step: Any, notation: Any) -> dict[str, Any] | None:
    """The verdict of the first form above the step is written in; None when it is in none."""
    shapes = (notation.shapes, notation.sample_shapes)
    for early in (
        side_by_side_verdict(step.lhs, step.rhs),
        cross_product_verdict(step.lhs, step.rhs, *shapes),
        conjugate_transpose_verdict(step.lhs, step.rhs),
        own_delta_verdict(step.lhs, step.rhs),
        cited_contradiction(step),
        _valued_power(step.lhs, step.rhs, shapes),
    ):
        if early is not None:
            return early
    return None


def _valued_power(lhs: str, rhs: str, shapes: tuple[dict, ...]) -> dict[str, Any] | None:
    """Held where a power of an undeclared name meets a matrix of numbers written out (above)."""
    for side, other in ((lhs, rhs), (rhs, lhs)):
        powered, matrix = _POWERED_NAME.fullmatch(side), _MATRIX.fullmatch(other)
        if powered is None or matrix is None or any(powered.group("name") in s for s in shapes):
            continue
        cells = [c for row in re.split(r"\\\\", matrix.group("body")) for c in row.split("&") if c.strip()]
        if len(cells) > 1 and all(_NUMBER_CELL.fullmatch(c) for c in cells):
            name = powered.group("name")
            why = f"{side.strip()} set equal to a matrix of numbers: the value of a power of a matrix {name}"
            return verdict("inconclusive", why + " the document does not declare, not judged as a number", "parse")
    return None
