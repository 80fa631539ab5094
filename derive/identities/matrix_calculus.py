"""Matrix-calculus preliminaries: 002 §1.

For Z = WA (W ∈ ℝ^{m×k}, A ∈ ℝ^{k×n}): ∂z_ij/∂w_{i,:} = a_{:,j}ᵀ and ∂z_ij/∂w_{r,:} = 0 for
r ≠ i. The element-wise claim stacks ∂z_ij/∂W (an m×k matrix) for every (i, j): row i is
a_{:,j}ᵀ, every other row 0. The index form ∂z_ij/∂w_rc = δ_ir a_cj is proved for all sizes.
"""

from __future__ import annotations

import sympy as sp

from derive import notation as nt
from derive.catalogue import CATALOGUE
from derive.identities._common import SEED_002, src
from derive.identity import Claim, Identity, Variable, gradient

W = Variable("W", "real", ("m", "k"), latex="W")
A = Variable("A", "real", ("k", "n"), latex="A")


def _build(v, sizes):
    w, a = v["W"], v["A"]
    z = w * a
    blocks_l, blocks_r = [], []
    for i in range(z.rows):
        for j in range(z.cols):
            blocks_l.append(gradient(z[i, j], w))
            expected = sp.zeros(w.rows, w.cols)
            expected[i, :] = a[:, j].T
            blocks_r.append(expected)
    return Claim(sp.Matrix.vstack(*blocks_l), sp.Matrix.vstack(*blocks_r), v)


def _index():
    i, j, r, c, k = sp.symbols("i j r c l", integer=True)  # k prints as l, as in the seed
    K = sp.Symbol("k", integer=True, positive=True)
    wb, ab = sp.IndexedBase("W", real=True), sp.IndexedBase("A", real=True)
    z_ij = sp.Sum(wb[i, k] * ab[k, j], (k, 1, K))
    return sp.diff(z_ij, wb[r, c]), sp.KroneckerDelta(i, r) * ab[c, j]


_m, _k, _n = sp.symbols("m k n", integer=True, positive=True)
_W = sp.MatrixSymbol("W", _m, _k)
_A = sp.MatrixSymbol("A", _k, _n)
_i, _j = sp.symbols("i j", integer=True)

CATALOGUE.register(Identity(
    id="matmul-row-gradient",
    title="Row gradient of a matrix product entry",
    topic="matrix-calculus",
    sources=(src(SEED_002, "§1"),),
    variables=(W, A),
    build=_build,
    size_bounds={"m": 3, "k": 3, "n": 3},
    statement=lambda: (nt.Grad((_W * _A)[_i, _j], _W[_i, :]), _A[:, _j].T),
    index_form=_index,
    derivation=r"z_{ij} = \sum_l w_{il}a_{lj} \Rightarrow "
               r"\frac{\partial z_{ij}}{\partial w_{rc}} = \mathbf{1}\{r=i\}a_{cj}",
    convention="The left side stacks ∂z_ij/∂W for every (i, j); row r ≠ i of each block is 0.",
))
