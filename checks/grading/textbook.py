"""The textbook backward pass of the two-layer network, rebuilt from the reference's forward
intermediates (z2, a2, z3, P of ``derive.generated.mlp_reference.forward``) with any one step
replaceable: the mistakes of ``derive.checks.grading.mistakes`` are this pass with one step
changed. The test suite checks that with no step changed it reproduces the reference's
``loss_and_grads`` (IDENTITIES.md batch-grad-*).

Also the scales of rounding noise (``magnitudes``, ``loss_magnitude``): the sums of the
absolute values of the terms each entry is made of.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from derive.checks.grading.problems import Problem

__all__ = [
    "Parts",
    "backward",
    "kink_masks",
    "loss_magnitude",
    "magnitudes",
    "parts",
    "penalty_factor",
    "reference_loss",
]


def penalty_factor(convention: str) -> float:
    """The factor k of the penalty gradient kλW: 2 for λ‖W‖², 1 for ½λ‖W‖²."""
    return {"l2": 2.0, "half-l2": 1.0}[convention]


@dataclass(frozen=True)
class Parts:
    """The reference forward intermediates of one problem."""

    problem: Problem
    z2: np.ndarray
    a2: np.ndarray
    z3: np.ndarray
    P: np.ndarray
    onehot: np.ndarray

    @property
    def N(self) -> int:
        return self.problem.X.shape[0]

    def data_loss(self) -> float:
        # From the logits with the max-shift (log P underflows to -inf at large logits).
        shifted = self.z3 - self.z3.max(axis=1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(self.N), self.problem.y].mean())

    def squared_norms(self) -> float:
        p = self.problem.params
        return float(np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))


@functools.lru_cache(maxsize=64)
def parts(problem: Problem) -> Parts:
    """The forward intermediates, computed once per problem (problems compare by identity;
    the fixed ones are shared by every grade of a process)."""
    from derive.generated import mlp_reference

    f = mlp_reference.forward(problem.copy_params(), problem.X.copy())
    C = problem.params["W2"].shape[1]
    onehot = np.zeros((problem.X.shape[0], C))
    onehot[np.arange(problem.X.shape[0]), problem.y] = 1.0
    return Parts(problem, f["z2"], f["a2"], f["z3"], f["P"], onehot)


def backward(
    pt: Parts,
    k: float,
    *,
    dz3: np.ndarray | None = None,
    mask: np.ndarray | None = None,
    reg: float | None = None,
    penalty: dict[str, np.ndarray] | None = None,
    bias_sum: Callable[[np.ndarray], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Gradients of mean cross-entropy + (k/2)·reg·(‖W1‖² + ‖W2‖²), with any step replaced."""
    p = pt.problem.params
    lam = pt.problem.reg if reg is None else reg
    dz3 = (pt.P - pt.onehot) / pt.N if dz3 is None else dz3
    mask = (pt.z2 > 0).astype(float) if mask is None else mask
    total = bias_sum or (lambda d: d.sum(axis=0))
    if penalty is None:
        penalty = {"W1": k * lam * p["W1"], "W2": k * lam * p["W2"]}
    dz2 = (dz3 @ p["W2"].T) * mask
    return {
        "W1": pt.problem.X.T @ dz2 + penalty["W1"],
        "b1": total(dz2),
        "W2": pt.a2.T @ dz3 + penalty["W2"],
        "b2": total(dz3),
    }


def magnitudes(pt: Parts, k: float) -> dict[str, np.ndarray]:
    """Per entry, the sum of the absolute values of the terms of its gradient (the backward
    pass with every factor replaced by its absolute value): the scale of its rounding noise."""
    p = pt.problem.params
    lam = abs(pt.problem.reg)
    dz3 = np.abs(pt.P - pt.onehot) / pt.N
    dz2 = dz3 @ np.abs(p["W2"]).T
    return {
        "W1": np.abs(pt.problem.X).T @ dz2 + abs(k) * lam * np.abs(p["W1"]),
        "b1": dz2.sum(axis=0),
        "W2": np.abs(pt.a2).T @ dz3 + abs(k) * lam * np.abs(p["W2"]),
        "b2": dz3.sum(axis=0),
    }


def loss_magnitude(pt: Parts, k: float) -> float:
    """The scale of the loss's rounding noise: logits and penalty in absolute value."""
    z = np.abs(pt.z3)
    return float(
        np.mean(z.max(axis=1) + z[np.arange(pt.N), pt.problem.y])
        + 0.5 * abs(k) * abs(pt.problem.reg) * pt.squared_norms()
    )


def reference_loss(pt: Parts, k: float, reg: float | None = None) -> float:
    lam = pt.problem.reg if reg is None else reg
    return pt.data_loss() + 0.5 * k * lam * pt.squared_norms()


def kink_masks(pt: Parts) -> list[np.ndarray]:
    """The ReLU masks a correct submission may use: 1{z2 > 0}, and 1{z2 ≥ 0} at a kink."""
    masks = [(pt.z2 > 0).astype(float)]
    if np.any(pt.z2 == 0):
        masks.append((pt.z2 >= 0).astype(float))
    return masks
