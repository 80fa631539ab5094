r"""A small layered network with random values, for reading per-index backpropagation steps.

Layers 0..top of distinct sizes; z^p = W^p a^{p-1} + b^p, a^p = f(z^p) with a smooth f that is no
textbook activation (tanh(z) + 0.3 z: its derivative is never one a document writes by another
name), and a random smooth loss C of a^top that couples every unit. Every derivative a step can
write between these names (∂C/∂w^p_{jk}, ∂z^{p+1}_k/∂a^p_j, ∂a^p_j/∂z^p_j …) is taken by central
differences on the forward pass, so no rule of backpropagation is assumed: the rules are what a
step is checked against (index_layer_gradients).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["KINDS", "Network"]

#: the quantities of a layer p: pre-activation z, activation a, weight W (n_p × n_{p-1}), bias b
KINDS = ("z", "a", "W", "b")
#: layer sizes by position: distinct, so an index of the wrong layer never fits
SIZES = (3, 4, 5, 6, 7, 8)
_STEP = 1e-6


def activation(z: np.ndarray) -> np.ndarray:
    return np.tanh(z) + 0.3 * z


def activation_slope(z: np.ndarray) -> np.ndarray:
    return 1.0 - np.tanh(z) ** 2 + 0.3


@dataclass
class Network:
    top: int
    seed: int
    weights: list[np.ndarray] = field(default_factory=list)
    biases: list[np.ndarray] = field(default_factory=list)
    inputs: np.ndarray = field(default_factory=lambda: np.zeros(0))
    coupling: tuple[np.ndarray, np.ndarray] = field(default_factory=lambda: (np.zeros(0), np.zeros(0)))
    _cache: dict[tuple, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.top + 1 > len(SIZES):
            raise ValueError("too many layers")
        rng = np.random.default_rng(self.seed)
        sizes = SIZES[: self.top + 1]
        self.weights = [np.zeros((0, 0))] + [rng.normal(size=(sizes[p], sizes[p - 1])) for p in range(1, self.top + 1)]
        self.biases = [np.zeros(0)] + [rng.normal(size=sizes[p]) for p in range(1, self.top + 1)]
        self.inputs = rng.normal(size=sizes[0])
        self.coupling = (rng.normal(size=sizes[self.top]), rng.normal(size=sizes[self.top]))

    def size(self, layer: int) -> int:
        return SIZES[layer]

    def shape(self, kind: str, layer: int) -> tuple[int, ...]:
        if kind == "W":
            return (SIZES[layer], SIZES[layer - 1])
        return (SIZES[layer],)

    def exists(self, kind: str, layer: int) -> bool:
        """Has this network the quantity (no weight, bias or pre-activation below layer 1)?"""
        low = 0 if kind == "a" else 1
        return low <= layer <= self.top

    def value(self, kind: str, layer: int) -> np.ndarray:
        return self._forward(None)[(kind, layer)]

    def loss(self) -> float:
        return float(self._forward(None)[("C", 0)][0])

    def slope(self, layer: int) -> np.ndarray:
        """f'(z^layer)."""
        return activation_slope(self.value("z", layer))

    def derivative(self, num: tuple[str, int], var: tuple[str, int]) -> np.ndarray:
        """∂num/∂var as an array of shape num's shape + var's shape (num ("C", 0): the loss)."""
        key = (num, var)
        if key not in self._cache:
            self._cache[key] = self._differences(num, var)
        return self._cache[key]

    def _differences(self, num: tuple[str, int], var: tuple[str, int]) -> np.ndarray:
        base = self.value(*var)
        out_shape = (1,) if num[0] == "C" else self.shape(*num)
        out = np.zeros(out_shape + base.shape)
        for index in np.ndindex(*base.shape):
            up, down = base.copy(), base.copy()
            up[index] += _STEP
            down[index] -= _STEP
            high = self._forward((var, up))[num]
            low = self._forward((var, down))[num]
            out[(..., *index)] = (high - low) / (2 * _STEP)
        return out[0] if num[0] == "C" else out

    def _forward(self, override: tuple[tuple[str, int], np.ndarray] | None) -> dict[tuple[str, int], np.ndarray]:
        """Every quantity, with one of them set to a given value (the layers above follow it)."""
        if override is None and ("forward",) in self._cache:
            return self._cache[("forward",)]  # type: ignore[return-value]
        given = dict([override]) if override else {}
        values: dict[tuple[str, int], np.ndarray] = {("a", 0): given.get(("a", 0), self.inputs)}
        for p in range(1, self.top + 1):
            weight = given.get(("W", p), self.weights[p])
            bias = given.get(("b", p), self.biases[p])
            values[("W", p)], values[("b", p)] = weight, bias
            values[("z", p)] = given.get(("z", p), weight @ values[("a", p - 1)] + bias)
            values[("a", p)] = given.get(("a", p), activation(values[("z", p)]))
        last = values[("a", self.top)]
        first, second = self.coupling
        values[("C", 0)] = np.array([np.sum(np.cos(first * last)) + 0.5 * float(second @ last) ** 2])
        if override is None:
            self._cache[("forward",)] = values  # type: ignore[assignment]
        return values
