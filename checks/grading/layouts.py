"""Parameter layouts: the row layout of CS231n (W1 D×H, W2 H×C, X W1 + b1) and the column
layout of the UCLA template (W1 H×D, W2 C×H, X W1ᵀ + b1), first-class in IDENTITIES.md.

The grader judges everything in the row layout. A submission written for the column layout
is run through ``ColumnLayout``, which hands it the transposed weights and transposes its
weight gradients back, so every check, mistake and counterexample stays in one layout; the
report names the layout the submission was graded in.

Detection (``detect_layout``) is by the parameters' shapes: the toy problem (D = 4, H = 10,
C = 3, no two sizes equal) fed in the row layout makes a column-layout submission raise
(X W1ᵀ does not fit) or return W1-shaped gradients of shape H×D; fed in the column layout it
runs and returns gradients of its parameters' shapes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["LAYOUTS", "ColumnLayout", "to_column", "to_row"]

LAYOUTS = ("auto", "row", "column")
_WEIGHTS = ("W1", "W2")


def to_column(params: dict[str, Any]) -> dict[str, Any]:
    """Row-layout parameters (or gradients) in the column layout: weights transposed."""
    return {
        k: (np.ascontiguousarray(v.T) if k in _WEIGHTS and getattr(v, "ndim", 0) == 2 else v) for k, v in params.items()
    }


def to_row(grads: dict[str, Any]) -> dict[str, Any]:
    """Column-layout gradients in the row layout (a transpose is its own inverse)."""
    return to_column(grads)


class ColumnLayout:
    """A runner that speaks the column layout to ``runner`` and the row layout to the grader."""

    def __init__(self, runner: Any) -> None:
        self.inner = runner
        self.api = getattr(runner, "api", "")

    @property
    def last_mutated(self) -> list[str]:
        return list(getattr(self.inner, "last_mutated", []) or [])

    @property
    def last_loss_dtype(self) -> str | None:
        return getattr(self.inner, "last_loss_dtype", None)

    def loss_and_grads(self, params: dict, X: np.ndarray, y: np.ndarray, reg: float) -> tuple[Any, dict]:
        loss, grads = self.inner.loss_and_grads(to_column(params), X, y, reg)
        return loss, to_row(dict(grads)) if isinstance(grads, dict) else grads

    def losses(self, params_list: list[dict], X: np.ndarray, y: np.ndarray, reg: float) -> list[float]:
        return self.inner.losses([to_column(p) for p in params_list], X, y, reg)

    def scores(self, params: dict, X: np.ndarray) -> np.ndarray:
        return self.inner.scores(to_column(params), X)

    def output(self) -> str:
        return self.inner.output()
