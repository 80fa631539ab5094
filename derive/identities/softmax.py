"""Softmax: 001 Q1(j), Q1(k), Q1(l), Q2(c); 000, 003 point a.

S(x)ᵢ = e^{xᵢ} / Σⱼ e^{xⱼ} is written out from the definition (``functions.softmax``); the
Jacobians are SymPy derivatives of it (``gradient``), never the formula being proved.
Proved element-wise for n ≤ 8 (n ≤ 16 is timed by the benchmark) and, for
``softmax-partials``, in index form for every n (``derive.checks.proof.index_form``).
"""

from __future__ import annotations

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE
from derive.functions import sigmoid, softmax
from derive.identities._common import SEED_000, SEED_001, SEED_003, hadamard, minus, mm, src
from derive.identity import Claim, Identity, Variable, gradient

TOPIC = "softmax"
BOUNDS = {"n": 8}
n = sp.Symbol("n", integer=True, positive=True)
x_vec = sp.MatrixSymbol("x", n, 1)
g_vec = sp.MatrixSymbol("g", n, 1)
S_x = nt.ColSoftmax(x_vec)

x = Variable("x", "real", ("n",), latex=r"\mathbf{x}")
g = Variable("g", "real", ("n",), latex=r"\mathbf{g}")
c = Variable("c", "real", latex="c")


# Index forms: x and g are IndexedBase, S_i = e^{x_i} / Σ_{k=1}^{n} e^{x_k}; SymPy
# differentiates them (∂x_k/∂x_j = δ_kj) and derive.checks.proof.index_form proves them for every n.
_xb = sp.IndexedBase("x", real=True)
_gb = sp.IndexedBase("g", real=True)
_ii, _jj, _kk = sp.symbols("i j k", integer=True)


def _S_index(t, shift=0):
    return sp.exp(_xb[t] + shift) / sp.Sum(sp.exp(_xb[_kk] + shift), (_kk, 1, n))


def _partials_index():
    """∂S_i/∂x_j against S_i δ_ij − S_i S_j, for every n and 1 ≤ i, j ≤ n."""
    return sp.diff(_S_index(_ii), _xb[_jj]), _S_index(_ii) * sp.KroneckerDelta(_ii, _jj) - _S_index(_ii) * _S_index(_jj)


def _jacobian_index():
    """Entry (i, j) of ∂S/∂x against entry (i, j) of diag(S) − SSᵀ."""
    return sp.diff(_S_index(_ii), _xb[_jj]), sp.KroneckerDelta(_ii, _jj) * _S_index(_jj) - _S_index(_ii) * _S_index(_jj)


def _vjp_index():
    """Entry j of (∂S/∂x)ᵀg = Σ_i ∂S_i/∂x_j g_i against S_j (g_j − Σ_i S_i g_i)."""
    lhs = sp.Sum(sp.diff(_S_index(_ii), _xb[_jj]) * _gb[_ii], (_ii, 1, n))
    return lhs, _S_index(_jj) * (_gb[_jj] - sp.Sum(_S_index(_ii) * _gb[_ii], (_ii, 1, n)))


def _shift_index():
    """S(x + c·1)_i against S(x)_i."""
    return _S_index(_ii, sp.Symbol("c", real=True)), _S_index(_ii)


def _simplex_index():
    """Σ_i S_i against 1 (positivity is element-wise: e^{x_i} > 0 over a sum of such)."""
    return sp.Sum(_S_index(_ii), (_ii, 1, n)), sp.S.One




def _simplex(v, sizes):
    s = softmax(v["x"])
    # sign(Sₖ) evaluates to 1 from SymPy's assumptions (e^{real} > 0, sums and quotients of
    # positives are positive); the last entry is Σₖ Sₖ, decided by cancel.
    lhs = sp.Matrix([sp.sign(e) for e in s] + [sp.Add(*s)])
    return Claim(lhs, sp.ones(len(s) + 1, 1), v)


CATALOGUE.register(Identity(
    id="softmax-simplex",
    title="Softmax outputs are positive and sum to 1",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(c)"),),
    variables=(x,),
    build=_simplex,
    size_bounds=BOUNDS,
    index_form=_simplex_index,
    statement=lambda: ((sp.OneMatrix(1, n) * S_x), sp.OneMatrix(1, 1)),
    derivation=r"\sum_k \frac{e^{x_k}}{\sum_j e^{x_j}} = 1,\quad \frac{e^{x_k}}{\sum_j e^{x_j}} > 0",
    convention="Left side: (sign S(x)₁, …, sign S(x)ₙ, Σₖ S(x)ₖ); right side: all ones.",
))


def _shift(v, sizes):
    xs = v["x"]
    return Claim(softmax(xs + v["c"] * sp.ones(len(xs), 1)), softmax(xs), v)


CATALOGUE.register(Identity(
    id="softmax-shift-invariance",
    title="Softmax is invariant to adding a constant to every input",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1 (definition of S)"), src(SEED_000, "point a")),
    variables=(x, c),
    build=_shift,
    size_bounds=BOUNDS,
    index_form=_shift_index,
    statement=lambda: (nt.ColSoftmax(x_vec + sp.Symbol("c") * sp.OneMatrix(n, 1)), S_x),
    derivation=r"\frac{e^{x_i+c}}{\sum_j e^{x_j+c}} = \frac{e^c e^{x_i}}{e^c\sum_j e^{x_j}}",
    convention="Justifies the max-shift x − max(x) in the generated code.",
))


def _jacobian(xs: sp.Matrix) -> sp.Matrix:
    return gradient(softmax(xs), xs)


def _partials(v, sizes):
    xs = v["x"]
    s = softmax(xs)
    k = len(xs)
    rhs = sp.Matrix(k, k, lambda i, j: s[i] * (1 if i == j else 0) - s[i] * s[j])
    return Claim(_jacobian(xs), rhs, v, function=s, wrt=xs)


_i, _j = sp.symbols("i j", integer=True)

CATALOGUE.register(Identity(
    id="softmax-partials",
    title="Partial derivatives of softmax",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(j)"), src(SEED_003, "point a")),
    variables=(x,),
    build=_partials,
    size_bounds=BOUNDS,
    statement=lambda: (
        nt.Grad(S_x[_i, 0], x_vec[_j, 0]),
        S_x[_i, 0] * sp.KroneckerDelta(_i, _j) - S_x[_i, 0] * S_x[_j, 0],
    ),
    index_form=_partials_index,
    derivation=r"\frac{\partial S_i}{\partial x_j} = \frac{e^{x_i}\mathbf{1}\{i=j\}}{\sum_k e^{x_k}}"
               r" - \frac{e^{x_i}e^{x_j}}{(\sum_k e^{x_k})^2}",
))


def _jacobian_claim(v, sizes):
    xs = v["x"]
    s = softmax(xs)
    return Claim(_jacobian(xs), minus(sp.diag(*s), mm(s, s.T)), v, function=s, wrt=xs)


CATALOGUE.register(Identity(
    id="softmax-jacobian",
    title="The softmax Jacobian in matrix form",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(k)"),),
    variables=(x,),
    build=_jacobian_claim,
    size_bounds=BOUNDS,
    index_form=_jacobian_index,
    statement=lambda: (nt.Grad(S_x, x_vec), sp.DiagMatrix(S_x) - S_x * S_x.T),
    uses=("softmax-partials",),
))


def _softmax_vjp(v, sizes):
    xs, gs = v["x"], v["g"]
    s = softmax(xs)
    sg = mm(s.T, gs)[0, 0]
    rhs = hadamard(s, gs.applyfunc(lambda t: t - sg))
    # (∂S/∂x)ᵀg = ∇ₓ(gᵀS(x)): the finite-difference oracle differentiates gᵀS(x).
    return Claim(mm(_jacobian(xs).T, gs), rhs, v, function=sg, wrt=xs)


CATALOGUE.register(Identity(
    id="softmax-vjp-linear",
    title="The softmax vector-Jacobian product in O(n)",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(l)"),),
    variables=(x, g),
    build=_softmax_vjp,
    size_bounds=BOUNDS,
    index_form=_vjp_index,
    statement=lambda: (
        sp.Transpose(sp.MatrixSymbol("J_S", n, n)) * g_vec,
        sp.HadamardProduct(S_x, g_vec - (S_x.T * g_vec)[0, 0] * sp.OneMatrix(n, 1)),
    ),
    derivation=r"(\operatorname{diag}(S) - SS^T)^T g = S\odot g - S(S^Tg)",
    uses=("softmax-jacobian",),
))


def _sigmoid_vjp(v, sizes):
    xs, gs = v["x"], v["g"]
    # σ from its definition 1/(1 + e^{-x}), element-wise, differentiated by SymPy.
    f = xs.applyfunc(lambda t: 1 / (1 + sp.exp(-t)))
    s = xs.applyfunc(sigmoid)
    rhs = hadamard(hadamard(s, s.applyfunc(lambda t: 1 - t)), gs)
    return Claim(mm(gradient(f, xs).T, gs), rhs, v, function=mm(gs.T, f)[0, 0], wrt=xs)


def _sigmoid_statement():
    t = sp.Dummy("t", real=True)
    s = x_vec.applyfunc(sp.Lambda(t, sigmoid(t)))
    return (
        sp.Transpose(sp.MatrixSymbol("J_sigma", n, n)) * g_vec,
        sp.HadamardProduct(s, sp.OneMatrix(n, 1) - s, g_vec),
    )



CATALOGUE.register(Identity(
    id="sigmoid-vjp-linear",
    title="The element-wise sigmoid's vector-Jacobian product in O(n)",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(l)"),),
    variables=(x, g),
    build=_sigmoid_vjp,
    size_bounds=BOUNDS,
    statement=_sigmoid_statement,
    derivation=r"\frac{\partial \sigma(x)_i}{\partial x_j} = \sigma(x_i)(1-\sigma(x_i))\mathbf{1}\{i=j\}",
    uses=("sigmoid-derivative",),
))
