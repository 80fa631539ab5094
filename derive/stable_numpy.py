"""Numerically stable float and NumPy forms of the named functions (derive.functions' records
point here): exp of a non-positive number only, log1p for small arguments, ±inf instead of an
OverflowError, the value at a jump passed in explicitly."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = [
    "float_exp",
    "float_heaviside",
    "float_log",
    "float_sigmoid",
    "float_sign",
    "float_softplus",
    "np_heaviside",
    "np_sigmoid",
    "overflow_to_inf",
]


def np_sigmoid(x):
    # Stable in both tails: exp of a non-positive number only.
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def float_sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def float_softplus(x: float) -> float:
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def float_exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return math.inf


def float_log(x: float) -> float:
    if x > 0:
        return math.log(x)
    return -math.inf if x == 0 else math.nan


def float_heaviside(x: float, h0: float = 0.5) -> float:
    return 1.0 if x > 0 else 0.0 if x < 0 else h0


def np_heaviside(x, h0=0.5):
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, 1.0, np.where(x < 0, 0.0, h0))


def float_sign(x: float) -> float:
    return 1.0 if x > 0 else -1.0 if x < 0 else 0.0


def overflow_to_inf(f: Callable[[float], float], limit: Callable[[float], float]) -> Callable[[float], float]:
    """math.sinh/cosh raise on overflow; NumPy gives ±inf, and so must the float form."""

    def g(x: float) -> float:
        try:
            return f(x)
        except OverflowError:
            return limit(x)

    return g
