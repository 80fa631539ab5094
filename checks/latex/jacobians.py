r"""A side that is a Jacobian alone: ``\frac{\partial z^{(3)}}{\partial a^{(2)}}``,
``\frac{\partial S(\mathbf x)}{\partial \mathbf x}``.

Alone (not in a chain rule) a Jacobian of a vector or matrix has no layout-free value, but it
is still a definite set of numbers: ∂(entry of the numerator)/∂(entry of the variable). Two
such sides are equal when those numbers are, whatever layout each was meant in. Against a
written matrix (``diag(S) − S Sᵀ``), a Jacobian of a vector by a vector is accepted in either
layout (numerator: one row per entry of the numerator; denominator: its transpose); the Jacobian
of an entry-wise map (s = σ(z) of a matrix z) against the matrix of its entries' derivatives
(``ds/dz = s(1-s)``, the usual shorthand). Nothing
here ever makes a step wrong: a per-example reading or another layout might be the document's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from derive.checks.latex.tensor_ops import Dual, NotJudged
from derive.checks.latex.typed_nodes import Deriv

__all__ = ["AS_MATRIX", "EVERY_READING_WRONG", "SCALARS_ONLY", "Jacobian", "full_jacobian", "same_jacobian"]

#: why a Jacobian by a matrix set equal to a matrix is not judged: the scalar reader's proof of
#: the same text (∂(W a + b)/∂W = a) holds for scalars only, so it is no proof of the step
AS_MATRIX = "a Jacobian of a matrix, or by a matrix, written as a matrix (its layout is a convention)"
#: why the scalar judge ran after the undeclared-shapes judge refuted a step under every shape
#: reading it tried (undeclared.py): its wrong stands (a 1×1 counterexample), its ok does not
#: (read as scalars, matrices commute: A B = B A)
EVERY_READING_WRONG = "the sides differ under every reading of the undeclared shapes tried"
#: the reasons after which a scalar proof is no proof of the step
SCALARS_ONLY = (AS_MATRIX, EVERY_READING_WRONG)


@dataclass(frozen=True)
class Jacobian:
    """d[k] = ∂(numerator)/∂(k-th entry of the variable), k over the variable's entries."""

    d: np.ndarray  # (variable entries, numerator rows, numerator columns)
    var_shape: tuple[int, int]

    def numerator_layout(self) -> np.ndarray:
        return self.d.reshape(self.d.shape[0], -1).T


def full_jacobian(ev: Any, side: Any) -> Jacobian:
    """Every entry of ∂num/∂var for a side that is one derivative (``ev``: an Evaluator)."""
    if not isinstance(side, Deriv) or side.num is None or ev.pins:
        raise NotJudged("a Jacobian of a matrix or vector by a matrix or vector (its layout is a convention)")
    target, at = ev.derivative_target(side.var)
    if at is not None or target in ev.world.sample_only:
        # an input sampled only to evaluate definitions (x): d/dx of a formula in x is a
        # scalar step, which the scalar judge proves
        raise NotJudged("a Jacobian of a matrix or vector by a matrix or vector (its layout is a convention)")
    base = ev.name(target)
    rows, cols = base.shape
    seeds = np.eye(rows * cols).reshape(rows * cols, rows, cols)
    num = ev.pinned({target: Dual(base.v, seeds)}).ev(side.num)
    ev.world.flags["tensor"] = True
    return Jacobian(num.dk(rows * cols), (rows, cols))


def same_jacobian(a: Jacobian | Dual, b: Jacobian | Dual) -> bool:
    """Are a Jacobian and the other side the same numbers (see the module docstring)? Raises
    NotJudged when they are not: that is never evidence against the step."""
    if isinstance(a, Dual):
        a, b = b, a
    assert isinstance(a, Jacobian)
    if isinstance(b, Jacobian):
        if a.d.shape == b.d.shape and _close(a.d, b.d):
            return True
        raise NotJudged("the two Jacobians are not the same numbers (in any layout)")
    if not isinstance(b, Dual):
        raise NotJudged(f"a Jacobian against a side that is not evaluated ({b})")
    num_vector = min(a.d.shape[1:]) == 1
    if not (num_vector and min(a.var_shape) == 1):
        entrywise = _entrywise(a)  # ds/dz = s(1 - s) for s = σ(z) taken entry by entry
        if entrywise is None:
            raise NotJudged(AS_MATRIX)
        if entrywise.shape == b.v.shape and _close(entrywise, b.v):
            return True
        raise NotJudged("an entry-wise Jacobian that is not the matrix written (in this judge's reading)")
    layout = a.numerator_layout()
    for candidate in (layout, layout.T):
        if candidate.shape == b.v.shape and _close(candidate, b.v):
            return True
    raise NotJudged("the Jacobian is not the matrix written in either layout")


def _entrywise(a: Jacobian) -> np.ndarray | None:
    """The derivatives of an entry-wise map (each entry of the numerator depends on the same
    entry of the variable alone), as a matrix of the variable's shape; None for any other map
    (a matrix product W a: its Jacobian by W is no matrix)."""
    n = a.d.shape[0]
    if a.d.shape[1:] != a.var_shape:
        return None
    square = a.d.reshape(n, n)
    off = square - np.diag(np.diag(square))
    if not np.all(np.isfinite(square)) or np.abs(off).max(initial=0.0) > 1e-12 * max(1.0, np.abs(square).max()):
        return None
    return np.diag(square).reshape(a.var_shape)


def _close(x: np.ndarray, y: np.ndarray) -> bool:
    scale = max(1.0, float(np.abs(x).max(initial=0.0)), float(np.abs(y).max(initial=0.0)))
    return bool(np.all(np.isfinite(x)) and np.all(np.isfinite(y)) and np.abs(x - y).max(initial=0.0) <= 1e-9 * scale)
