r"""A name one side writes, with a shape but no value: ``\frac{e^{z_i}}{\sum_j e^{z_j}} - … = q_i - …``.

A post that says "the softmax maps a vector z ∈ ℝ^K to a vector q ∈ ℝ^K" and later writes
``\frac{e^{z_i}}{\sum_{j} e^{z_j}} - \nabla_{z_i}z_{y} = q_i - \nabla_{z_i}z_{y}`` (held-out 31)
names the softmax's entry q_i in that step: q has a declared shape and no formula. The matrix
judge samples every declared name it has no definition for, so the step differed wherever the
random q was not the softmax, and was called wrong. The scalar judge never calls a step whose
sides use different symbols wrong (it may be a definition, or need context the step does not
state); the same now holds here for a name that

- one side writes and the other side, which writes names of its own (``\|x\| = 0`` is a claim about
  x, not a name introduced), neither writes nor reaches through the definitions it uses,
- has a shape (declared by the document or the notation) but no definition, and
- is not inside a derivative (∂L/∂W = Xᵀδ: W leaves the right side by being differentiated, and
  what is differentiated is related to the other side by the document's dependences).

and when the other side writes names of its own that this side lacks (the sides use different
symbols, as a step that writes q_i in the place of e^{z_i}/Σ_j e^{z_j} does). A ``wrong`` that
such a name takes part in is inconclusive, naming it, unless a guard that knows more holds it back
first (the checker applies this one last). ``\|x\| = 0`` (a number on the other side) and ``A =
A^T B`` (B beside A, nothing written in its place) are claims and stay wrong.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.results import ONE_SIDED
from derive.checks.latex.shape_infer import reached_names
from derive.checks.latex.typed_nodes import Deriv, Node, Sym, all_nodes

__all__ = ["names_in", "one_sided_verdict"]


def names_in(node: Any) -> set[Sym]:
    """Every name (Sym) written in a node, its subscripts' names included."""
    return {item for item in all_nodes(node) if isinstance(item, Sym)}


def _in_derivatives(node: Any) -> set[str]:
    """The stems and full names of the names written inside a derivative (what is differentiated,
    and by what)."""
    inside = (n for d in all_nodes(node) if isinstance(d, Deriv) for n in names_in(d))
    return {key for n in inside for key in (n.stem, n.full)}


def _one_sided(sides: tuple[Node, Node], defs: dict[str, Node], declared: set[str]) -> str | None:
    """The first name of the module docstring's kind, or None."""
    differentiated = _in_derivatives(sides[0]) | _in_derivatives(sides[1])
    reach = [set(reached_names((side, side), defs)) for side in sides]
    names = [names_in(side) for side in sides]

    def own_name(n: Sym, k: int) -> bool:
        """Written on side k and not as such on the other (z_j against z_i, z_y counts), nor reached
        there, nor differentiated (by its full name), nor defined."""
        other = {m.full for m in names[1 - k]} | reach[1 - k]
        return n.full not in other | differentiated and not {n.stem, n.full} & set(defs)

    own = [{n for n in names[k] if own_name(n, k)} for k in (0, 1)]
    if not (own[0] and own[1]):
        return None  # ‖x‖ = 0, A = A^T B: a claim about names, not one written in another's place
    for k in (0, 1):
        stems = {m.stem for m in names[1 - k]} | reach[1 - k]
        for name in sorted(own[k], key=lambda n: n.full):
            if {name.stem, name.full} & declared and not {name.stem, name.full} & stems:
                return name.full
    return None


def one_sided_verdict(
    verdict: dict[str, Any], sides: tuple[Node, Node], defs: dict[str, Node], declared: set[str]
) -> dict[str, Any]:
    """``verdict``, a ``wrong`` that a one-sided declared name takes part in marked with why it is no
    verdict (``ONE_SIDED``): the checker holds it back last, after the guards that know more."""
    if verdict["status"] != "wrong":
        return verdict
    name = _one_sided(sides, defs, declared)
    if name is None:
        return verdict
    why = (
        f"; but {name} is written on one side only and the document gives it a shape, not a value: a"
        " definition, or a step that needs context"
    )
    return {**verdict, ONE_SIDED: why}
