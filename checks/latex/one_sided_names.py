r"""A name one side writes, with a shape but no value: ``\frac{e^{z_i}}{\sum_j e^{z_j}} - … = q_i - …``.

A post that says "the softmax maps a vector z ∈ ℝ^K to a vector q ∈ ℝ^K" and later writes
``\frac{e^{z_i}}{\sum_{j} e^{z_j}} - \nabla_{z_i}z_{y} = q_i - \nabla_{z_i}z_{y}`` (held-out 31)
names the softmax's entry q_i in that step: q has a declared shape and no formula. The matrix
judge samples every declared name it has no definition for, so the step differed wherever the
random q was not the softmax, and was called wrong. The scalar judge never calls a step whose
sides use different symbols wrong (it may be a definition, or need context the step does not
state); the same now holds here for a name that

- one side writes and the other side neither writes nor reaches through the definitions it uses,
- has a shape (declared by the document or the notation) but no definition, and
- is not inside a derivative (∂L/∂W = Xᵀδ: W leaves the right side by being differentiated, and
  what is differentiated is related to the other side by the document's dependences).

A ``wrong`` that such a name takes part in is inconclusive, naming it. Steps whose names are the
same on both sides, or reached through the document's definitions, are judged as before.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.shape_infer import reached_names
from derive.checks.latex.typed_nodes import Cond, Deriv, Node, Sym

__all__ = ["names_in", "one_sided_verdict"]


def names_in(node: Any) -> set[Sym]:
    """Every name (Sym) written in a node, its subscripts' names included."""
    found: set[Sym] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Sym):
            found.add(item)
        elif isinstance(item, Node | tuple | Cond):
            stack.extend(getattr(item, "__dict__", {}).values() if not isinstance(item, tuple) else item)
    return found


def _in_derivatives(node: Any) -> set[str]:
    """The stems of the names written inside a derivative (what is differentiated, and by what)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Deriv):
            found |= {n.stem for n in names_in(item)} | {n.full for n in names_in(item)}
        elif isinstance(item, Node | tuple | Cond):
            stack.extend(getattr(item, "__dict__", {}).values() if not isinstance(item, tuple) else item)
    return found


def _one_sided(sides: tuple[Node, Node], defs: dict[str, Node], declared: set[str]) -> str | None:
    """The first name of the module docstring's kind, or None."""
    differentiated = _in_derivatives(sides[0]) | _in_derivatives(sides[1])
    for side, other in (sides, sides[::-1]):
        mentioned = {k for n in names_in(other) for k in (n.stem, n.full)} | set(reached_names((other, other), defs))
        for name in sorted(names_in(side), key=lambda n: n.full):
            keys = {name.stem, name.full}
            if keys & (differentiated | mentioned | set(defs)) or not keys & declared:
                continue
            return name.full
    return None


def one_sided_verdict(
    verdict: dict[str, Any], sides: tuple[Node, Node], defs: dict[str, Node], declared: set[str]
) -> dict[str, Any]:
    """``verdict``, or inconclusive when it is a ``wrong`` a one-sided declared name takes part in."""
    if verdict["status"] != "wrong":
        return verdict
    name = _one_sided(sides, defs, declared)
    if name is None:
        return verdict
    why = (
        f"{verdict['message']}; but {name} is written on one side only and the document gives it a shape, not a"
        " value: a definition, or a step that needs context"
    )
    return {**verdict, "status": "inconclusive", "counterexample": None, "message": why}
