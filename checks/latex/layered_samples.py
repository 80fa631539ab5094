"""Both sides of a layered back-propagation step evaluated on sample networks (layered_net), for
layered_backprop: every entry (each free index over the layer's units), layers l = 2 and 3, two
random networks, each activation the document may mean."""

from __future__ import annotations

from typing import Any

import numpy as np
from derive.checks.latex.layered_net import LAST, WIDTH, Net, NotEvaluable, Roles

__all__ = ["evaluate"]


def evaluate(sides: tuple, free: list[str], activations: tuple[str, ...], roles: Roles, formula: Any) -> tuple | None:
    """("ok",) when the sides agree at every sample, ("differ", (where, left, right, transposed))
    when they differ under every activation tried, ("mixed",) when under some only; None when
    nothing could be evaluated."""
    lhs, rhs = sides
    outcomes = [_evaluate_one(lhs, rhs, free, (roles, activation, formula)) for activation in activations]
    if any(o is None for o in outcomes):
        return None
    if all(o[0] == "ok" for o in outcomes):
        return ("ok",)
    if len({o[0] for o in outcomes}) == 1:  # all differ (or all only at the last layer)
        return outcomes[0]
    return ("mixed",)


def _evaluate_one(lhs: tuple, rhs: tuple, free: list[str], how: tuple) -> tuple | None:
    roles, activation, formula = how
    agreed = 0
    for seed in (1, 2):
        try:
            net = Net(roles, activation, seed, formula)
        except NotEvaluable:
            return None
        for layer in (2, 3):
            for combo in np.ndindex(*([WIDTH] * len(free))):
                idx = {k: int(v) + 1 for k, v in zip(free, combo, strict=True)}
                try:
                    left, right = net.value(lhs, layer, idx), net.value(rhs, layer, idx)
                except NotEvaluable:
                    continue
                if np.shape(left) != np.shape(right):
                    return None
                if np.allclose(left, right, rtol=1e-7, atol=1e-9):
                    agreed += 1
                    continue
                difference = _difference(left, right, {"l": layer, **idx}, seed, activation)
                if _holds_at(net, (lhs, rhs), free, LAST):
                    return ("last", difference)  # "for the output layer l, δ^l = …": BP1 written with l
                return ("differ", difference)
    return ("ok",) if agreed else None


def _holds_at(net: Net, sides: tuple, free: list[str], layer: int) -> bool:
    """Whether the step holds at every entry where both sides have a value at this layer (and one
    at least)."""
    agreed = 0
    for combo in np.ndindex(*([WIDTH] * len(free))):
        idx = {k: int(v) + 1 for k, v in zip(free, combo, strict=True)}
        try:
            left, right = net.value(sides[0], layer, idx), net.value(sides[1], layer, idx)
        except NotEvaluable:
            continue
        if np.shape(left) != np.shape(right) or not np.allclose(left, right, rtol=1e-7, atol=1e-9):
            return False
        agreed += 1
    return agreed > 0


def _difference(left: Any, right: Any, where: dict, seed: int, activation: str) -> tuple:
    where = {**where, "network": seed, "activation": activation}
    transposed = np.ndim(left) == 2 and np.allclose(left, np.transpose(right), rtol=1e-7, atol=1e-9)
    if np.ndim(left) == 0:
        return where, float(np.real(left)), float(np.real(right)), transposed
    k = int(np.argmax(np.abs(np.asarray(left) - np.asarray(right))))
    entry = np.unravel_index(k, np.shape(left))
    where = {**where, "entry": tuple(int(e) + 1 for e in entry)}
    return where, float(np.real(np.asarray(left)[entry])), float(np.real(np.asarray(right)[entry])), transposed
