"""The seeds' notation at symbolic shape, shared by every statement of the catalogue.

These objects are for PRINTING (the LaTeX report and the generated NumPy reference); no
verdict is ever taken from SymPy's matrix calculus on them. The proofs work on explicit
matrices of symbols built by each identity's ``build``.

Two layouts, as in IDENTITIES.md:

- batch / row layout (seeds 000, 002, 003, 004): X ∈ ℝ^{N×D}, W1 ∈ ℝ^{D×H}, b1 ∈ ℝ^{H×1},
  W2 ∈ ℝ^{H×C}, b2 ∈ ℝ^{C×1}, Δ ∈ {0,1}^{N×C} one-hot rows, and
  z2 = X W1 + 1 b1ᵀ, a2 = rect(z2) element-wise, z3 = a2 W2 + 1 b2ᵀ, P = ψ(z3) row-wise.
  Biases are columns; their gradients are columns too: ∂J/∂b2 = (P − Δ)ᵀ1 / N, which is the
  transpose of IDENTITIES.md's row 1ᵀ(P − Δ)/N (the same numbers).
- column layout (seed 001): x ∈ ℝ^d, W^{(1)} ∈ ℝ^{dₕ×d}, hᵃ = W^{(1)}x + b^{(1)},
  hˢ = LeakyReLU_α(hᵃ), oᵃ = W^{(2)}hˢ + b^{(2)}, W^{(2)} ∈ ℝ^{m×dₕ}, oˢ = S(oᵃ), e_y = onehot(y).

Names are Python identifiers (so NumPy code printed from them is valid); ``NAME_TABLE``
maps each name to the LaTeX the seeds print (W1 → W^{(1)}); ``latex`` applies it.
Element-wise functions of matrices are ``.applyfunc(relu)``, ``.applyfunc(step)``
(Heaviside(·, 0) = 1{· > 0}), ``.applyfunc(sign)``: SymPy ``ElementwiseApplyFunction``
objects whose ``.function`` is a ``Lambda`` of one of derive.functions' functions.
Softmax is ``RowSoftmax`` (ψ, each row of a matrix) or ``ColSoftmax`` (S, a column vector);
printers handle them with ``_print_RowSoftmax`` / ``_print_ColSoftmax`` methods (the classes
define no ``_numpycode`` on purpose, so that a printer's own method wins).
"""

from __future__ import annotations

from typing import Literal

import sympy as sp
from sympy.core.sympify import _sympify
from sympy.matrices.expressions.matexpr import MatrixExpr
from sympy.matrices.expressions.special import OneMatrix

from derive.functions import leaky_relu, leaky_relu_prime, relu, step

__all__ = [
    "NAME_TABLE", "RowSoftmax", "ColSoftmax", "Grad", "Norm", "latex", "symbol_names",
    "N", "D", "H", "C", "X", "W1", "b1", "W2", "b2", "Delta", "lam", "lam11", "lam12", "lam21", "lam22",
    "ones_N", "z2", "a2", "z3", "P", "relu_mask", "J", "batch_loss", "batch_gradients",
    "d", "d_h", "m", "x", "W1c", "b1c", "W2c", "b2c", "e_y", "alpha", "h_a", "h_s", "o_a", "o_s",
    "column_loss", "column_gradients", "Penalty",
]


# --------------------------------------------------------------------------- classes


class _Softmax(MatrixExpr):
    """Softmax of a matrix expression, normalised along one axis (display and entries)."""

    _axis = 1
    _letter = r"\psi"

    def __new__(cls, arg):
        arg = _sympify(arg)
        return sp.Basic.__new__(cls, arg)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    @property
    def shape(self):
        return self.arg.shape

    def _entry(self, i, j, **kwargs):
        if isinstance(self.arg, sp.MatrixBase):  # explicit: the entry of the explicit softmax
            return _explicit_softmax(sp.Matrix(self.arg), self._axis)[i, j]
        k = sp.Dummy("k", integer=True)
        if self._axis == 1:
            total = sp.Sum(sp.exp(self.arg[i, k]), (k, 0, self.arg.shape[1] - 1))
        else:
            total = sp.Sum(sp.exp(self.arg[k, j]), (k, 0, self.arg.shape[0] - 1))
        return sp.exp(self.arg[i, j]) / total

    def doit(self, **hints):
        arg = self.arg.doit(**hints) if hints.get("deep", True) else self.arg
        if isinstance(arg, sp.MatrixBase):
            return _explicit_softmax(sp.Matrix(arg), self._axis)
        return type(self)(arg)

    def _latex(self, printer) -> str:
        return rf"{self._letter}\left({printer._print(self.arg)}\right)"

    def _sympystr(self, printer) -> str:
        return f"{type(self).__name__}({printer._print(self.arg)})"


class RowSoftmax(_Softmax):
    """ψ(Z): softmax of each row of Z (the batch layout's P = ψ(z3))."""

    _axis = 1
    _letter = r"\psi"


class ColSoftmax(_Softmax):
    """S(v): softmax of a column vector (the column layout's oˢ = S(oᵃ))."""

    _axis = 0
    _letter = "S"


def _explicit_softmax(m: sp.Matrix, axis: int) -> sp.Matrix:
    out = sp.zeros(*m.shape)
    if axis == 1:
        for i in range(m.rows):
            total = sp.Add(*[sp.exp(m[i, k]) for k in range(m.cols)])
            for j in range(m.cols):
                out[i, j] = sp.exp(m[i, j]) / total
    else:
        for j in range(m.cols):
            total = sp.Add(*[sp.exp(m[k, j]) for k in range(m.rows)])
            for i in range(m.rows):
                out[i, j] = sp.exp(m[i, j]) / total
    return out


class Grad(sp.Expr):
    """∂f/∂w for display: the left side of a gradient claim, printed \\frac{\\partial f}{\\partial w}."""

    def __new__(cls, f, wrt):
        return sp.Basic.__new__(cls, _sympify(f), _sympify(wrt))

    @property
    def f(self) -> sp.Basic:
        return self.args[0]

    @property
    def wrt(self) -> sp.Basic:
        return self.args[1]

    def _latex(self, printer) -> str:
        return rf"\frac{{\partial {printer._print(self.f)}}}{{\partial {printer._print(self.wrt)}}}"

    def _sympystr(self, printer) -> str:
        return f"d({printer._print(self.f)})/d({printer._print(self.wrt)})"


class Norm(sp.Expr):
    """‖v‖_p (``squared``: ‖v‖_p²) of a vector or of a matrix's entries, for display; ``doit``
    on an explicit matrix gives Σ|vᵢ| (p = 1) or Σ vᵢ² (p = 2, squared)."""

    def __new__(cls, arg, p=2, squared=False):
        return sp.Basic.__new__(cls, _sympify(arg), sp.Integer(p), sp.true if squared else sp.false)

    @property
    def arg(self) -> sp.Basic:
        return self.args[0]

    @property
    def p(self) -> int:
        return int(self.args[1])

    @property
    def squared(self) -> bool:
        return bool(self.args[2])

    def doit(self, **hints):
        arg = self.arg.doit(**hints) if hints.get("deep", True) else self.arg
        if isinstance(arg, sp.MatrixBase):
            if self.p == 1:
                return sp.Add(*[sp.Abs(e) for e in arg])
            total = sp.Add(*[e**2 for e in arg])
            return total if self.squared else sp.sqrt(total)
        return Norm(arg, self.p, self.squared)

    def _latex(self, printer) -> str:
        out = rf"\left\lVert {printer._print(self.arg)} \right\rVert_{{{int(self.p)}}}"
        return out + "^{2}" if self.squared else out

    def _sympystr(self, printer) -> str:
        return f"Norm({printer._print(self.arg)}, {int(self.p)}{', squared' if self.squared else ''})"


# --------------------------------------------------------------------------- batch layout

N, D, H, C = sp.symbols("N D H C", integer=True, positive=True)
X = sp.MatrixSymbol("X", N, D)
W1 = sp.MatrixSymbol("W1", D, H)
b1 = sp.MatrixSymbol("b1", H, 1)
W2 = sp.MatrixSymbol("W2", H, C)
b2 = sp.MatrixSymbol("b2", C, 1)
Delta = sp.MatrixSymbol("Delta", N, C)
lam = sp.Symbol("lam", positive=True)
lam11, lam12, lam21, lam22 = sp.symbols("lam11 lam12 lam21 lam22", positive=True)
ones_N = OneMatrix(N, 1)

z2 = X * W1 + ones_N * b1.T
a2 = z2.applyfunc(relu)
z3 = a2 * W2 + ones_N * b2.T
P = RowSoftmax(z3)
#: 1{z2 > 0} element-wise: rect'(z2) by relu-derivative (value 0 at 0).
relu_mask = z2.applyfunc(step)
#: Display symbols for the losses.
J = sp.Symbol("J")
J_tilde = sp.Symbol("J_tilde")

#: "l2": λ(‖W1‖² + ‖W2‖²) (seeds 003/004); "half-l2": ½λ(‖W1‖² + ‖W2‖²) (CS231n code);
#: "elastic": λ11‖W1‖₁ + λ12‖W1‖² + λ21‖W2‖₁ + λ22‖W2‖² (001 Q2(q)); "none": no penalty.
Penalty = Literal["none", "l2", "half-l2", "elastic"]


def _sq_norm(w: sp.MatrixSymbol) -> sp.Expr:
    """‖W‖₂² = tr(WᵀW) (the sum of squared entries)."""
    return sp.Trace(w.T * w)


def _l1_norm(w: sp.MatrixSymbol) -> sp.Expr:
    """‖W‖₁ = Σᵢⱼ |Wᵢⱼ| = tr(sign(W)ᵀ W)."""
    return sp.Trace(sp.MatMul(sp.Transpose(w.applyfunc(sp.sign)), w))


def _penalty(penalty: Penalty) -> sp.Expr:
    if penalty == "none":
        return sp.S.Zero
    if penalty == "l2":
        return lam * (_sq_norm(W1) + _sq_norm(W2))
    if penalty == "half-l2":
        return lam / 2 * (_sq_norm(W1) + _sq_norm(W2))
    if penalty == "elastic":
        return lam11 * _l1_norm(W1) + lam12 * _sq_norm(W1) + lam21 * _l1_norm(W2) + lam22 * _sq_norm(W2)
    raise ValueError(f"unknown penalty {penalty!r}")


def _penalty_gradient(penalty: Penalty, w: sp.MatrixSymbol) -> sp.MatrixExpr:
    if penalty == "none":
        return sp.ZeroMatrix(*w.shape)
    if penalty == "l2":
        return 2 * lam * w
    if penalty == "half-l2":
        return lam * w
    if penalty == "elastic":
        l1, l2 = (lam11, lam12) if w == W1 else (lam21, lam22)
        return l1 * w.applyfunc(sp.sign) + 2 * l2 * w
    raise ValueError(f"unknown penalty {penalty!r}")


def batch_loss(penalty: Penalty = "l2") -> sp.Expr:
    """J̃ = −(1/N) Σᵢⱼ Δᵢⱼ log Pᵢⱼ + penalty (one-hot Δ picks −log P[i, yᵢ])."""
    data = -sp.Trace(Delta.T * P.applyfunc(sp.log)) / N
    return data + _penalty(penalty)


def batch_gradients(penalty: Penalty = "l2") -> dict[str, sp.MatrixExpr]:
    """The back-propagated gradients of ``batch_loss(penalty)``, complete expressions in
    X, W1, b1, W2, b2, Δ, λ (or λ11 … λ22) and N. Keys: z3, z2, W1, b1, W2, b2."""
    d_z3 = (P - Delta) / N
    d_z2 = sp.HadamardProduct(d_z3 * W2.T, relu_mask)
    return {
        "z3": d_z3,
        "z2": d_z2,
        "W2": sp.MatAdd(sp.MatMul(sp.Transpose(a2), d_z3), _penalty_gradient(penalty, W2)),
        "b2": sp.MatMul(sp.Transpose(d_z3), ones_N),
        "W1": sp.MatAdd(sp.MatMul(X.T, d_z2), _penalty_gradient(penalty, W1)),
        "b1": sp.MatMul(sp.Transpose(d_z2), ones_N),
    }


# --------------------------------------------------------------------------- column layout

d, d_h, m = sp.symbols("d d_h m", integer=True, positive=True)
x = sp.MatrixSymbol("x", d, 1)
W1c = sp.MatrixSymbol("W1c", d_h, d)
b1c = sp.MatrixSymbol("b1c", d_h, 1)
W2c = sp.MatrixSymbol("W2c", m, d_h)
b2c = sp.MatrixSymbol("b2c", m, 1)
e_y = sp.MatrixSymbol("e_y", m, 1)
alpha = sp.Symbol("alpha", positive=True)
L = sp.Symbol("L")

h_a = W1c * x + b1c


def _leaky_lambda(a: sp.Expr) -> sp.Lambda:
    t = sp.Dummy("t", real=True)
    return sp.Lambda(t, leaky_relu(t, a))


def _leaky_prime_lambda(a: sp.Expr) -> sp.Lambda:
    t = sp.Dummy("t", real=True)
    return sp.Lambda(t, leaky_relu_prime(t, a))


h_s = h_a.applyfunc(_leaky_lambda(alpha))
o_a = W2c * h_s + b2c
o_s = ColSoftmax(o_a)


def column_loss() -> sp.Expr:
    """L(x, y) = −log oˢ_y = −tr(e_yᵀ log S(oᵃ)) (a 1×1 trace, so a scalar)."""
    return -sp.Trace(e_y.T * o_s.applyfunc(sp.log))


def column_gradients() -> dict[str, sp.MatrixExpr]:
    """∂L/∂· for the column layout (001 Q2(g)–(p)), each in terms of the forward quantities.
    Keys: o_a, W2, b2, h_s, h_a, W1, b1, x."""
    g_oa = o_s - e_y
    g_hs = W2c.T * g_oa
    g_ha = sp.HadamardProduct(g_hs, h_a.applyfunc(_leaky_prime_lambda(alpha)))
    return {
        "o_a": g_oa,
        "W2": sp.MatMul(g_oa, sp.Transpose(h_s)),
        "b2": g_oa,
        "h_s": g_hs,
        "h_a": g_ha,
        "W1": g_ha * x.T,
        "b1": g_ha,
        "x": W1c.T * g_ha,
    }


# --------------------------------------------------------------------------- printing

#: Name of a symbol / MatrixSymbol → the LaTeX the seeds print for it.
NAME_TABLE: dict[str, str] = {
    "X": "X",
    "W1": "W^{(1)}",
    "b1": "b^{(1)}",
    "W2": "W^{(2)}",
    "b2": "b^{(2)}",
    "Delta": r"\Delta",
    "lam": r"\lambda",
    "lam11": r"\lambda_{11}",
    "lam12": r"\lambda_{12}",
    "lam21": r"\lambda_{21}",
    "lam22": r"\lambda_{22}",
    "N": "N",
    "D": "D",
    "H": "H",
    "C": "C",
    "J": "J",
    "J_tilde": r"\tilde{J}",
    "x": r"\mathbf{x}",
    "W1c": r"\mathbf{W}^{(1)}",
    "b1c": r"\mathbf{b}^{(1)}",
    "W2c": r"\mathbf{W}^{(2)}",
    "b2c": r"\mathbf{b}^{(2)}",
    "e_y": r"\operatorname{onehot}(y)",
    "alpha": r"\alpha",
    "d": "d",
    "d_h": "d_h",
    "m": "m",
    "L": "L",
    "n": "n",
    # Names used by the catalogue's other statements (derive/identities/*).
    "o": r"\mathbf{o}^{a}",
    "z3": "z^{(3)}",
    "Rhat": r"\hat{R}",
    "theta": r"\theta",
    "A": "A",
    "W": "W",
    "Wl": "W^{(l)}",
    "h_s": r"\mathbf{h}^{s}",
    "h_a": r"\mathbf{h}^{a}",
    "lam1": r"\lambda_{l1}",
    "lam2": r"\lambda_{l2}",
    "g": r"\mathbf{g}",
    "c": "c",
    "J_S": r"\left(\frac{\partial S(\mathbf{x})}{\partial \mathbf{x}}\right)",
    "J_sigma": r"\left(\frac{\partial \sigma(\mathbf{x})}{\partial \mathbf{x}}\right)",
}


def symbol_names(expr: sp.Basic) -> dict[sp.Basic, str]:
    """``symbol_names`` for ``sympy.latex``: every symbol of ``expr`` named in NAME_TABLE."""
    found = expr.atoms(sp.Symbol, sp.MatrixSymbol)
    return {s: NAME_TABLE[s.name] for s in found if s.name in NAME_TABLE}


def latex(expr: sp.Basic, **settings) -> str:
    """``sympy.latex`` with the seeds' names."""
    names = symbol_names(expr)
    names.update(settings.pop("symbol_names", {}))
    return sp.latex(expr, symbol_names=names, **settings)
