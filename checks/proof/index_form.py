"""Proof for symbolic size: claims in index form (Sum, Indexed, KroneckerDelta).

An identity's ``index_form()`` returns (lhs, rhs) at symbolic size, e.g. for
softmax-partials lhs = ∂/∂x_j [e^{x_i} / Σ_{k=1}^{n} e^{x_k}] (SymPy differentiates the
Indexed definition: ∂x_k/∂x_j = δ_kj) and rhs = S_i δ_ij − S_i S_j.

The proof, for every n at once:
1. Collapse δ-sums explicitly: a term Σ_{k=a}^{b} f(k)·δ(k, e) with e free of k becomes
   f(e). ASSUMPTION (stated in every result): the free indices and the labels lie in the
   range of the sums they meet (1 ≤ i, j ≤ n; 1 ≤ y_p ≤ C), i.e. the claim is about
   entries that exist; one-hot rows then sum to 1 because Δ_pq = δ(q, y_p).
2. Split on every remaining δ(a, b): a = b (one side replaced by the other, so e^{x_j}
   becomes e^{x_i}) or a ≠ b (δ = 0, and e^{x_i}, e^{x_j} stay distinct atoms).
3. In each case, replace each remaining Sum by a fresh positive symbol (sums of
   exponentials; the same Sum on both sides gets the same symbol: sound, see
   derive.checks.proof.canonical) and decide the rational identity exactly with ``prove_zero``
   (exp-rational cancel).
If a case does not reduce to 0, the claim is instantiated at small concrete sizes and
indices (n = 2, 3), the sums are expanded, and both sides are compared at rational points:
a difference there refutes the index form.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable

import sympy as sp
from derive.checks.proof.zero import gradient_anchor, prove_zero

ASSUMPTION = "free indices and labels lie in the ranges of their sums (1 ≤ i ≤ n); one-hot rows sum to 1"


def collapse_delta_sums(expr: sp.Basic) -> sp.Basic:
    """Σ_k f(k)·δ(k, e) → f(e) wherever e does not contain k (bottom-up, nested sums too)."""
    if not isinstance(expr, sp.Basic) or not expr.args or isinstance(expr, (sp.Indexed, sp.IndexedBase, sp.Idx)):
        return expr
    if isinstance(expr, sp.Sum):
        # Σ over several limits (SymPy merges nested sums): innermost limit first.
        body = collapse_delta_sums(expr.function)
        for limit in expr.limits:
            body = _collapse_one(body, limit)
        return body
    return expr.func(*[collapse_delta_sums(a) for a in expr.args])


def _collapse_one(body: sp.Expr, limit: tuple) -> sp.Expr:
    """Σ_{k=a}^{b} body, with the terms that carry δ(k, e) collapsed to body(k := e)."""
    k, a, b = limit
    kept, collapsed = [], []
    for term in sp.Add.make_args(sp.expand_mul(sp.expand_power_exp(body))):
        hit = _delta_on(term, k)
        if hit is None:
            kept.append(term)
            continue
        factor, other = hit
        rest = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not factor])
        collapsed.append(collapse_delta_sums(rest.xreplace({k: other})))
    out = sp.Add(*collapsed)
    # Factors free of k leave the sum, so that an outer sum can see their δ's.
    groups: dict[sp.Expr, list[sp.Expr]] = {}
    for term in kept:
        factors = sp.Mul.make_args(term)
        outside = sp.Mul(*[f for f in factors if k not in f.free_symbols])
        inside = sp.Mul(*[f for f in factors if k in f.free_symbols])
        groups.setdefault(inside, []).append(outside)
    for inside, outsides in groups.items():
        out += sp.Add(*outsides) * (sp.Sum(inside, (k, a, b)) if k in inside.free_symbols else (b - a + 1) * inside)
    return out


def _delta_on(term: sp.Expr, k: sp.Symbol) -> tuple[sp.Expr, sp.Expr] | None:
    for f in sp.Mul.make_args(term):
        base = f.base if (f.is_Pow and f.exp.is_Integer and f.exp > 0) else f
        if isinstance(base, sp.KroneckerDelta):
            u, v = base.args
            if u == k and k not in v.free_symbols:
                return f, v
            if v == k and k not in u.free_symbols:
                return f, u
    return None


def _deltas(expr: sp.Basic) -> list[sp.KroneckerDelta]:
    """The δ's between free indices only. A δ that involves a summation variable (left
    inside a sum after collapsing) is not split on: its truth varies with that variable, so
    it stays inside the sum's atom, and the proof can only fail, never wrongly succeed."""
    bound = {limit[0] for s in expr.atoms(sp.Sum) for limit in s.limits}
    return sorted((d for d in expr.atoms(sp.KroneckerDelta) if not (d.free_symbols & bound)), key=sp.default_sort_key)


def _cases(expr: sp.Expr) -> Iterable[tuple[str, sp.Expr]]:
    """Every case of the remaining δ's: (description, expression without δ)."""
    deltas = _deltas(expr)
    if not deltas:
        yield "", expr
        return
    d = deltas[0]
    u, v = d.args
    # Equal: replace a plain index symbol by the other side (prefer replacing a Symbol).
    if isinstance(v, sp.Symbol):
        eq = expr.xreplace({v: u})
    elif isinstance(u, sp.Symbol):
        eq = expr.xreplace({u: v})
    else:
        eq = expr.xreplace({v: u})
    for desc, e in _cases(sp.sympify(eq)):
        yield ", ".join(filter(None, [f"{u} = {v}", desc])), e
    ne = expr.xreplace({d: sp.S.Zero})
    for desc, e in _cases(ne):
        yield ", ".join(filter(None, [f"{u} ≠ {v}", desc])), e


def _merge_sums(expr: sp.Expr) -> sp.Expr:
    """c₁Σ_l f + c₂Σ_l g → Σ_l (c₁f + c₂g) for sums over the same range, and a merged sum
    whose body is exactly 0 (``prove_zero``) is dropped: Σ of 0 is 0 for any range."""
    groups: dict = {}
    rest = []
    for term in sp.Add.make_args(expr):
        coeff, core = term.as_coeff_Mul()
        if isinstance(core, sp.Sum) and len(core.limits) == 1:
            groups.setdefault(core.limits, []).append(coeff * core.function)
        else:
            rest.append(term)
    for limits, bodies in groups.items():
        if len(bodies) == 1:
            rest.append(sp.Sum(bodies[0], *limits))
            continue
        body = sp.Add(*bodies)
        if not prove_zero(body)[0]:
            rest.append(sp.Sum(body, *limits))
    return sp.Add(*rest)


def _canonical_sum(s: sp.Sum) -> sp.Sum:
    """The same sum with its bound variables renamed _b0, _b1, … (Σ_k e^{x_k} and
    Σ_j e^{x_j} are one sum)."""
    body, limits = s.function, []
    for depth, (k, a, b) in enumerate(s.limits):
        bound = sp.Symbol(f"_b{depth}", integer=True)
        body = body.xreplace({k: bound})
        limits.append((bound, a, b))
    return sp.Sum(body, *limits)


def _atomize_sums(expr: sp.Expr, table: dict) -> sp.Expr:
    """Each Sum → a real symbol, one per sum up to renaming of its bound variables. No sign
    is assumed (cancel does not need one, and a sum need not be positive)."""
    replace = {}
    for s in expr.atoms(sp.Sum):
        key = _canonical_sum(s)
        if key not in table:
            table[key] = sp.Symbol(f"_sum{len(table)}", real=True)
        replace[s] = table[key]
    return expr.xreplace(replace)


def prove_index_form(identity) -> tuple[bool, str]:
    """(True, "index-form") if the identity's index form holds for every size (under
    ``ASSUMPTION``); (False, method) otherwise, the method saying whether a concrete
    instance refuted it or the proof only failed."""
    lhs, rhs = identity.index_form()
    return prove_index_pair(lhs, rhs)


def prove_index_pair(lhs: sp.Expr, rhs: sp.Expr) -> tuple[bool, str]:
    diff = _merge_sums(collapse_delta_sums(sp.sympify(lhs)) - collapse_delta_sums(sp.sympify(rhs)))
    table: dict = {}
    for desc, case in _cases(diff):
        reduced = _atomize_sums(case, table)
        ok, _ = prove_zero(reduced)
        if not ok and reduced.has(sp.log):
            ok = _gradient_anchor_index(reduced)
        if not ok:
            where = refute_concrete(lhs, rhs)
            if where:
                return False, f"index-form refuted at {where}"
            return False, f"index-form not proved (case {desc or 'all'})"
    return True, "index-form"


def _gradient_anchor_index(expr: sp.Expr) -> bool:
    ok, _ = gradient_anchor(expr, sorted(expr.free_symbols, key=str))
    return ok


def refute_concrete(lhs: sp.Expr, rhs: sp.Expr, *, sizes: Iterable[int] = (2, 3), seed: int = 0) -> str | None:
    """Instantiate at small sizes: expand the sums, give free indices every value in range
    and the Indexed entries rational values; return where the sides differ, or None."""
    rng = random.Random(seed)
    lhs, rhs = sp.sympify(lhs), sp.sympify(rhs)
    both = lhs - rhs
    size_syms = sorted(
        {lim[2] for s in both.atoms(sp.Sum) for lim in s.limits if isinstance(lim[2], sp.Symbol)}
        | {f for f in both.free_symbols if f.is_integer and f.is_positive},
        key=str,
    )
    labels = {e.base.label for e in both.atoms(sp.Indexed)}
    index_syms = sorted(
        {
            f
            for f in both.free_symbols
            if isinstance(f, sp.Symbol) and f.is_integer and f not in size_syms and f not in labels
        },
        key=str,
    )
    for size in sizes:
        sub = {s: size for s in size_syms}
        for values in itertools.product(range(1, size + 1), repeat=len(index_syms)):
            point = dict(sub)
            point.update(dict(zip(index_syms, values, strict=True)))
            a = lhs.xreplace(point).doit()
            b = rhs.xreplace(point).doit()
            entries = {}
            for e in sorted(a.atoms(sp.Indexed) | b.atoms(sp.Indexed), key=sp.default_sort_key):
                if e.base.label.is_integer:  # labels: a class in range
                    entries[e] = rng.randint(1, size)
            a, b = a.xreplace(entries).doit(), b.xreplace(entries).doit()
            for e in sorted(a.atoms(sp.Indexed) | b.atoms(sp.Indexed), key=sp.default_sort_key):
                entries[e] = sp.Rational(rng.randint(-6, 6), rng.randint(1, 3))
            va, vb = sp.N(a.xreplace(entries), 30), sp.N(b.xreplace(entries), 30)
            if va.is_number and vb.is_number and abs(complex(va - vb)) > 1e-20:
                where = ", ".join(f"{k} = {v}" for k, v in point.items())
                return where
    return None
