"""Norms and penalties: 001 Q1(h), Q1(i), Q2(q).

|x| is differentiated by SymPy's rule d|x|/dx = sign(x) for real x, which is the identity
``abs-derivative`` (proved there by a case split on the sign of x, for x ≠ 0). With the
entries stated nonzero, sign(xᵢ) is then an atom shared by both sides of each claim; an
identity that holds for every value of an atom holds for its true value (sound). A split
over every sign pattern (2^n cases) is left to abs-derivative, where it is one scalar.
"""

from __future__ import annotations

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE
from derive.identities._common import SEED_001, src
from derive.identity import Claim, Identity, Variable, gradient

TOPIC = "norms"
n = sp.Symbol("n", integer=True, positive=True)
x_vec = sp.MatrixSymbol("x", n, 1)
x_real = Variable("x", "real", ("n",), latex=r"\mathbf{x}")
x_nonzero = Variable("x", "nonzero", ("n",), latex=r"\mathbf{x}")


def _l2(v, sizes):
    x = v["x"]
    f = sp.Add(*[e**2 for e in x])
    return Claim(gradient(f, x), 2 * x, v, function=f, wrt=x)


CATALOGUE.register(Identity(
    id="l2-squared-gradient",
    title="The gradient of the squared L2 norm",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(h)"),),
    variables=(x_real,),
    build=_l2,
    size_bounds={"n": 8},
    statement=lambda: (nt.Grad(nt.Norm(x_vec, 2, True), x_vec), 2 * x_vec),
    derivation=r"\frac{\partial}{\partial x_k}\sum_i x_i^2 = 2x_k",
))


def _l1(v, sizes):
    x = v["x"]
    f = sp.Add(*[sp.Abs(e) for e in x])
    return Claim(gradient(f, x), x.applyfunc(sp.sign), v, function=f, wrt=x)


CATALOGUE.register(Identity(
    id="l1-gradient",
    title="The gradient of the L1 norm",
    topic=TOPIC,
    sources=(src(SEED_001, "Q1(i)"),),
    variables=(x_nonzero,),
    build=_l1,
    size_bounds={"n": 8},
    statement=lambda: (nt.Grad(nt.Norm(x_vec, 1), x_vec), x_vec.applyfunc(sp.sign)),
    convention="Stated for vectors with no zero entry; sign(0) = 0 by convention.",
    uses=("abs-derivative",),
))

W = Variable("W", "nonzero", ("r", "c"), latex="W^{(l)}")
b = Variable("b", "real", ("r",), latex="b^{(l)}")
l1 = Variable("lam1", "positive", latex=r"\lambda_{l1}")
l2 = Variable("lam2", "positive", latex=r"\lambda_{l2}")


def _elastic(v, sizes):
    w, bias = v["W"], v["b"]
    f = v["lam1"] * sp.Add(*[sp.Abs(e) for e in w]) + v["lam2"] * sp.Add(*[e**2 for e in w])
    params = sp.Matrix(list(w) + list(bias))
    lhs = gradient(f, params)
    rhs = sp.Matrix(list(v["lam1"] * w.applyfunc(sp.sign) + 2 * v["lam2"] * w) + [0] * len(bias))
    return Claim(lhs, rhs, v, function=f, wrt=params)


_r, _c = sp.symbols("r c", integer=True, positive=True)
_W = sp.MatrixSymbol("Wl", _r, _c)
_lam1, _lam2 = sp.symbols("lam1 lam2", positive=True)

CATALOGUE.register(Identity(
    id="elastic-net-gradient",
    title="The gradient of the elastic-net penalty (biases get 0)",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(q)"), src(SEED_001, "Q1(h)"), src(SEED_001, "Q1(i)")),
    variables=(W, b, l1, l2),
    build=_elastic,
    size_bounds={"r": 3, "c": 3},
    statement=lambda: (
        nt.Grad(_lam1 * nt.Norm(_W, 1) + _lam2 * nt.Norm(_W, 2, True), _W),
        _lam1 * _W.applyfunc(sp.sign) + 2 * _lam2 * _W,
    ),
    derivation="The left side stacks vec(∂/∂W) and ∂/∂b of the penalty; the bias part is 0.",
    convention="Stated for weights with no zero entry; sign(0) = 0 by convention.",
    uses=("abs-derivative", "l1-gradient", "l2-squared-gradient"),
))
