r"""A small random network on which layered_backprop evaluates a step's two sides.

Every layer has the same width (3), so a transposed weight index (``w^{l+1}_{jk}`` for
``w^{l+1}_{kj}``) or a dropped transpose gives a different number rather than a shape
error; layers 0..4 exist, the last one is ``L = 4``. The pre-activation of a layer is computed
with the DOCUMENT's own forward formula (per entry or in vector form, with its own weight
index order), its activation from the document's ``a = \sigma(z)``, and the loss is a random
smooth function of the last layer's activations (the steps judged never write it out).

Derivatives (``\delta`` by its definition, ``\partial C / \partial w^l_{jk}``, ``\partial z^{l+1}_i
/ \partial a^l_k``) are computed by the complex step: the quantity differentiated is given an
imaginary part 1e-20 and the network run forward again; the imaginary part of the result, over
1e-20, is the derivative to machine precision (every function used is analytic). This is
independent of the back-propagation formulas being judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["ACTIVATIONS", "Net", "NotEvaluable", "Roles"]

WIDTH = 3
LAST = 4
STEP = 1e-20


class NotEvaluable(Exception):
    """A side that cannot be evaluated on the network (a shape mismatch, a layer out of range)."""


def _logistic(z: Any, order: int) -> Any:
    s = 1.0 / (1.0 + np.exp(-z))
    return s if order == 0 else s * (1 - s)


def _smooth(z: Any, order: int) -> Any:  # an activation the document leaves open: any smooth one
    t = np.tanh(0.8 * z + 0.1)
    return t + 0.3 * z if order == 0 else 0.8 * (1 - t * t) + 0.3


def _identity(z: Any, order: int) -> Any:  # a layer that applies none (pooling, a linear layer)
    return z if order == 0 else np.ones_like(z)


ACTIVATIONS = {"logistic": _logistic, "smooth": _smooth, "identity": _identity}


@dataclass(frozen=True)
class Roles:
    """What the document's names are: delta, pre-activation, activation, weight, bias, loss,
    and the activation function; ``forward`` is the tree of z at layer l (``entry`` its index
    letter, or None for the vector form)."""

    delta: str
    z: str
    a: str
    weight: str
    bias: str | None
    loss: str
    act: str
    forward: tuple
    entry: str | None
    aliases: dict[str, str] = field(default_factory=dict)
    target: str | None = None  # y of the loss formula a step is judged with
    rows: bool = False  # vectors are rows: the forward pass is z = a W + b

    def role(self, name: str) -> str | None:
        name = self.aliases.get(name, name)
        table = {self.delta: "delta", self.z: "z", self.a: "a", self.weight: "w", self.loss: "loss"}
        if self.bias:
            table[self.bias] = "b"
        if self.target:
            table[self.target] = "y"
        return table.get(name)


class Net:
    """One random network; ``value(tree, layer, indices)`` evaluates a side."""

    def __init__(self, roles: Roles, activation: str, seed: int, formula: tuple | None = None) -> None:
        rng = np.random.default_rng(seed)
        self.roles, self.act = roles, ACTIVATIONS[activation]
        self.params = {("w", x): rng.normal(0, 0.8, (WIDTH, WIDTH)) for x in range(1, LAST + 1)}
        self.params.update({("b", x): rng.normal(0, 0.5, WIDTH) for x in range(1, LAST + 1)})
        self.x = rng.normal(0, 1, WIDTH)
        self.c = rng.normal(0, 1, WIDTH)
        q = rng.normal(0, 0.5, (WIDTH, WIDTH))
        self.q = q + q.T
        self.r = rng.normal(0, 0.5, WIDTH)
        self.y = rng.uniform(0.05, 0.95, WIDTH)  # the target, for the document's loss formula
        # weights of layer 0 too, for a document whose w^l leads from layer l to l+1
        self.params.update({("w", 0): rng.normal(0, 0.8, (WIDTH, WIDTH)), ("b", 0): rng.normal(0, 0.5, WIDTH)})
        self.formula = formula
        self.base = self.run(None)

    # ---------------------------------------------------------------- the forward pass
    def loss(self, a: Any) -> Any:
        if self.formula is not None:  # the document's own loss (a step that writes its target y)
            out = _Eval(self, {"a": {LAST: a}, "z": {}, "params": {}}, LAST, {}).eval(self.formula)
            if np.ndim(out) != 0:
                raise NotEvaluable("a loss that is not a number")
            return out
        return self.c @ a + 0.5 * a @ self.q @ a + self.r @ np.exp(0.5 * a)

    def run(self, perturb: tuple | None) -> dict:
        """z and a of every layer and the loss, with ``perturb`` = (role, layer, flat index)
        given the imaginary step."""
        params = {k: v.astype(complex) for k, v in self.params.items()}
        if perturb and perturb[0] in ("w", "b"):
            params[perturb[0], perturb[1]].flat[perturb[2]] += 1j * STEP
        state: dict = {"params": params, "z": {}, "a": {0: self.x.astype(complex)}}
        if perturb and perturb[:2] == ("a", 0):
            state["a"][0][perturb[2]] += 1j * STEP
        for x in range(1, LAST + 1):
            z = self._forward(state, x)
            if perturb and perturb[:2] == ("z", x):
                z[perturb[2]] += 1j * STEP
            a = self.act(z, 0)
            if perturb and perturb[:2] == ("a", x):
                a[perturb[2]] += 1j * STEP
            state["z"][x], state["a"][x] = z, a
        state["C"] = self.loss(state["a"][LAST])
        return state

    def _forward(self, state: dict, x: int) -> Any:
        ev = _Eval(self, state, x, {})
        if self.roles.entry is None:
            out = ev.vector(ev.eval(self.roles.forward))
            if out.shape != ev.vector(np.zeros(WIDTH)).shape:
                raise NotEvaluable("the forward pass is not a vector")
            return out.ravel().copy()
        vals = []
        for j in range(1, WIDTH + 1):
            ev.idx = {self.roles.entry: j}
            v = ev.eval(self.roles.forward)
            if np.ndim(v) != 0:
                raise NotEvaluable("the forward pass per entry is not a number")
            vals.append(v)
        return np.array(vals, dtype=complex)

    # ---------------------------------------------------------------- derivatives
    def derivative(self, num: tuple | None, den: tuple) -> Any:
        """d num / d den at the base point: num None for the loss; den (role, layer, flat index)."""
        out = self.run(den)
        if num is None:
            return out["C"].imag / STEP
        role, layer, flat = num
        return out[role][layer][flat].imag / STEP

    def value(self, tree: tuple, layer: int, idx: dict[str, int]) -> Any:
        return _Eval(self, self.base, layer, idx).eval(tree)


def _column(v: Any) -> Any:
    if np.ndim(v) == 1:
        return v.reshape(-1, 1)
    return v


class _Eval:
    def __init__(self, net: Net, state: dict, layer: int, idx: dict[str, int]) -> None:
        self.net, self.state, self.layer, self.idx = net, state, layer, idx

    def vector(self, v: Any) -> Any:
        """A vector as a column, or as a row in a document whose forward pass multiplies rows (a W)."""
        if np.ndim(v) != 1:
            return v
        return v.reshape(1, -1) if self.net.roles.rows else v.reshape(-1, 1)

    def eval(self, t: tuple) -> Any:
        kind = t[0]
        if kind == "num":
            return t[1]
        if kind == "var":
            return self.var(t)
        if kind == "add":
            if _literal(t[1]) or _literal(t[2]):  # 1 - a^l, 1 - \sigma(z^l): the number at every entry
                return np.add(self.eval(t[1]), self.eval(t[2]))
            return _same(self.eval(t[1]), self.eval(t[2]), np.add)
        if kind == "neg":
            return -self.eval(t[1])
        if kind == "had":
            return _same(self.eval(t[1]), self.eval(t[2]), np.multiply)
        if kind == "mul":
            return _product(self.eval(t[1]), self.eval(t[2]))
        if kind == "div":
            b = self.eval(t[2])
            if np.ndim(b) != 0:
                raise NotEvaluable("a division by a vector")
            return self.eval(t[1]) / b
        if kind == "pow":
            v = self.eval(t[1])
            if np.ndim(v) != 0:
                raise NotEvaluable("a power of a vector")
            return v ** t[2]
        if kind == "diag":
            v = self.eval(t[1])
            if np.shape(v) not in ((WIDTH, 1), (1, WIDTH)):
                raise NotEvaluable("diag of something not a vector")
            return np.diag(np.ravel(v))
        if kind == "norm":
            v = self.eval(t[1])
            return np.sqrt(np.sum(v * v))  # v * v, not |v|²: analytic, for the complex step
        if kind == "T":
            v = self.eval(t[1])
            return v if np.ndim(v) == 0 else self.vector(v).T
        if kind == "sum":
            return self.summed(t)
        if kind == "call":
            return self.call(t)
        if kind == "d":
            return self.derivative(t)
        if kind == "entry":
            return _entry(self.eval(t[1]), [self.index(i) for i in t[2]])
        raise NotEvaluable(kind)

    def summed(self, t: tuple) -> Any:
        letter = t[1]
        if letter in self.idx:
            raise NotEvaluable("a sum over a bound index")
        total: Any = 0
        for j in range(1, WIDTH + 1):
            inner = _Eval(self.net, self.state, self.layer, {**self.idx, letter: j})
            total = _same(total, inner.eval(t[2]), np.add) if np.ndim(total) else total + inner.eval(t[2])
        return total

    def call(self, t: tuple) -> Any:
        if t[1] != self.net.roles.act or t[2] > 1:
            raise NotEvaluable(f"the function {t[1]}")
        return self.net.act(self.eval(t[3]), t[2])

    def index(self, i: str | int) -> int:
        j = self.idx.get(i) if isinstance(i, str) else i
        if j is None or not 1 <= j <= WIDTH:
            raise NotEvaluable(f"the index {i}")
        return j - 1

    def at(self, layer: tuple | None) -> int:
        if layer is None:
            raise NotEvaluable("a name without its layer")
        x = (self.layer if layer[0] == "l" else LAST) + layer[1]
        if not 0 <= x <= LAST:
            raise NotEvaluable("a layer out of range")
        return x

    def var(self, t: tuple) -> Any:
        _, name, layer, indices = t
        role = self.net.roles.role(name)
        if role in (None, "loss"):
            raise NotEvaluable(f"the name {name}")
        if role == "y":
            if layer is not None:
                raise NotEvaluable("a target with a layer")
            full = self.net.y
            return _entry(full, [self.index(i) for i in indices]) if indices else self.vector(full)
        x = self.at(layer)
        if role == "delta":
            full = np.array([self.net.derivative(None, ("z", x, j)) for j in range(WIDTH)]) if x >= 1 else None
        elif role in ("z", "a"):
            full = self.state[role].get(x)
        else:
            full = self.state["params"].get((role, x)) if "params" in self.state else self.net.params.get((role, x))
        if full is None:
            raise NotEvaluable(f"{name} at layer {x}")
        return _entry(full, [self.index(i) for i in indices]) if indices else self.vector(full)

    def derivative(self, t: tuple) -> Any:
        _, num, den = t
        dname, dlayer, dind = den[1:]
        drole = self.net.roles.role(dname)
        if drole not in ("z", "a", "w", "b"):
            raise NotEvaluable(f"a derivative by {dname}")
        x = self.at(dlayer if dlayer is not None or drole != "a" else ("L", 0))  # \nabla_a C: the output layer
        if drole == "z" and x < 1:
            raise NotEvaluable("a layer out of range")
        shape = (WIDTH, WIDTH) if drole == "w" else (WIDTH,)
        if dind:
            at = tuple(self.index(i) for i in dind) if len(dind) == len(shape) else None
            flats = [int(np.ravel_multi_index(at, shape))] if at is not None else None
        else:
            flats = list(range(int(np.prod(shape))))
        if flats is None:
            raise NotEvaluable("a derivative by a part of a name")
        target = self._numerator(num)
        vals = np.array([self.net.derivative(target, (drole, x, f)) for f in flats])
        if dind:
            if target is not None and len(flats) != 1:
                raise NotEvaluable("a Jacobian")
            return vals[0]
        if target is not None:
            raise NotEvaluable("a Jacobian")
        return self.vector(vals.reshape(shape))

    def _numerator(self, num: tuple) -> tuple | None:
        name, layer, indices = num[1:]
        role = self.net.roles.role(name)
        if role == "loss" and layer is None and not indices:
            return None
        if role not in ("z", "a") or len(indices) != 1:
            raise NotEvaluable(f"a derivative of {name}")
        return (role, self.at(layer), self.index(indices[0]))


def _entry(full: Any, at: list[int]) -> Any:
    if len(at) == 1 and np.ndim(full) == 2 and 1 in np.shape(full):  # [(W^{l+1})^T δ^{l+1}]_j: a column's entry
        full = np.ravel(full)
    if len(at) != np.ndim(full):
        raise NotEvaluable("indices that do not fit")
    return full[tuple(at)]


def _literal(t: tuple) -> bool:
    """A number written as such (1, -1): added to a vector it can only be meant at every entry."""
    return t[0] == "num" or t[0] == "neg" and t[1][0] == "num"


def _same(a: Any, b: Any, op: Any) -> Any:
    if np.ndim(a) != 0 and np.ndim(b) != 0 and np.shape(a) != np.shape(b):
        raise NotEvaluable("shapes that do not fit")
    if (np.ndim(a) == 0) != (np.ndim(b) == 0) and op is np.add:
        raise NotEvaluable("a number added to a vector")
    return op(a, b)


def _product(a: Any, b: Any) -> Any:
    if np.ndim(a) == 0 or np.ndim(b) == 0:
        return a * b
    a, b = _column(a), _column(b)
    if a.shape[1] != b.shape[0]:
        raise NotEvaluable("a product of shapes that do not fit")
    out = a @ b
    return out[0, 0] if out.shape == (1, 1) else out
