"""Values with derivatives for :mod:`derive.checks.latex.tensor_eval`, and what a product, a sum
and a known function mean once the shapes are known.

A :class:`Dual` is a 2-D float64 array ``v`` (a scalar is 1×1, a vector a column n×1) with an
optional batch of tangents ``d`` of shape (K, rows, cols): the derivatives of ``v`` along K
directions of one pinned variable (all its entries at once). Forward mode on NumPy was chosen
over PyTorch's autograd because importing torch takes 2-5 s on the shared machine, more than
the whole budget of a document; the rules below are the textbook ones, one line each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "NotJudged",
    "ShapeMismatch",
    "Dual",
    "add",
    "apply_function",
    "broadcast",
    "const",
    "power",
    "product",
    "scalar",
    "shape_of",
]


class NotJudged(Exception):
    """The typed path cannot judge this step; the message says why."""


class ShapeMismatch(NotJudged):
    """Two shapes that do not fit (a product, a sum, a comparison); ``sizes`` are the two sizes
    that disagree, where one pair is to blame (the inner sizes of a product)."""

    def __init__(self, message: str, sizes: tuple[int, int] | None = None) -> None:
        super().__init__(message)
        self.sizes = sizes


class LooseShapes(NotJudged):
    """Shapes that do not fit inside a derivative's numerator (∂(W a + b)/∂W written in the
    other layout): documents are loose there, so it is not an error of the step by itself."""


class JacobianNeeded(NotJudged):
    """∂(matrix)/∂(matrix) alone: only a chain rule around it gives it a layout-free meaning."""


@dataclass(frozen=True)
class Dual:
    v: np.ndarray
    d: np.ndarray | None = None  # (K, rows, cols) or None for a constant

    @property
    def shape(self) -> tuple[int, int]:
        return self.v.shape  # type: ignore[return-value]

    @property
    def size(self) -> int:
        return int(self.v.size)

    def dk(self, k: int) -> np.ndarray:
        """The tangents, zeros when constant (K directions)."""
        return self.d if self.d is not None else np.zeros((k, *self.v.shape))

    @property
    def T(self) -> Dual:  # noqa: N802 - reads like the mathematics
        return Dual(self.v.T, None if self.d is None else self.d.transpose(0, 2, 1))

    def __neg__(self) -> Dual:
        return Dual(-self.v, None if self.d is None else -self.d)

    def part(self, r: int | None, c: int | None) -> Dual:
        """Entry (r, c), or row r / column c when the other is None (``W_{k,:}``)."""
        rows = slice(None) if r is None else slice(r, r + 1)
        cols = slice(None) if c is None else slice(c, c + 1)
        return Dual(self.v[rows, cols], None if self.d is None else self.d[:, rows, cols])


def const(v: np.ndarray) -> Dual:
    return Dual(np.asarray(v, dtype=np.float64))


def scalar(value: float) -> Dual:
    return Dual(np.array([[float(value)]]))


def shape_of(x: Dual) -> str:
    return "scalar" if x.size == 1 else "×".join(map(str, x.shape))


def _k(*xs: Dual) -> int | None:
    return next((x.d.shape[0] for x in xs if x.d is not None), None)


def _expand(x: Dual, shape: tuple[int, int], row: bool = False) -> Dual:
    v = x.v.reshape(1, -1) if row else x.v
    d = None if x.d is None else (x.d.reshape(x.d.shape[0], 1, -1) if row else x.d)
    return Dual(np.broadcast_to(v, shape), None if d is None else np.broadcast_to(d, (d.shape[0], *shape)))


def broadcast(a: Dual, b: Dual, what: str) -> tuple[Dual, Dual]:
    """Equal shapes, a scalar against anything, or a bias vector added to every row
    (``XW + b`` in the row layout: N×H plus a vector of H) or, as a column, to every column
    (``WX + b`` with one example per column: H×m plus an H×1 column, see bias_layout)."""
    if a.shape == b.shape:
        return a, b
    if a.size == 1:
        return _expand(a, b.shape), b
    if b.size == 1:
        return a, _expand(b, a.shape)
    if _is_row_of(b, a):
        return a, _expand(b, a.shape, row=True)
    if _is_row_of(a, b):
        return _expand(a, b.shape, row=True), b
    if _is_column_of(b, a):  # a bias column added to every column (W A + b, one example per column)
        return a, _expand(b, a.shape, row=False)
    if _is_column_of(a, b):
        return _expand(a, b.shape, row=False), b
    differ = [(x, y) for x, y in zip(a.shape, b.shape, strict=False) if x != y]
    raise ShapeMismatch(f"{shape_of(a)} and {shape_of(b)} do not fit in '{what}'", differ[0] if differ else None)


def _is_row_of(v: Dual, m: Dual) -> bool:
    return min(m.shape) > 1 and min(v.shape) == 1 and v.size == m.shape[1]


def _is_column_of(v: Dual, m: Dual) -> bool:
    return min(m.shape) > 1 and v.shape == (m.shape[0], 1)


def add(a: Dual, b: Dual) -> Dual:
    a, b = broadcast(a, b, "+")
    k = _k(a, b)
    return Dual(a.v + b.v, None if k is None else a.dk(k) + b.dk(k))


def hadamard(a: Dual, b: Dual) -> Dual:
    a, b = broadcast(a, b, "⊙")
    k = _k(a, b)
    return Dual(a.v * b.v, None if k is None else a.dk(k) * b.v + a.v * b.dk(k))


def matmul(a: Dual, b: Dual) -> Dual:
    k = _k(a, b)
    return Dual(a.v @ b.v, None if k is None else a.dk(k) @ b.v + a.v @ b.dk(k))


def divide(a: Dual, b: Dual) -> Dual:
    a, b = broadcast(a, b, "/")
    k = _k(a, b)
    if np.any(b.v == 0):
        raise NotJudged("a division by zero at the sampled values")
    return Dual(a.v / b.v, None if k is None else (a.dk(k) * b.v - a.v * b.dk(k)) / b.v**2)


def power(a: Dual, e: Dual) -> Dual:
    exponent = float(e.v.reshape(-1)[0])
    if np.any(a.v <= 0) and (e.d is not None or not exponent.is_integer()):
        raise NotJudged("a power with a non-positive base")
    if np.any(a.v == 0) and exponent < 0:
        raise NotJudged("a division by zero at the sampled values")
    v = a.v**exponent
    k = _k(a, e)
    if k is None:
        return Dual(v)
    d = exponent * a.v ** (exponent - 1) * a.dk(k)
    if e.d is not None:
        d = d + v * np.log(a.v) * e.d
    return Dual(v, d)


def _column(x: Dual) -> Dual:
    return x if x.shape[1] == 1 else x.T


def product(a: Dual, b: Dual, kind: str, flags: dict[str, bool]) -> Dual:
    """juxtaposition / ``\\cdot``: scalar, matrix or (for ``\\cdot`` between equal shapes that
    cannot be multiplied) element-wise product; ``\\odot``: element-wise; ``/``: by a scalar
    or element-wise."""
    if kind == "div":
        if b.size == 1 or a.shape == b.shape:
            return divide(a, b)
        raise ShapeMismatch(f"{shape_of(a)} divided by {shape_of(b)}")
    if kind == "outer":
        if min(a.shape) != 1 or min(b.shape) != 1:
            raise NotJudged("⊗ of matrices (a Kronecker product?)")
        return matmul(_column(a), _column(b).T)
    if kind == "hadamard" or a.size == 1 or b.size == 1:
        return hadamard(a, b)
    if a.shape[1] == b.shape[0]:
        if kind == "cdot" and a.shape == b.shape:
            flags["ambiguous"] = True  # A · B of two square matrices: matrix or element-wise?
        return matmul(a, b)
    if kind == "cdot" and a.shape == b.shape:
        return hadamard(a, b)
    raise ShapeMismatch(f"a {shape_of(a)} times a {shape_of(b)}", (a.shape[1], b.shape[0]))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))  # no overflow warning for large |x|


def _dsigmoid(x: np.ndarray) -> np.ndarray:
    return _sigmoid(x) * (1 - _sigmoid(x))


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0, x)


_F = Callable[[np.ndarray], np.ndarray]
_Rule = tuple[_F, _F, _F | None]
#: value, first derivative, second derivative (None: the derivative of f' is not needed/known)
_ELEMENTWISE: dict[str, _Rule] = {
    "sigmoid": (_sigmoid, lambda x: _dsigmoid(x), lambda x: _dsigmoid(x) * (1 - 2 * _sigmoid(x))),
    "tanh": (np.tanh, lambda x: 1 - np.tanh(x) ** 2, lambda x: -2 * np.tanh(x) * (1 - np.tanh(x) ** 2)),
    "exp": (np.exp, np.exp, np.exp),
    "log": (np.log, lambda x: 1 / x, lambda x: -1 / x**2),
    "softplus": (_softplus, _sigmoid, lambda x: _sigmoid(x) * (1 - _sigmoid(x))),
    "relu": (lambda x: np.maximum(x, 0), lambda x: (x > 0).astype(float), np.zeros_like),
    "step": (lambda x: (x > 0).astype(float), np.zeros_like, np.zeros_like),
    "heaviside": (lambda x: (x > 0).astype(float), np.zeros_like, np.zeros_like),
    "abs": (np.abs, np.sign, np.zeros_like),
    "sign": (np.sign, np.zeros_like, np.zeros_like),
    "sqrt": (np.sqrt, lambda x: 0.5 / np.sqrt(x), None),
    # the trigonometric and hyperbolic functions a notation may name (worked examples apply cos as an activation)
    "sin": (np.sin, np.cos, lambda x: -np.sin(x)),
    "cos": (np.cos, lambda x: -np.sin(x), lambda x: -np.cos(x)),
    "sinh": (np.sinh, np.cosh, np.sinh),
    "cosh": (np.cosh, np.sinh, np.cosh),
}
_DOMAIN = {"log": lambda x: np.all(x > 0), "sqrt": lambda x: np.all(x > 0)}


def _elementwise(fn: str, x: Dual, prime: int) -> Dual:
    value, first, second = _ELEMENTWISE[fn]
    if fn in _DOMAIN and not _DOMAIN[fn](x.v):
        raise NotJudged(f"{fn} outside its domain at the sampled values")
    f, df = (first, second) if prime else (value, first)
    if df is None and x.d is not None:
        raise NotJudged(f"the derivative of {fn}'")
    return Dual(f(x.v), None if x.d is None else df(x.v) * x.d)  # type: ignore[misc]


def _leaky(x: Dual, alpha: Dual, prime: int) -> Dual:
    pos = x.v >= 0
    if prime:
        v = np.where(pos, 1.0, alpha.v)
        return Dual(v, None if alpha.d is None else np.where(pos, 0.0, alpha.d))
    v = np.where(pos, x.v, alpha.v * x.v)
    k = _k(x, alpha)
    return Dual(v, None if k is None else np.where(pos, x.dk(k), alpha.v * x.dk(k) + alpha.dk(k) * x.v))


def _softmax(x: Dual) -> Dual:
    axis = 0 if x.shape[1] == 1 else 1  # a column vector over its entries; a matrix row by row
    z = x.v - x.v.max(axis=axis, keepdims=True)
    s = np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)
    if x.d is None:
        return Dual(s)
    return Dual(s, s * (x.d - (s * x.d).sum(axis=axis + 1, keepdims=True)))


def _largest_entry(fn: str, x: Dual) -> Dual:
    """``\\max(z)`` of a vector: its largest (or smallest) entry, a number. Of a matrix the
    axis is a convention (numpy's whole array, or each row, or each column): not judged."""
    if min(x.shape) != 1:
        raise NotJudged(f"{fn} of a {shape_of(x)}: over all entries, its rows or its columns?")
    k = int(np.argmax(x.v) if fn == "max" else np.argmin(x.v))
    d = None if x.d is None else x.d.reshape(x.d.shape[0], -1)[:, k].reshape(-1, 1, 1)
    return Dual(np.asarray(x.v.reshape(-1)[k]).reshape(1, 1), d)


def _reduce(fn: str, x: Dual) -> Dual:
    if fn == "sum":
        return Dual(x.v.sum().reshape(1, 1), None if x.d is None else x.d.sum(axis=(1, 2)).reshape(-1, 1, 1))
    if x.shape[0] != x.shape[1]:
        raise ShapeMismatch(f"the trace of a {shape_of(x)}")
    d = None if x.d is None else np.trace(x.d, axis1=1, axis2=2).reshape(-1, 1, 1)
    return Dual(np.trace(x.v).reshape(1, 1), d)


def _diag(x: Dual) -> Dual:
    if min(x.shape) != 1:
        raise ShapeMismatch(f"diag of a {shape_of(x)}")
    n = x.size
    d = None
    if x.d is not None:
        d = np.zeros((x.d.shape[0], n, n))
        d[:, range(n), range(n)] = x.d.reshape(x.d.shape[0], n)
    return Dual(np.diag(x.v.reshape(-1)), d)


def apply_function(fn: str, args: list[Dual], prime: int) -> Dual:
    if fn in _ELEMENTWISE and len(args) == 1:
        return _elementwise(fn, args[0], prime)
    if fn == "leaky_relu" and len(args) == 2 and args[1].size == 1:
        return _leaky(args[0], _expand(args[1], args[0].shape), prime)
    if fn in ("max", "min") and len(args) == 2 and not prime:
        a, b = broadcast(args[0], args[1], fn)
        pick = (a.v >= b.v) if fn == "max" else (a.v <= b.v)
        k = _k(a, b)
        return Dual(np.where(pick, a.v, b.v), None if k is None else np.where(pick, a.dk(k), b.dk(k)))
    if not prime and len(args) == 1:
        if fn in ("max", "min"):
            return _largest_entry(fn, args[0])
        if fn == "softmax":
            if args[0].size == 1:
                raise NotJudged("softmax of a single entry (softmax(o)_k, or softmax(o_k)?)")
            return _softmax(args[0])
        if fn in ("sum", "trace"):
            return _reduce(fn, args[0])
        if fn == "diag":
            return _diag(args[0])
    raise NotJudged(f"the function {fn}{chr(39) * prime} with {len(args)} argument(s)")
