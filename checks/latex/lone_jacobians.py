r"""A Jacobian written alone: ``\frac{\partial S(\mathbf x)}{\partial\mathbf x} = \text{diag}(S) - S S^T``.

∂(vector)/∂(vector) has two layouts in use (numerator: entry (i, j) is ∂y_i/∂x_j, as the seeds
state; denominator: its transpose), and a document rarely says which. A step that equates such
a Jacobian with a matrix is judged with the Jacobian built in each layout and is ``ok`` when it
holds in one of them (the Jacobian of an entry-wise map, diagonal, is also read as its diagonal,
``∂a/∂z = σ'(z)``: the Hadamard convention of most notes); a difference is never a
counterexample (the layout may be a third convention, vectorised matrices). Jacobians inside a
product stay with the chain rule (chain_rule.py), which needs no layout.
"""

from __future__ import annotations

import numpy as np
from derive.checks.latex.tensor_eval import Evaluator, World
from derive.checks.latex.tensor_ops import Dual, JacobianNeeded, NotJudged
from derive.checks.latex.typed_nodes import Deriv, Node, Sym, Transpose

__all__ = ["JACOBIAN", "LAYOUTS", "Jacobians", "in_layout", "mark_jacobians"]

#: the name a lone Jacobian is evaluated under
JACOBIAN = "\\partial@{}"


def mark_jacobians(side: Node, found: dict[str, Deriv]) -> Node:
    """A side that is a derivative (or its transpose) → a name whose value the hook computes."""
    inner = side.x if isinstance(side, Transpose) else side
    if not isinstance(inner, Deriv) or inner.num is None:
        return side
    name = JACOBIAN.format(len(found))
    found[name] = inner
    placeholder = Sym(name, name, "")
    return Transpose(placeholder) if isinstance(side, Transpose) else placeholder


#: the conventions a lone Jacobian is read in, each applied to every Jacobian of the step alike:
#: numerator layout, denominator layout, and an entry-wise map's Jacobian written as its diagonal
#: (``∂a/∂z = σ'(z)`` for a = σ(z)); never as one number (``∂z/∂b = 1`` for a vector b is I, not 1)
LAYOUTS = ("numerator", "denominator", "diagonal")


class Jacobians:
    """The ``prepare`` hook: each marked derivative's value in one layout (see LAYOUTS)."""

    def __init__(self, found: dict[str, Deriv], layout: str) -> None:
        self.found = found
        self.layout = layout

    def __call__(self, world: World) -> None:
        for name, node in self.found.items():
            ev = Evaluator(world)
            try:
                value = ev.ev(node)
            except JacobianNeeded:
                value = in_layout(_jacobian(ev, node), self.layout)
            world.leaves[name] = value
            world.flags["tensor"] = True


def in_layout(jacobian: Dual, layout: str) -> Dual:
    """The numerator-layout Jacobian as the convention writes it; NotJudged where the convention
    does not apply (a map that is not entry-wise has no diagonal form): never a difference."""
    if layout == "numerator":
        return jacobian
    if layout == "denominator":
        return jacobian.T
    square = np.asarray(jacobian.v, dtype=float)
    diagonal = np.diag(square) if square.shape[0] == square.shape[1] else None
    scale = max(1.0, float(np.abs(square).max(initial=0.0)))
    if diagonal is None or np.abs(square - np.diag(diagonal)).max(initial=0.0) > 1e-12 * scale:
        raise NotJudged("a Jacobian that is not diagonal has no entry-wise form")
    return Dual(diagonal.reshape(-1, 1))


def _jacobian(ev: Evaluator, node: Deriv) -> Dual:
    """Entry (i, j) = ∂y_i/∂x_j for a vector y and a vector x (numerator layout)."""
    target, at = ev.derivative_target(node.var)
    base = ev.name(target)
    if at is not None or base is None or min(base.shape) != 1:
        raise NotJudged("a Jacobian with respect to something that is not a vector")
    n = base.size
    seeds = np.eye(n).reshape(n, *base.shape)
    assert node.num is not None
    value = ev.pinned({target: Dual(base.v, seeds)}).ev(node.num)
    if min(value.shape) != 1:
        raise NotJudged("a Jacobian of a matrix")
    tangents = value.dk(n).reshape(n, value.size)  # row j: ∂y/∂x_j
    return Dual(np.array(tangents.T))
