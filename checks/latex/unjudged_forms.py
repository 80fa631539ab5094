r"""Forms a step is not judged in, each with its reason, asked before any reader runs.

- ``\sum x_i = 23 \quad \sum x_i^2 = 267``, ``[s \quad 1]``: statements or columns set apart by a
  wide space (side_by_side.py);
- ``g_*(v\times w)`` of declared vectors: a cross product (cross_products.py);
- ``\delta_{ij} = s_j - s_i``: the document's own δ, not Kronecker's (own_deltas.py);
- "a false equation (like $0=1$)": a contradiction the text cites (cited_contradictions.py).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.cited_contradictions import cited_contradiction
from derive.checks.latex.cross_products import cross_product_verdict
from derive.checks.latex.own_deltas import own_delta_verdict
from derive.checks.latex.side_by_side import side_by_side_verdict

__all__ = ["unjudged_form"]


def unjudged_form(step: Any, notation: Any) -> dict[str, Any] | None:
    """The verdict of the first form above the step is written in; None when it is in none."""
    shapes = (notation.shapes, notation.sample_shapes)
    for early in (
        side_by_side_verdict(step.lhs, step.rhs),
        cross_product_verdict(step.lhs, step.rhs, *shapes),
        own_delta_verdict(step.lhs, step.rhs),
        cited_contradiction(step),
    ):
        if early is not None:
            return early
    return None
