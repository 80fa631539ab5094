r"""The two sides of an equation have one shape: a hook for the shape solver.

``\frac{\partial \mathcal L}{\partial W^L} = (\hat y - y)(a^{L-1})^\top`` with none of W^L, ŷ, y
or a^{L-1} declared: each side alone leaves its sizes free, so the solver gave the left side
W^L's two fresh sizes and the right side two others, and the worlds drew them different ("shapes
differ: left side is 5×6, right side is 7×9"). The step says they are equal, so the sides'
sizes are unified (:mod:`derive.checks.latex.shape_inference`), as a sum's two terms are. A
column against a row of one length is a gradient in the other layout (the judge compares those
as equal): their lengths are unified, not rows with rows. A scalar side is left alone (a number
against a matrix is the evaluator's finding). Only sizes nobody declared are merged; two declared
sizes never are (the solver refuses), so a step that does not fit its declarations still does not.
"""

from __future__ import annotations

from derive.checks.latex.shape_inference import ShapeSolver

__all__ = ["unify_sides"]

Shape = tuple[int, int]


def unify_sides(solver: ShapeSolver, a: Shape | None, b: Shape | None) -> None:
    """Unify the shapes of the two sides in ``solver`` (nothing when either is unknown)."""
    if a is None or b is None or solver.is_scalar(a) or solver.is_scalar(b):
        return

    def one(k: int) -> bool:
        return solver.label.get(solver.find(k)) == "1"

    if one(a[1]) and one(b[0]):  # a column against a row
        solver.unify(a[0], b[1])
    elif one(a[0]) and one(b[1]):  # a row against a column
        solver.unify(a[1], b[0])
    else:
        solver.same(a, b)
