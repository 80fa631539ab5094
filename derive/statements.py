"""An identity's display statement made explicit at concrete sizes, to hold it against what
``build`` proves.

A statement is written at symbolic shape for the report (``MatrixSymbol`` W2, sizes N and C,
index symbols i and j); ``build`` states the same claim with explicit matrices of symbols.
``explicit_statement`` substitutes the build's values into the statement (matrices by name,
sizes by name, free indices i, j, y ... by every value), so that the prover can decide
``statement ≡ build`` exactly; tests/test_statements.py does so for every registered id, and a
statement that says something other than what was proved fails there.

Left sides that only name what is differentiated (``Grad(J, W2)``, a symbol such as n_θ) are
labels, not formulas: ``explicit_statement`` returns None for them.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from derive import notation as nt
from derive.identity import Claim, Identity

__all__ = ["LAYOUTS", "NotExplicit", "STATEMENT_NAMES", "explicit_statement", "smallest_sizes", "statement_pairs"]

#: Names a statement uses for a build's variable (the column layout's matrices carry a "c").
STATEMENT_NAMES: Mapping[str, str] = {
    "W1c": "W1",
    "b1c": "b1",
    "W2c": "W2",
    "b2c": "b2",
    "h_s": "hs",
    "h_a": "ha",
    "Wl": "W",
}


class NotExplicit(ValueError):
    """A statement that cannot be instantiated from the build's values (it names something
    the build does not have)."""


def smallest_sizes(identity: Identity) -> dict[str, int]:
    """Sizes of 2 where allowed (1 can hide a transposition), else the bounds."""
    sizes = {}
    for name, bound in identity.size_bounds.items():
        sizes[name] = max(identity.size_minimums.get(name, 1), min(2, bound))
    return sizes


def _forward_names() -> dict[str, sp.Basic]:
    """Forward quantities a statement may write out in full where the build has a variable."""
    return {"h_s": nt.h_s, "h_a": nt.h_a, "z2": nt.z2, "a2": nt.a2, "z3": nt.z3, "o_a": nt.o_a}


def _value_for(name: str, values: Mapping[str, object]) -> object | None:
    if name in values:
        return values[name]
    alias = STATEMENT_NAMES.get(name)
    return values.get(alias) if alias is not None else None


def _substitute(expr: sp.Basic, claim: Claim, sizes: Mapping[str, int]) -> sp.Basic:
    values = claim.values
    # A forward quantity written out where the build has it as an input: use the input.
    for name, forward in _forward_names().items():
        if _value_for(name, values) is not None and expr.has(forward):
            expr = expr.xreplace({forward: sp.MatrixSymbol(name, *forward.shape)})
    size_table = {s: sizes[s.name] for s in expr.atoms(sp.Symbol) if s.name in sizes}
    expr = expr.xreplace(size_table) if size_table else expr
    table: dict[sp.Basic, sp.Basic] = {}
    for m in expr.atoms(sp.MatrixSymbol):
        value = _value_for(m.name, values)
        if not isinstance(value, sp.MatrixBase):
            raise NotExplicit(f"the statement's matrix {m.name} is not a matrix of the build")
        if tuple(m.shape) != tuple(value.shape):
            raise NotExplicit(f"the statement's {m.name} is {m.shape}, the build's is {value.shape}")
        table[m] = sp.ImmutableMatrix(value)
    for s in expr.atoms(sp.Symbol):
        value = _value_for(s.name, values)
        if isinstance(value, sp.Expr) and value != s:
            table[s] = value
    return expr.xreplace(table) if table else expr


def _indices(expr: sp.Basic, sizes: Mapping[str, int]) -> list[sp.Symbol]:
    """Free integer symbols left after substitution: the entry indices of a formula for one
    entry (i, j of ∂S_i/∂x_j; y of a label)."""
    return sorted((s for s in expr.free_symbols if isinstance(s, sp.Symbol) and s.is_integer), key=str)


def _as_explicit(expr: sp.Basic) -> sp.Basic:
    """Carry out what is only written (matrix expressions, derivatives, finite sums) and
    nothing else: a full ``doit`` would also rewrite sign(x) as x/|x| for a nonzero x."""
    if isinstance(expr, sp.MatrixExpr):
        expr = expr.as_explicit()
    if isinstance(expr, sp.MatrixBase):
        return sp.Matrix(expr).applyfunc(_carry_out)
    return _carry_out(expr)


def _carry_out(expr: sp.Basic) -> sp.Basic:
    written = (sp.Derivative, sp.Sum, sp.MatrixExpr)
    for _ in range(4):  # a derivative of a sum, an entry of a product: a few rounds at most
        if not expr.has(*written):
            break
        expr = expr.replace(lambda e: isinstance(e, (sp.Derivative, sp.Sum)), lambda e: e.doit(deep=False))
        expr = expr.replace(lambda e: isinstance(e, MatrixElement), lambda e: _entry(e))
    return expr


def _entry(e: MatrixElement) -> sp.Basic:
    parent = e.parent
    if isinstance(parent, sp.MatrixExpr) and not isinstance(parent, sp.MatrixSymbol):
        return parent.as_explicit()[int(e.i), int(e.j)] if e.i.is_Integer and e.j.is_Integer else e
    return e


def explicit_statement(identity: Identity, sizes: Mapping[str, int] | None = None) -> tuple[sp.Basic | None, sp.Basic]:
    """(lhs or None for a label, rhs) of ``identity.statement()`` with the values of
    ``identity.instantiate(sizes)`` substituted, as explicit SymPy objects in the shape of the
    build's sides. Raises NotExplicit when the statement cannot be instantiated."""
    if identity.statement is None:
        raise NotExplicit(f"{identity.id} has no statement")
    sizes = dict(smallest_sizes(identity) if sizes is None else sizes)
    claim = identity.instantiate(sizes)
    lhs, rhs = identity.statement()
    if rhs.atoms(AppliedUndef) or lhs.atoms(AppliedUndef):
        raise NotExplicit(
            f"{identity.id} states a scheme for an arbitrary function "
            f"({', '.join(sorted({str(f.func) for f in rhs.atoms(AppliedUndef)}))})"
        )
    out_rhs = _entrywise(_substitute(rhs, claim, sizes), claim.rhs, sizes)
    out_lhs = None
    if not _is_label(lhs):
        try:
            out_lhs = _entrywise(_substitute(lhs, claim, sizes), claim.lhs, sizes)
        except NotExplicit:
            out_lhs = None  # the left side names a matrix defined elsewhere (J_S): a label
    return out_lhs, out_rhs


def statement_pairs(identity: Identity, sizes: Mapping[str, int] | None = None) -> list[tuple[sp.Basic, sp.Basic]]:
    """(stated, built) pairs that must be equal when the statement says what ``build`` proves:
    both sides where the left side is a formula, else the right side; identities whose build
    stacks several claims (``LAYOUTS``) compare the part the statement states."""
    sizes = dict(smallest_sizes(identity) if sizes is None else sizes)
    claim = identity.instantiate(sizes)
    layout = LAYOUTS.get(identity.id)
    if layout is not None:
        return layout(identity, claim, sizes)
    lhs, rhs = explicit_statement(identity, sizes)
    pairs = [(rhs, claim.rhs)]
    if lhs is not None:
        pairs.append((lhs, claim.lhs))
    return pairs


def _is_label(lhs: sp.Basic) -> bool:
    """A left side that names the thing differentiated instead of computing it."""
    return isinstance(lhs, (nt.Grad, sp.Symbol))


# --------------------------------------------------------------------------- stacked builds


def _vec_weights(identity: Identity, claim: Claim, sizes: Mapping[str, int]) -> list[tuple[sp.Basic, sp.Basic]]:
    """elastic-net-gradient: the build stacks vec(∂/∂W) (row by row) over the biases' zeros."""
    _, rhs = explicit_statement(identity, sizes)
    n = rhs.rows * rhs.cols
    return [(rhs.reshape(n, 1), claim.rhs[:n, :])]


def _last_row(identity: Identity, claim: Claim, sizes: Mapping[str, int]) -> list[tuple[sp.Basic, sp.Basic]]:
    """softmax-simplex: the build's last row is the sum 1ᵀS(x) = 1 (the rows above, the signs)."""
    lhs, rhs = explicit_statement(identity, sizes)
    return [(rhs, claim.rhs[-1:, :]), (lhs, claim.lhs[-1:, :])]


def _widths(identity: Identity, claim: Claim, sizes: Mapping[str, int]) -> list[tuple[sp.Basic, sp.Basic]]:
    """mlp-parameter-count: row 1 is the general widths n_0..n_L, row 0 the seed's d, d_h, m."""
    _, rhs = explicit_statement(identity, sizes)
    rhs = rhs.xreplace({e: claim.values[f"{e.base}{e.indices[0]}"] for e in rhs.atoms(sp.Indexed)})
    seed = rhs.xreplace({claim.values[f"n{k}"]: claim.values[name] for k, name in enumerate(("d", "d_h", "m"))})
    return [(rhs, claim.rhs[1, 0]), (seed, claim.rhs[0, 0])]


def _row_blocks(identity: Identity, claim: Claim, sizes: Mapping[str, int]) -> list[tuple[sp.Basic, sp.Basic]]:
    """matmul-row-gradient: the build stacks ∂z_ij/∂W (m×k blocks, (i, j) in row-major order);
    the statement gives row i of block (i, j), a_{:,j}ᵀ (the same for every i)."""
    _, rhs = identity.statement()
    rhs = _substitute(rhs, claim, sizes)
    (j,) = _indices(rhs, sizes)
    m, n = sizes["m"], sizes["n"]
    pairs = []
    for a, b in itertools.product(range(m), range(n)):
        stated = _as_explicit(rhs.xreplace({j: sp.Integer(b)}))
        block = (a * n + b) * m
        pairs.append((sp.Matrix(stated), claim.rhs[block + a : block + a + 1, :]))
    return pairs


#: Identities whose build is laid out differently from their statement.
LAYOUTS = {
    "elastic-net-gradient": _vec_weights,
    "softmax-simplex": _last_row,
    "mlp-parameter-count": _widths,
    "matmul-row-gradient": _row_blocks,
}


def _entrywise(expr: sp.Basic, like: sp.Basic, sizes: Mapping[str, int]) -> sp.Basic:
    """The explicit value; a formula for one entry (free indices) becomes the matrix of all
    entries, indices in name order over the rows and columns of ``like``."""
    indices = _indices(expr, sizes)
    if not indices:
        value = _as_explicit(expr)
        if isinstance(like, sp.MatrixBase) and not isinstance(value, sp.MatrixBase):
            value = sp.Matrix([[value]]) if like.shape == (1, 1) else value
        return _fix_float(value)
    if not isinstance(like, sp.MatrixBase) or len(indices) > 2:
        raise NotExplicit(f"free indices {indices} with a build side of shape {getattr(like, 'shape', ())}")
    shape = like.shape if len(indices) == 2 else (like.rows * like.cols,)
    entries = [
        _as_explicit(expr.xreplace(dict(zip(indices, map(sp.Integer, point), strict=True))))
        for point in itertools.product(*(range(n) for n in shape))
    ]
    return _fix_float(sp.Matrix(like.rows, like.cols, entries))


def _fix_float(value: sp.Basic) -> sp.Basic:
    """A decimal the statement prints (4.90) as the exact rational it stands for."""
    if isinstance(value, sp.Float):
        return sp.Rational(str(value))
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(lambda e: sp.Rational(str(e)) if isinstance(e, sp.Float) else e)
    return value
