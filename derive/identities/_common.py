"""Shared pieces of the topic modules: the seed files, the source strings, and small
builders. Sources name the seed file and the question as IDENTITIES.md does."""

from __future__ import annotations

import sympy as sp

SEED_000 = "000_60ebaa0f0f2cb965.txt"
SEED_001 = "001_6df6721d1f90bea6.txt"
SEED_002 = "002_21edfd6ed03260bb.txt"
SEED_003 = "003_b88d1fdf48f4c101.txt"
SEED_004 = "004_c20b417d9ce3330f.txt"


def src(seed: str, where: str) -> str:
    """'001_6df6721d1f90bea6.txt Q1(a)'."""
    return f"{seed} {where}"


def explicit_softmax_rows(z: sp.Matrix) -> sp.Matrix:
    """ψ(Z): the softmax of each row of an explicit matrix, straight from the definition
    e^{z_ic} / Σ_k e^{z_ik}."""
    out = sp.zeros(*z.shape)
    for i in range(z.rows):
        total = sp.Add(*[sp.exp(z[i, k]) for k in range(z.cols)])
        for j in range(z.cols):
            out[i, j] = sp.exp(z[i, j]) / total
    return out


def ce_rows(z: sp.Matrix, labels: sp.Matrix) -> sp.Expr:
    """Σ_i Σ_c −Δ_ic log ψ(z)_ic: with one-hot rows this is Σ_i −log ψ(z_i)_{y_i}, the
    cross-entropy of the definition (each row's softmax written out, not a library call)."""
    p = explicit_softmax_rows(z)
    return sp.Add(*[-labels[i, c] * sp.log(p[i, c]) for i in range(z.rows) for c in range(z.cols)])


def as_column(m: sp.Matrix) -> sp.Matrix:
    return m.reshape(len(m), 1)
