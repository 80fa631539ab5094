"""One example, column layout, LeakyReLU hidden layer: 001 Q2(h)–(p).

x ∈ ℝ^d, W⁽¹⁾ ∈ ℝ^{dₕ×d}, hᵃ = W⁽¹⁾x + b⁽¹⁾, hˢ = LeakyReLU_α(hᵃ), oᵃ = W⁽²⁾hˢ + b⁽²⁾
(W⁽²⁾ ∈ ℝ^{m×dₕ}), L = −log S(oᵃ)_y with a symbolic one-hot label (every y at once).

Left sides differentiate L (``gradient``: one reverse pass for all parameters, shared by
the claims at each size). LeakyReLU stays an opaque function whose derivative is
LeakyReLU_α'(z) = α + (1 − α)·1{z ≥ 0} (``leaky-relu-derivative``, proved for z ≠ 0);
1{hᵃᵢ ≥ 0} is an atom shared by both sides, and sampling keeps hᵃ off 0. Shapes are part of
every claim: a side of the wrong shape is refuted (``seed-001-q2o-W1-shape``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE, SEED_CLAIMS
from derive.functions import leaky_relu, leaky_relu_prime, softmax
from derive.identities._common import SEED_001, ce_rows_logits, hadamard, minus, mm, plus, src
from derive.identity import Claim, Identity, Value, Variable, gradient, partials

TOPIC = "mlp-column"
BOUNDS = {"d": 3, "d_h": 3, "m": 3}

X = Variable("x", "real", ("d",), latex=r"\mathbf{x}")
W1 = Variable("W1", "real", ("d_h", "d"), latex=r"\mathbf{W}^{(1)}")
B1 = Variable("b1", "real", ("d_h",), latex=r"\mathbf{b}^{(1)}")
W2 = Variable("W2", "real", ("m", "d_h"), latex=r"\mathbf{W}^{(2)}")
B2 = Variable("b2", "real", ("m",), latex=r"\mathbf{b}^{(2)}")
E = Variable("e_y", "onehot-rows", ("m",), latex=r"\operatorname{onehot}(y)")
ALPHA = Variable("alpha", "unit-interval", latex=r"\alpha")
HS = Variable("hs", "real", ("d_h",), latex=r"\mathbf{h}^{s}")
HA = Variable("ha", "real", ("d_h",), latex=r"\mathbf{h}^{a}")
NETWORK = (X, W1, B1, W2, B2, E, ALPHA)
_USES = ("cross-entropy-logits", "ce-gradient-logits", "leaky-relu-derivative")


def ce(oa: sp.Matrix, labels: sp.Matrix) -> sp.Expr:
    """−log S(oᵃ)_y = −Σ_c e_c log S(oᵃ)_c (the definition, softmax written out)."""
    s = softmax(oa)
    return sp.Add(*[-labels[c] * sp.log(s[c]) for c in range(len(oa))])


@dataclass(frozen=True)
class Forward:
    ha: sp.Matrix
    hs: sp.Matrix
    oa: sp.Matrix
    S: sp.Matrix
    L: sp.Expr
    grads: Mapping[str, sp.Matrix]


_FORWARD: dict[tuple, Forward] = {}


def forward(v: Mapping[str, Value], sizes: Mapping[str, int]) -> Forward:
    key = tuple(sorted(sizes.items()))
    if key in _FORWARD:
        return _FORWARD[key]
    a = v["alpha"]
    ha = plus(mm(v["W1"], v["x"]), v["b1"])
    # LeakyReLU of a symbolic sum never evaluates; skipping its sign queries saves time.
    hs = ha.applyfunc(lambda t: leaky_relu(t, a, evaluate=False))
    oa = plus(mm(v["W2"], hs), v["b2"])
    L = ce_rows_logits(oa.T, v["e_y"].T)
    names = ("W1", "b1", "W2", "b2", "x")
    flat = [s for name in names for s in v[name]]
    values = partials(L, flat)
    grads, k = {}, 0
    for name in names:
        m = v[name]
        grads[name] = sp.Matrix(m.rows, m.cols, values[k:k + len(m)])
        k += len(m)
    out = Forward(ha, hs, oa, softmax(oa), L, grads)
    _FORWARD[key] = out
    return out


def _g_oa(f: Forward, v) -> sp.Matrix:
    return minus(f.S, v["e_y"])


def _g_ha(f: Forward, v) -> sp.Matrix:
    a = v["alpha"]
    return hadamard(mm(v["W2"].T, _g_oa(f, v)), f.ha.applyfunc(lambda t: leaky_relu_prime(t, a)))


def _claim(param: str, rhs_of):
    def build(v, sizes):
        f = forward(v, sizes)
        return Claim(f.grads[param], rhs_of(f, v), v, function=f.L, wrt=v[param], avoid_zero=tuple(f.ha))

    return build


def _statement(key: str, wrt: sp.MatrixSymbol):
    def statement():
        return nt.Grad(nt.L, wrt), nt.column_gradients()[key]

    return statement


def _register(id_, title, where, param, rhs_of, key, wrt, derivation=""):
    CATALOGUE.register(Identity(
        id=id_,
        title=title,
        topic=TOPIC,
        sources=tuple(src(SEED_001, w) for w in where),
        variables=NETWORK,
        build=_claim(param, rhs_of),
        size_bounds=BOUNDS,
        statement=_statement(key, wrt),
        derivation=derivation,
        convention="LeakyReLU_α'(0) := 1 (the seed's z ≥ 0 branch); sampled with hᵃ off 0.",
        uses=_USES,
    ))


_register("mlp-grad-W2", "Gradient with respect to W(2), shape m×dₕ", ("Q2(h)", "Q2(i)"), "W2",
          lambda f, v: mm(_g_oa(f, v), f.hs.T), "W2", nt.W2c,
          r"\frac{\partial L}{\partial W^{(2)}_{kj}} = \frac{\partial L}{\partial o^a_k} h^s_j")
_register("mlp-grad-b2", "Gradient with respect to b(2)", ("Q2(h)", "Q2(i)"), "b2",
          lambda f, v: _g_oa(f, v), "b2", nt.b2c)
_register("mlp-grad-W1", "Gradient with respect to W(1), shape dₕ×d", ("Q2(n)", "Q2(o)"), "W1",
          lambda f, v: mm(_g_ha(f, v), v["x"].T), "W1", nt.W1c,
          r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \frac{\partial L}{\partial h^a_k} x_j")
_register("mlp-grad-b1", "Gradient with respect to b(1)", ("Q2(n)", "Q2(o)"), "b1",
          lambda f, v: _g_ha(f, v), "b1", nt.b1c)
_register("mlp-grad-x", "Gradient with respect to the input x", ("Q2(p)",), "x",
          lambda f, v: mm(v["W1"].T, _g_ha(f, v)), "x", nt.x)


# ∂L/∂hˢ and ∂L/∂hᵃ: L as a function of the hidden layer's output / pre-activation.
def _hs_claim(v, sizes):
    hs = v["hs"]
    oa = plus(mm(v["W2"], hs), v["b2"])
    L = ce(oa, v["e_y"])
    return Claim(gradient(L, hs), mm(v["W2"].T, minus(softmax(oa), v["e_y"])), v, function=L, wrt=hs)


def _ha_claim(v, sizes):
    ha, a = v["ha"], v["alpha"]
    oa = plus(mm(v["W2"], ha.applyfunc(lambda t: leaky_relu(t, a, evaluate=False))), v["b2"])
    L = ce(oa, v["e_y"])
    rhs = hadamard(mm(v["W2"].T, minus(softmax(oa), v["e_y"])), ha.applyfunc(lambda t: leaky_relu_prime(t, a)))
    return Claim(gradient(L, ha), rhs, v, function=L, wrt=ha, avoid_zero=tuple(ha))


_hs_sym = sp.MatrixSymbol("h_s", nt.d_h, 1)
_ha_sym = sp.MatrixSymbol("h_a", nt.d_h, 1)

CATALOGUE.register(Identity(
    id="mlp-grad-hs",
    title="Gradient with respect to the hidden layer's output hˢ",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(j)"), src(SEED_001, "Q2(k)")),
    variables=(HS, W2, B2, E),
    build=_hs_claim,
    size_bounds={"d_h": 3, "m": 3},
    statement=lambda: (nt.Grad(nt.L, _hs_sym), nt.column_gradients()["h_s"]),
    derivation=r"\frac{\partial L}{\partial h^s_j} = \sum_k \frac{\partial L}{\partial o^a_k} W^{(2)}_{kj}",
    uses=("ce-gradient-logits",),
))

CATALOGUE.register(Identity(
    id="mlp-grad-ha",
    title="Gradient with respect to the hidden pre-activation hᵃ",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(l)"), src(SEED_001, "Q2(m)")),
    variables=(HA, W2, B2, E, ALPHA),
    build=_ha_claim,
    size_bounds={"d_h": 3, "m": 3},
    statement=lambda: (nt.Grad(nt.L, _ha_sym), nt.column_gradients()["h_a"]),
    convention="LeakyReLU_α'(0) := 1; sampled with hᵃ off 0.",
    uses=_USES,
))


# 001 Q2(o) as printed: ∂L/∂W⁽¹⁾ ∈ ℝ^{dₕ×dₕ} with x ∈ ℝ^{dₕ}. The formula (∂L/∂hᵃ)xᵀ is
# right; the stated shape is that of a network with d = dₕ. The claim's right side is the
# formula with the seed's x of dimension dₕ (whose first entries are the network's x), so
# it is well-typed and true when d = dₕ and refuted by shape whenever d ≠ dₕ.
def _seed_q2o(v, sizes):
    f = forward(v, sizes)
    g = _g_ha(f, v)
    x_seed = sp.Matrix([sp.Symbol(f"x_{i}", real=True) for i in range(sizes["d_h"])])
    return Claim(f.grads["W1"], mm(g, x_seed.T), v, function=f.L, wrt=v["W1"], avoid_zero=tuple(f.ha))


SEED_CLAIMS.register(Identity(
    id="seed-001-q2o-W1-shape",
    title="Seed 001 Q2(o) as printed: ∂L/∂W(1) ∈ ℝ^{dₕ×dₕ}",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(o)"),),
    variables=NETWORK,
    build=_seed_q2o,
    size_bounds={"d": 2, "d_h": 2, "m": 1},
    derivation="W(1) is dₕ×d, so its gradient is dₕ×d; dₕ×dₕ holds only when d = dₕ.",
))
