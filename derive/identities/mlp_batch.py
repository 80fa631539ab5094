"""Batch / row layout, ReLU hidden layer, penalties (000 b,c; 002 b,c; 003 c; 004 b,c; 001 Q2(q)).

X ∈ ℝ^{N×D}, W1 ∈ ℝ^{D×H}, b1 ∈ ℝ^H, W2 ∈ ℝ^{H×C}, b2 ∈ ℝ^C, Δ one-hot rows,
z2 = XW1 + 1b1ᵀ, a2 = rect(z2), z3 = a2W2 + 1b2ᵀ, P = ψ(z3),
J = (1/N) Σᵢ −log P[i, yᵢ] = −(1/N) Σᵢ Σ_c Δ_ic log P_ic, J̃ = J + penalty.

How each claim is proved (see docs/design.md, "Exact proof"):
- The left side is the derivative of the DEFINITION of J̃, element-wise, by ``gradient``
  (one reverse pass over J's expression graph, SymPy's local rules). J̃'s data term and
  penalty are differentiated separately (the derivative is linear); the data term's
  gradient is built once per size and shared by every claim of this module. J is written
  through the logits, −log P_ic = log Σ_k e^{z3_ik} − z3_ic (``cross-entropy-logits``).
- Δ has symbolic entries with rows summing to 1 ("onehot-rows"): one proof covers every
  label vector at once.
- rect stays an opaque function; its derivative is step(z) = 1{z > 0}, which is the
  identity ``relu-derivative`` (proved there for z ≠ 0, value 0 at 0 by convention). In the
  proof, rect(z2_ih) and 1{z2_ih > 0} are atoms shared by both sides, which is sound: an
  identity that holds for every value of an atom holds for its true value.
- Elastic net: the weights are stated off the kink (entries ≠ 0, domain "nonzero"), where
  d|w|/dw = sign(w) (``abs-derivative``, proved by a case split on the sign of w). The left
  side's sign(W_ij) comes from differentiating |W_ij|; sign(W_ij) is then an atom shared by
  both sides. A split over all 2^{DH} sign patterns is not needed for soundness and would be
  2^9 cases per size at D = H = 3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE, SEED_CLAIMS
from derive.functions import relu, step
from derive.identities._common import (
    SEED_000,
    SEED_001,
    SEED_002,
    SEED_003,
    SEED_004,
    add_bias,
    ce_rows,
    ce_rows_logits,
    explicit_softmax_rows,
    hadamard,
    mean,
    minus,
    mm,
    plus,
    scaled,
    src,
)
from derive.identity import Claim, Identity, Value, Variable, gradient, partials

BOUNDS = {"N": 3, "D": 3, "H": 3, "C": 3}
TOPIC = "mlp-batch"

X = Variable("X", "real", ("N", "D"), latex="X")
W1 = Variable("W1", "real", ("D", "H"), latex="W^{(1)}")
b1 = Variable("b1", "real", ("H",), latex="b^{(1)}")
W2 = Variable("W2", "real", ("H", "C"), latex="W^{(2)}")
b2 = Variable("b2", "real", ("C",), latex="b^{(2)}")
Delta = Variable("Delta", "onehot-rows", ("N", "C"), latex=r"\Delta")
lam = Variable("lam", "positive", latex=r"\lambda")
W1_off_kink = Variable("W1", "nonzero", ("D", "H"), latex="W^{(1)}")
W2_off_kink = Variable("W2", "nonzero", ("H", "C"), latex="W^{(2)}")
lam11 = Variable("lam11", "positive", latex=r"\lambda_{11}")
lam12 = Variable("lam12", "positive", latex=r"\lambda_{12}")
lam21 = Variable("lam21", "positive", latex=r"\lambda_{21}")
lam22 = Variable("lam22", "positive", latex=r"\lambda_{22}")

NETWORK = (X, W1, b1, W2, b2, Delta)
NETWORK_ELASTIC = (X, W1_off_kink, b1, W2_off_kink, b2, Delta)


@dataclass(frozen=True)
class Forward:
    """The network at one size: inputs, forward quantities, J and J's data gradients."""

    X: sp.Matrix
    W1: sp.Matrix
    b1: sp.Matrix
    W2: sp.Matrix
    b2: sp.Matrix
    Delta: sp.Matrix
    z2: sp.Matrix
    a2: sp.Matrix
    z3: sp.Matrix
    P: sp.Matrix
    mask: sp.Matrix
    J: sp.Expr
    grads: Mapping[str, sp.Matrix]


_FORWARD: dict[tuple, Forward] = {}


def forward(v: Mapping[str, Value], sizes: Mapping[str, int]) -> Forward:
    """The forward pass from the definitions, and ∂J/∂θ for θ = W1, b1, W2, b2 by
    differentiating J (cached per size and per symbol set: every claim shares it)."""
    first = tuple(v[w][0, 0] if len(v[w]) else None for w in ("W1", "W2"))
    key = (tuple(sorted(sizes.items())), *first)
    if key in _FORWARD:
        return _FORWARD[key]
    n = sizes["N"]
    z2 = add_bias(mm(v["X"], v["W1"]), v["b1"])
    # rect(z) of a symbolic sum never evaluates; skipping its sign queries saves time.
    a2 = z2.applyfunc(lambda t: relu(t, evaluate=False))
    z3 = add_bias(mm(a2, v["W2"]), v["b2"])
    J = mean(ce_rows_logits(z3, v["Delta"]), n)
    wrt = [v["W1"], v["b1"], v["W2"], v["b2"]]
    flat = [s for m in wrt for s in m]
    values = partials(J, flat)
    grads, k = {}, 0
    for name, m in zip(("W1", "b1", "W2", "b2"), wrt, strict=True):
        grads[name] = sp.Matrix(m.rows, m.cols, values[k:k + len(m)])
        k += len(m)
    out = Forward(v["X"], v["W1"], v["b1"], v["W2"], v["b2"], v["Delta"], z2, a2, z3, explicit_softmax_rows(z3),
                  z2.applyfunc(step), J, grads)
    _FORWARD[key] = out
    return out


def _sq(m: sp.Matrix) -> sp.Expr:
    return sp.Add(*[w**2 for w in m])


def _l1(m: sp.Matrix) -> sp.Expr:
    return sp.Add(*[sp.Abs(w) for w in m])


def l2_penalty(v: Mapping[str, Value]) -> sp.Expr:
    """λ(‖W1‖² + ‖W2‖²), the penalty of seeds 003/004."""
    return v["lam"] * (_sq(v["W1"]) + _sq(v["W2"]))


def elastic_penalty(v: Mapping[str, Value]) -> sp.Expr:
    """λ11‖W1‖₁ + λ12‖W1‖² + λ21‖W2‖₁ + λ22‖W2‖² (001 Q2(q))."""
    return v["lam11"] * _l1(v["W1"]) + v["lam12"] * _sq(v["W1"]) + v["lam21"] * _l1(v["W2"]) + v["lam22"] * _sq(v["W2"])


def _grad_claim(f: Forward, v, param: str, penalty: sp.Expr, rhs: sp.Matrix) -> Claim:
    """Left side: ∂(J + penalty)/∂param, i.e. J's gradient plus the penalty's, both by
    differentiation; the function J + penalty is kept for the finite-difference oracle."""
    lhs = plus(f.grads[param], gradient(penalty, v[param])) if penalty != 0 else f.grads[param]
    return Claim(lhs, rhs, v, function=f.J + penalty, wrt=v[param], avoid_zero=tuple(f.z2))


def _dz2(f: Forward, n: int) -> sp.Matrix:
    """((P − Δ)W2ᵀ) ⊙ 1{z2 > 0}, the claims' back-propagated signal (without 1/N)."""
    return _had(_mm(_minus(f.P, f.Delta), f.W2.T), f.mask)


_mm, _minus, _had = mm, minus, hadamard


def _mean(m: sp.Matrix, n: int) -> sp.Matrix:
    """M/N without distributing 1/N over each entry's sum (SymPy's Rational·Add rule is
    the slowest step of building these claims; the value is the same)."""
    if n == 1:
        return m
    c = sp.Rational(1, n)
    return m.applyfunc(lambda e: sp.Mul(c, e, evaluate=False))


def _column_sums(m: sp.Matrix) -> sp.Matrix:
    """1ᵀM as a column (the bias gradients are columns, like the biases)."""
    return sp.Matrix(m.cols, 1, lambda j, _: sp.Add(*[m[i, j] for i in range(m.rows)]))


def _statement(param: str, penalty: nt.Penalty):
    def statement():
        grads = nt.batch_gradients(penalty)
        return nt.Grad(nt.J_tilde if penalty != "none" else nt.J, getattr(nt, param)), grads[param]

    return statement


# ----------------------------------------------------------------------------- the claims

BATCH_SOURCES = {
    "W2": (src(SEED_004, "Q2(b)"), src(SEED_000, "point b"), src(SEED_002, "point b")),
    "b2": (src(SEED_004, "Q2(c)"), src(SEED_000, "point b"), src(SEED_002, "point b")),
    "W1": (src(SEED_004, "Q2(c)"), src(SEED_000, "point c"), src(SEED_002, "point c"), src(SEED_003, "point c")),
    "b1": (src(SEED_004, "Q2(c)"), src(SEED_000, "point c"), src(SEED_002, "point c")),
}


def _w2_l2(v, sizes):
    f = forward(v, sizes)
    n = sizes["N"]
    rhs = plus(_mean(_mm(f.a2.T, _minus(f.P, f.Delta)), n), scaled(2 * v["lam"], v["W2"]))
    return _grad_claim(f, v, "W2", l2_penalty(v), rhs)


def _b2(v, sizes):
    f = forward(v, sizes)
    return _grad_claim(f, v, "b2", l2_penalty(v), _mean(_column_sums(_minus(f.P, f.Delta)), sizes["N"]))


def _w1_l2(v, sizes):
    f = forward(v, sizes)
    n = sizes["N"]
    return _grad_claim(f, v, "W1", l2_penalty(v), plus(_mean(_mm(f.X.T, _dz2(f, n)), n), scaled(2 * v["lam"], v["W1"])))


def _b1(v, sizes):
    f = forward(v, sizes)
    return _grad_claim(f, v, "b1", l2_penalty(v), _mean(_column_sums(_dz2(f, sizes["N"])), sizes["N"]))


def _real_weights(v, sizes):
    """The elastic claims state W1, W2 nonzero (sampling keeps them off 0) but are proved
    with the real-domain symbols of the shared forward pass: the proof treats sign(W_ij) as
    an atom and never uses w ≠ 0 beyond abs-derivative, so the same symbols serve."""
    out = dict(v)
    out["W1"] = W1.make(sizes)
    out["W2"] = W2.make(sizes)
    return out


def _w2_elastic(v, sizes):
    v = _real_weights(v, sizes)
    f = forward(v, sizes)
    n = sizes["N"]
    w = v["W2"]
    rhs = plus(_mean(_mm(f.a2.T, _minus(f.P, f.Delta)), n), scaled(v["lam21"], w.applyfunc(sp.sign)),
               scaled(2 * v["lam22"], w))
    return _grad_claim(f, v, "W2", elastic_penalty(v), rhs)


def _w1_elastic(v, sizes):
    v = _real_weights(v, sizes)
    f = forward(v, sizes)
    n = sizes["N"]
    w = v["W1"]
    rhs = plus(_mean(_mm(f.X.T, _dz2(f, n)), n), scaled(v["lam11"], w.applyfunc(sp.sign)),
               scaled(2 * v["lam12"], w))
    return _grad_claim(f, v, "W1", elastic_penalty(v), rhs)


_RELU = "rect' = 1{z > 0} (value 0 at 0, relu-derivative); claims sampled with every z2 entry away from 0."
_USES_RELU = ("relu-derivative", "cross-entropy-logits", "batch-ce-gradient-z3")

CATALOGUE.register(Identity(
    id="batch-grad-W2-l2",
    title="Batch gradient of the L2-penalised loss with respect to W2",
    topic=TOPIC,
    sources=BATCH_SOURCES["W2"],
    variables=NETWORK + (lam,),
    build=_w2_l2,
    size_bounds=BOUNDS,
    statement=_statement("W2", "l2"),
    derivation=r"\frac{\partial \tilde J}{\partial W^{(2)}} = "
               r"a^{(2)T}\frac{\partial J}{\partial z^{(3)}} + 2\lambda W^{(2)}",
    convention=_RELU,
    uses=_USES_RELU,
))

CATALOGUE.register(Identity(
    id="batch-grad-b2",
    title="Batch gradient with respect to b2 (summed over the batch, not penalised)",
    topic=TOPIC,
    sources=BATCH_SOURCES["b2"],
    variables=NETWORK + (lam,),
    build=_b2,
    size_bounds=BOUNDS,
    statement=_statement("b2", "l2"),
    derivation=r"\frac{\partial \tilde J}{\partial b^{(2)}} = \frac{1}{N}(P-\Delta)^T\mathbf{1}",
    convention="Biases are columns here; IDENTITIES.md's row 1ᵀ(P − Δ)/N is its transpose. " + _RELU,
    uses=_USES_RELU,
))

CATALOGUE.register(Identity(
    id="batch-grad-W1-l2",
    title="Batch gradient of the L2-penalised loss with respect to W1",
    topic=TOPIC,
    sources=BATCH_SOURCES["W1"],
    variables=NETWORK + (lam,),
    build=_w1_l2,
    size_bounds=BOUNDS,
    statement=_statement("W1", "l2"),
    derivation=r"\frac{\partial \tilde J}{\partial W^{(1)}} = "
               r"X^T\left[\left((P-\Delta)W^{(2)T}\right)\odot \mathbf{1}\{z^{(2)}>0\}\right]/N + 2\lambda W^{(1)}",
    convention=_RELU,
    uses=_USES_RELU,
))

CATALOGUE.register(Identity(
    id="batch-grad-b1",
    title="Batch gradient with respect to b1 (summed over the batch, not penalised)",
    topic=TOPIC,
    sources=BATCH_SOURCES["b1"],
    variables=NETWORK + (lam,),
    build=_b1,
    size_bounds=BOUNDS,
    statement=_statement("b1", "l2"),
    convention="Biases are columns. " + _RELU,
    uses=_USES_RELU,
))

_ELASTIC = ("Stated for weights with no zero entry (|w| has no derivative at 0; sign(0) = 0 is the convention "
            "there). " + _RELU)

CATALOGUE.register(Identity(
    id="batch-grad-W2-elastic",
    title="Batch gradient of the elastic-net-penalised loss with respect to W2",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(q)"),) + BATCH_SOURCES["W2"],
    variables=NETWORK_ELASTIC + (lam11, lam12, lam21, lam22),
    build=_w2_elastic,
    size_bounds=BOUNDS,
    statement=_statement("W2", "elastic"),
    convention=_ELASTIC,
    uses=_USES_RELU + ("abs-derivative", "elastic-net-gradient"),
))

CATALOGUE.register(Identity(
    id="batch-grad-W1-elastic",
    title="Batch gradient of the elastic-net-penalised loss with respect to W1",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(q)"),) + BATCH_SOURCES["W1"],
    variables=NETWORK_ELASTIC + (lam11, lam12, lam21, lam22),
    build=_w1_elastic,
    size_bounds=BOUNDS,
    statement=_statement("W1", "elastic"),
    convention=_ELASTIC,
    uses=_USES_RELU + ("abs-derivative", "elastic-net-gradient"),
))


# ----------------------------------------------------------------------------- the seeds' wrong claims

# 003 point c, Eq. (4): the W1 gradient with the W2 penalty term 2λW2 instead of 2λW1. It
# is well-typed only when W1 and W2 have the same shape, i.e. D = H = C: one size K.
_SQUARE = (
    Variable("X", "real", ("N", "K")),
    Variable("W1", "real", ("K", "K")),
    Variable("b1", "real", ("K",)),
    Variable("W2", "real", ("K", "K")),
    Variable("b2", "real", ("K",)),
    Variable("Delta", "onehot-rows", ("N", "K")),
)


def _square_sizes(sizes):
    return {"N": sizes["N"], "D": sizes["K"], "H": sizes["K"], "C": sizes["K"]}


def _seed_003_eq4(v, sizes):
    s = _square_sizes(sizes)
    f = forward(v, s)
    n = s["N"]
    return _grad_claim(f, v, "W1", l2_penalty(v), _mean(_mm(f.X.T, _dz2(f, n)), n) + 2 * v["lam"] * v["W2"])


SEED_CLAIMS.register(Identity(
    id="seed-003-eq4-W1-with-W2-penalty",
    title="Seed 003 Eq. (4) as printed: ∂J̃/∂W1 with the penalty term 2λW2",
    topic=TOPIC,
    sources=(src(SEED_003, "point c, Eq. (4)"),),
    variables=_SQUARE + (lam,),
    build=_seed_003_eq4,
    size_bounds={"N": 2, "K": 2},
    derivation="The penalty term of W1's gradient is 2λW1; the seed adds W2's. Well-typed only when D = H = C.",
))


# 002 point c: the ReLU mask taken from the output pre-activation z3 instead of z2. Well-typed
# when z3 (N×C) and z2 (N×H) have the same shape: H = C.
_HC = (
    Variable("X", "real", ("N", "D")),
    Variable("W1", "real", ("D", "K")),
    Variable("b1", "real", ("K",)),
    Variable("W2", "real", ("K", "K")),
    Variable("b2", "real", ("K",)),
    Variable("Delta", "onehot-rows", ("N", "K")),
)


def _seed_002_mask(v, sizes):
    s = {"N": sizes["N"], "D": sizes["D"], "H": sizes["K"], "C": sizes["K"]}
    f = forward(v, s)
    n = s["N"]
    wrong = _had(_mm(_minus(f.P, f.Delta), f.W2.T), f.z3.applyfunc(step))
    return _grad_claim(f, v, "W1", l2_penalty(v), _mean(_mm(f.X.T, wrong), n) + 2 * v["lam"] * v["W1"])


SEED_CLAIMS.register(Identity(
    id="seed-002-c-mask-from-z3",
    title="Seed 002 point c: the ReLU mask taken from z3 instead of z2",
    topic=TOPIC,
    sources=(src(SEED_002, "point c"),),
    variables=_HC + (lam,),
    build=_seed_002_mask,
    size_bounds={"N": 2, "D": 2, "K": 2},
    derivation="a2 = rect(z2), so the mask is 1{z2 > 0}; 1{z3 > 0} is another layer's. Well-typed only when H = C.",
))


# 004 Q2(a): "for the sake of simplicity we drop the coefficient 1/N": ∂J/∂z3 = ψ(z3) − Δ
# for J with the 1/N.
_Z3 = Variable("z3", "real", ("N", "C"), latex="z^{(3)}")


def _seed_004_q2a(v, sizes):
    z, labels = v["z3"], v["Delta"]
    J = ce_rows(z, labels) / sizes["N"]
    return Claim(gradient(J, z), explicit_softmax_rows(z) - labels, v, function=J, wrt=z)


SEED_CLAIMS.register(Identity(
    id="seed-004-q2a-dropped-1/N",
    title="Seed 004 Q2(a) with the 1/N dropped: ∂J/∂z3 = ψ(z3) − Δ",
    topic="loss",
    sources=(src(SEED_004, "Q2(a)"),),
    variables=(_Z3, Delta),
    build=_seed_004_q2a,
    size_bounds={"N": 2, "C": 2},
    size_minimums={"N": 2, "C": 2},
    derivation="J is a mean over the batch, so every entry of its gradient carries 1/N.",
))


# 004 Q2(c), boxed: ∂J̃/∂b2 = (1/N)(ψ(z3) − Δ), an N×C matrix, for the C-vector b2: the sum
# over the batch is missing. In the seed's row convention (b2 a row, like its code's (C,)
# arrays) it is well-typed at N = 1, where it is true; for N ≥ 2 the shapes differ.
def _seed_004_q2c(v, sizes):
    f = forward(v, sizes)
    n = sizes["N"]
    claim = _grad_claim(f, v, "b2", l2_penalty(v), _mean(_minus(f.P, f.Delta), n))
    return Claim(claim.lhs.T, claim.rhs, claim.values, claim.function, claim.wrt, claim.avoid_zero)


SEED_CLAIMS.register(Identity(
    id="seed-004-q2c-bias-not-summed",
    title="Seed 004 Q2(c) as boxed: ∂J̃/∂b2 = (1/N)(ψ(z3) − Δ), not summed over the batch",
    topic=TOPIC,
    sources=(src(SEED_004, "Q2(c)"),),
    variables=NETWORK + (lam,),
    build=_seed_004_q2c,
    size_bounds={"N": 2, "D": 1, "H": 1, "C": 2},
    size_minimums={"C": 2},
    derivation="b2 gets one gradient entry per class: the N rows of (P − Δ)/N must be summed.",
))
