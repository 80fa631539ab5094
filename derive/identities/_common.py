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
        exps = [_exp(z[i, k]) for k in range(z.cols)]
        total = sp.Add(*exps)
        for j in range(z.cols):
            out[i, j] = exps[j] / total
    return out


def _exp(t: sp.Expr) -> sp.Expr:
    """e^t; a symbolic sum's exponential never simplifies, so its (slow) eval is skipped.
    The same node results either way."""
    return sp.exp(t, evaluate=False) if t.is_Add else sp.exp(t)


def ce_rows(z: sp.Matrix, labels: sp.Matrix) -> sp.Expr:
    """Σ_i Σ_c −Δ_ic log ψ(z)_ic: with one-hot rows this is Σ_i −log ψ(z_i)_{y_i}, the
    cross-entropy of the definition (each row's softmax written out, not a library call)."""
    p = explicit_softmax_rows(z)
    return sp.Add(*[-labels[i, c] * sp.log(p[i, c]) for i in range(z.rows) for c in range(z.cols)])


def ce_rows_logits(z: sp.Matrix, labels: sp.Matrix) -> sp.Expr:
    """The same cross-entropy written through the logits: Σ_i Σ_c Δ_ic (log Σ_k e^{z_ik} − z_ic),
    by ``cross-entropy-logits`` (−log ψ(z_i)_c = −z_ic + log Σ_k e^{z_ik}, proved for every
    label). The networks' losses use this form: it is smaller, so building and
    differentiating it at every size is faster."""
    terms = []
    for i in range(z.rows):
        lse = sp.log(sp.Add(*[_exp(z[i, k]) for k in range(z.cols)]), evaluate=False)
        for c in range(z.cols):
            terms.append(labels[i, c] * (lse - z[i, c]))
    return sp.Add(*terms)


def mean(total: sp.Expr, n: int) -> sp.Expr:
    """total/n without distributing 1/n over every term (same value, much faster to build)."""
    return total if n == 1 else sp.Mul(sp.Rational(1, n), total, evaluate=False)


def as_column(m: sp.Matrix) -> sp.Matrix:
    return m.reshape(len(m), 1)


# Matrix arithmetic entry by entry with plain Add/Mul. SymPy's own matrix product goes
# through its polynomial-domain machinery and asks commutativity and zero-ness questions of
# every big entry, which dominated the time to build the claims; the values are the same.


def mm(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """A·B."""
    if a.cols != b.rows:
        raise ValueError(f"cannot multiply {a.shape} by {b.shape}")
    entries = [sp.Add(*[sp.Mul(a[i, k], b[k, j]) for k in range(a.cols)]) for i in range(a.rows) for j in range(b.cols)]
    return sp.Matrix(a.rows, b.cols, entries)


def minus(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """A − B."""
    return sp.Matrix(a.rows, a.cols, [sp.Add(x, -y) for x, y in zip(a, b, strict=True)])


def plus(*ms: sp.Matrix) -> sp.Matrix:
    """A + B + …."""
    first = ms[0]
    if any(m.shape != first.shape for m in ms):
        raise ValueError(f"cannot add {[m.shape for m in ms]}")
    return sp.Matrix(first.rows, first.cols, [sp.Add(*entries) for entries in zip(*ms, strict=True)])


def scaled(c: sp.Expr, m: sp.Matrix) -> sp.Matrix:
    """c·M."""
    return sp.Matrix(m.rows, m.cols, [sp.Mul(c, e) for e in m])


def add_bias(m: sp.Matrix, bias: sp.Matrix) -> sp.Matrix:
    """M + 1 biasᵀ: the column ``bias`` added to every row of M (the batch layout's biases)."""
    if len(bias) != m.cols:
        raise ValueError(f"cannot add a bias of {len(bias)} entries to rows of {m.cols}")
    return sp.Matrix(m.rows, m.cols, [sp.Add(m[i, j], bias[j]) for i in range(m.rows) for j in range(m.cols)])


def hadamard(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    """A ⊙ B."""
    return sp.Matrix(a.rows, a.cols, [sp.Mul(x, y) for x, y in zip(a, b, strict=True)])
