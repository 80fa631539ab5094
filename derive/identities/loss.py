"""Cross-entropy: 001 Q2(d), Q2(f), Q2(g); 000, 002, 003, 004 point a.

Labels are symbolic one-hot vectors / rows (entries summing to 1): one proof covers every
label at once. The index forms of ``ce-gradient-logits`` and ``batch-ce-gradient-z3`` are
proved for every size by ``derive.checks.proof.index_form``.
"""

from __future__ import annotations

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE
from derive.functions import softmax
from derive.identities._common import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    ce_rows,
    explicit_softmax_rows,
    src,
)
from derive.identity import Claim, Identity, Variable, gradient

TOPIC = "loss"
m_sym = sp.Symbol("m", integer=True, positive=True)
o_vec = sp.MatrixSymbol("o", m_sym, 1)

o = Variable("o", "real", ("m",), latex=r"\mathbf{o}^{a}")
e = Variable("e_y", "onehot-rows", ("m",), latex=r"\operatorname{onehot}(y)")


def _ce(os: sp.Matrix, labels: sp.Matrix) -> sp.Expr:
    """L = −log S(o)_y = −Σ_c e_c log S(o)_c for a one-hot e (the definition)."""
    s = softmax(os)
    return sp.Add(*[-labels[c] * sp.log(s[c]) for c in range(len(os))])


def _ce_logits(v, sizes):
    # One entry per label y: −log S(o)_y against −o_y + log Σ_j e^{o_j}.
    os = v["o"]
    s = softmax(os)
    lse = sp.log(sp.Add(*[sp.exp(t) for t in os]))
    lhs = sp.Matrix([-sp.log(s[y]) for y in range(len(os))])
    return Claim(lhs, sp.Matrix([-os[y] + lse for y in range(len(os))]), v)


_y = sp.Symbol("y", integer=True)
_k = sp.Symbol("j", integer=True)

CATALOGUE.register(Identity(
    id="cross-entropy-logits",
    title="Cross-entropy of softmax in terms of the logits",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(d)"),),
    variables=(o,),
    build=_ce_logits,
    size_bounds={"m": 8},
    statement=lambda: (
        -sp.log(nt.ColSoftmax(o_vec)[_y, 0]),
        -o_vec[_y, 0] + sp.log(sp.Sum(sp.exp(o_vec[_k, 0]), (_k, 0, m_sym - 1))),
    ),
    derivation=r"-\log\frac{e^{o_y}}{\sum_j e^{o_j}} = -o_y + \log\sum_j e^{o_j}",
    convention="Checked for every label y at once (one entry per y).",
))


def _ce_gradient(v, sizes):
    os, labels = v["o"], v["e_y"]
    L = _ce(os, labels)
    return Claim(gradient(L, os), softmax(os) - labels, v, function=L, wrt=os)


def _ce_gradient_index():
    """∂/∂o_j of −log(e^{o_y} / Σ_k e^{o_k}) for symbolic m, label y and index j, against
    S_j − δ_{j,y}."""
    j, k, y = sp.symbols("j k y", integer=True)
    ob = sp.IndexedBase("o", real=True)
    total = sp.Sum(sp.exp(ob[k]), (k, 1, m_sym))
    L = -sp.log(sp.exp(ob[y]) / total)
    return sp.diff(L, ob[j]), sp.exp(ob[j]) / total - sp.KroneckerDelta(j, y)


CATALOGUE.register(Identity(
    id="ce-gradient-logits",
    title="Gradient of the cross-entropy with respect to the logits",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(g)"),),
    variables=(o, e),
    build=_ce_gradient,
    size_bounds={"m": 8},
    statement=lambda: (nt.Grad(nt.L, o_vec), nt.ColSoftmax(o_vec) - sp.MatrixSymbol("e_y", m_sym, 1)),
    index_form=_ce_gradient_index,
    derivation=r"\frac{\partial L}{\partial o_k} = -\mathbf{1}\{k=y\} + \frac{e^{o_k}}{\sum_j e^{o_j}}",
    uses=("cross-entropy-logits",),
))

Z3 = Variable("z3", "real", ("N", "C"), latex="z^{(3)}")
DELTA = Variable("Delta", "onehot-rows", ("N", "C"), latex=r"\Delta")
_z3 = sp.MatrixSymbol("z3", nt.N, nt.C)


def _batch_ce(v, sizes):
    z, labels = v["z3"], v["Delta"]
    n = sizes["N"]
    J = ce_rows(z, labels) / n
    return Claim(gradient(J, z), (explicit_softmax_rows(z) - labels) / n, v, function=J, wrt=z)


def _batch_ce_index():
    """J = −(1/N) Σ_{r=1}^{N} log(e^{z_{r,y_r}} / Σ_{c=1}^{C} e^{z_{r,c}}), differentiated by
    SymPy with respect to z_{p,q}, against (ψ(z)_{p,q} − Δ_{p,q}) / N with Δ_{p,q} = δ(q, y_p)."""
    p, q, r, c = sp.symbols("p q r c", integer=True)
    zb = sp.IndexedBase("z", real=True)
    yb = sp.IndexedBase("y", integer=True)
    N, C = nt.N, nt.C

    def total(row):
        return sp.Sum(sp.exp(zb[row, c]), (c, 1, C))

    J = -sp.Sum(sp.log(sp.exp(zb[r, yb[r]]) / total(r)), (r, 1, N)) / N
    return sp.diff(J, zb[p, q]), (sp.exp(zb[p, q]) / total(p) - sp.KroneckerDelta(q, yb[p])) / N


CATALOGUE.register(Identity(
    id="batch-ce-gradient-z3",
    title="Gradient of the mean batch cross-entropy with respect to z3",
    topic=TOPIC,
    sources=(src(SEED_004, "Q2(a)"), src(SEED_000, "point a"), src(SEED_002, "point a"), src(SEED_003, "point a")),
    variables=(Z3, DELTA),
    build=_batch_ce,
    size_bounds={"N": 3, "C": 4},
    statement=lambda: (nt.Grad(nt.J, _z3), (nt.RowSoftmax(_z3) - nt.Delta) / nt.N),
    index_form=_batch_ce_index,
    derivation=r"\frac{\partial J}{\partial z_{pq}} = \frac{1}{N}\sum_i(\psi(z)_{iq} - \delta_{iq}\ldots)"
               r" = \frac{1}{N}(\psi(z_p)_q - \Delta_{pq})",
    uses=("ce-gradient-logits",),
))

# Empirical risk: a linear softmax classifier o_i = W x_i + b over n examples.
XS = Variable("Xs", "real", ("n", "d"), latex="X")
WL = Variable("W", "real", ("m", "d"), latex="W")
BL = Variable("b", "real", ("m",), latex="b")
YS = Variable("Y", "onehot-rows", ("n", "m"), latex=r"\Delta")


def _risk(v, sizes):
    xs, w, bias, labels = v["Xs"], v["W"], v["b"], v["Y"]
    n = sizes["n"]
    params = sp.Matrix(list(w) + list(bias))
    losses = [_ce(w * xs[i, :].T + bias, labels[i, :].T) for i in range(n)]
    risk = sp.Add(*losses) / n
    lhs = gradient(risk, params)
    rhs = sp.Add(*[gradient(L, params) for L in losses], sp.zeros(len(params), 1)) / n
    return Claim(lhs, rhs, v, function=risk, wrt=params)


_theta = sp.Symbol("theta")
_Rhat = sp.Symbol("Rhat")
_Li = sp.Function("L")
_i = sp.Symbol("i", integer=True)
_n = sp.Symbol("n", integer=True, positive=True)

CATALOGUE.register(Identity(
    id="empirical-risk-gradient",
    title="The gradient of the empirical risk is the mean of the per-example gradients",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(f)"), src(SEED_001, "Q2(g)")),
    variables=(XS, WL, BL, YS),
    build=_risk,
    size_bounds={"n": 3, "d": 2, "m": 2},
    statement=lambda: (nt.Grad(_Rhat, _theta), sp.Sum(nt.Grad(_Li(_i), _theta), (_i, 1, _n)) / _n),
    derivation="Differentiation is linear: the left side differentiates R̂ = (1/n)Σᵢ Lᵢ, "
               "the right side averages each Lᵢ's gradient.",
    convention="θ = (vec W, b) of a linear softmax classifier oᵢ = W xᵢ + b with cross-entropy loss.",
))
