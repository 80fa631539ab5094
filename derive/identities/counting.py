"""Counting parameters: 001 Q2(e) and the report's §1.2–1.3.

Counts come from the shapes of the parameter matrices (rows × columns of each W⁽ˡ⁾ plus the
length of each b⁽ˡ⁾), not from the closed formulas being checked; everything is exact
integer / rational arithmetic.

The equal-budget depth (§1.3): x 120-unit layers after the 512-unit one make a
3072-512-(120)ˣ-10 network whose budget 3072·512 + 512 + 512·120 + 120 + x(120·120 + 120)
+ 120·10 + 10 equals the 3072-512-256-10 network's 1,707,274. The root is exactly
x* = 71128/14520 = 8891/1815 ≈ 4.8986, so "x ≈ 4.90" (to two decimals) is the true claim and
the seed's "x ≈ 4.91" is refuted. Fair reading of the seed: we compare its printed figure
with the exact root rounded to two decimals, floor(100x* + ½)/100. With the seed's own
equation as printed (3075 inputs, budget 1,707,264) the root is ≈ 4.79, which does not give
4.91 either; the seed claim records both.
"""

from __future__ import annotations

import sympy as sp

from derive.catalogue import CATALOGUE, SEED_CLAIMS
from derive.identities._common import SEED_001, src
from derive.identity import Claim, Identity, Variable

TOPIC = "counting"


def parameter_count(widths: list) -> sp.Expr:
    """Number of scalar parameters of a fully connected network with these layer widths,
    read off the parameter shapes: W⁽ˡ⁾ is nₗ × nₗ₋₁ and b⁽ˡ⁾ has nₗ entries."""
    total = sp.S.Zero
    for layer in range(1, len(widths)):
        W = sp.MatrixSymbol(f"W{layer}", widths[layer], widths[layer - 1])
        b = sp.MatrixSymbol(f"b{layer}", widths[layer], 1)
        total += sp.Mul(*W.shape) + sp.Mul(*b.shape)
    return sp.expand(total)


#: Widths as positive scalars (the numeric checker samples them as reals: both sides are
#: polynomials, so agreement on reals implies agreement on integers).
WIDTHS = tuple(Variable(f"n{k}", "positive", latex=f"n_{{{k}}}") for k in range(5))
D_IN = Variable("d", "positive", latex="d")
D_H = Variable("d_h", "positive", latex="d_h")
M = Variable("m", "positive", latex="m")


def _general_formula(widths: list) -> sp.Expr:
    return sp.Add(*[(widths[k - 1] + 1) * widths[k] for k in range(1, len(widths))])


def _mlp_count(v, sizes):
    # Entry 0: the one-hidden-layer network of 001 Q2(e) against dₕ(d + 1) + m(dₕ + 1);
    # entry 1: a network with L layers of symbolic widths against Σₗ (nₗ₋₁ + 1)nₗ.
    d, d_h, m = v["d"], v["d_h"], v["m"]
    widths = [v[f"n{k}"] for k in range(sizes["L"] + 1)]
    lhs = sp.Matrix([parameter_count([d, d_h, m]), parameter_count(widths)])
    rhs = sp.Matrix([d_h * (d + 1) + m * (d_h + 1), _general_formula(widths)])
    return Claim(lhs, rhs, v)


def _mlp_count_index():
    """Σ_{l=1}^{L} (n_l·n_{l−1} + n_l) (entries of each W⁽ˡ⁾ and b⁽ˡ⁾) against
    Σ_{l=1}^{L} (n_{l−1} + 1)n_l, for every depth L and all widths."""
    L = sp.Symbol("L", integer=True, positive=True)
    k = sp.Symbol("l", integer=True)  # printed as l, the seeds' layer index
    nb = sp.IndexedBase("n", integer=True, positive=True)
    return sp.Sum(nb[k] * nb[k - 1] + nb[k], (k, 1, L)), sp.Sum((nb[k - 1] + 1) * nb[k], (k, 1, L))


_L = sp.Symbol("L", integer=True, positive=True)
_l = sp.Symbol("l", integer=True)
_nb = sp.IndexedBase("n")
_n_theta = sp.Symbol("n_theta")

CATALOGUE.register(Identity(
    id="mlp-parameter-count",
    title="Number of parameters of a fully connected network",
    topic=TOPIC,
    sources=(src(SEED_001, "Q2(e)"),),
    variables=(D_IN, D_H, M) + WIDTHS,
    build=_mlp_count,
    size_bounds={"L": 4},
    statement=lambda: (_n_theta, sp.Sum((_nb[_l - 1] + 1) * _nb[_l], (_l, 1, _L))),
    index_form=_mlp_count_index,
    derivation=r"n_\theta = d_h(d+1) + m(d_h+1);\ \sum_{l=1}^{L}(n_{l-1}+1)n_l",
    convention="Widths are symbolic; the element-wise part checks depths L ≤ 4, the index form every depth.",
))

CIFAR = [3072, 512, 256, 10]


CATALOGUE.register(Identity(
    id="cifar-mlp-parameter-count",
    title="The 3072-512-256-10 network has 1,707,274 parameters",
    topic=TOPIC,
    sources=(src(SEED_001, "§1.2 question 3"),),
    variables=(),
    build=lambda v, s: Claim(parameter_count(CIFAR), sp.Integer(1707274), {}),
    statement=lambda: (sp.Symbol("n_theta"), sp.Integer(1707274)),
    derivation="3072·512 + 512 + 512·256 + 256 + 256·10 + 10"
               " = 1,572,864 + 512 + 131,072 + 256 + 2,560 + 10 = 1,707,274",
    uses=("mlp-parameter-count",),
))

SEED_CLAIMS.register(Identity(
    id="seed-001-s1.2-parameter-count",
    title="Seed 001 §1.2 as printed: 3072·512 + 512 + 512·256 + 256 + 256·10 + 10 = 1,707,264",
    topic=TOPIC,
    sources=(src(SEED_001, "§1.2 question 3, Eq. (7)"),),
    variables=(),
    build=lambda v, s: Claim(
        sp.Add(sp.Mul(3072, 512, evaluate=False), 512, sp.Mul(512, 256, evaluate=False), 256,
               sp.Mul(256, 10, evaluate=False), 10, evaluate=False),
        sp.Integer(1707264),
        {},
    ),
    derivation="The six terms sum to 1,707,274; the seed's total is 10 short.",
))


def depth_root(inputs: int, budget: int) -> sp.Rational:
    """The exact x with inputs·512 + 512 + 512·120 + 120 + x(120·120 + 120) + 120·10 + 10 =
    budget (the seed's Eq. (8)), solved by SymPy."""
    x = sp.Symbol("x")
    total = parameter_count([inputs, 512, 120]) + x * parameter_count([120, 120]) + parameter_count([120, 10])
    equation = sp.Eq(total, budget)
    (root,) = sp.solve(equation, x)
    return sp.Rational(root)


def round2(q: sp.Rational) -> sp.Rational:
    """q rounded to two decimals, exactly: floor(100q + ½)/100."""
    return sp.Rational(sp.floor(100 * q + sp.Rational(1, 2)), 100)


CATALOGUE.register(Identity(
    id="equal-budget-depth",
    title="The equal-budget depth of 120-unit layers is x ≈ 4.90",
    topic=TOPIC,
    sources=(src(SEED_001, "§1.3, Eqs. (8)–(9)"),),
    variables=(),
    build=lambda v, s: Claim(sp.Matrix([round2(depth_root(3072, parameter_count(CIFAR)))]),
                             sp.Matrix([sp.Rational(49, 10)]), {}),
    statement=lambda: (sp.Symbol("x"), sp.Float(4.90, 3)),
    derivation="x* = (1,707,274 − 1,636,146) / 14,520 = 8891/1815 ≈ 4.8986; rounded to two decimals 4.90.",
    convention="Left side: the exact root of the budget equation rounded to two decimals, floor(100x* + ½)/100.",
    uses=("cifar-mlp-parameter-count",),
))

SEED_CLAIMS.register(Identity(
    id="seed-001-s1.3-equal-budget-depth",
    title="Seed 001 §1.3 as printed: x ≈ 4.91",
    topic=TOPIC,
    sources=(src(SEED_001, "§1.3, Eq. (9)"),),
    variables=(),
    build=lambda v, s: Claim(
        sp.Matrix([round2(depth_root(3072, parameter_count(CIFAR))), round2(depth_root(3075, 1707264))]),
        sp.Matrix([sp.Rational(491, 100), sp.Rational(491, 100)]),
        {},
    ),
    derivation="Entry 1: the exact root with the right numbers (8891/1815 ≈ 4.8986 → 4.90). "
    "Entry 2: the root of the seed's Eq. (8) as printed, with 3075 inputs and 1,707,264 (≈ 4.79). Neither is 4.91.",
))
