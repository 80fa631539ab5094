"""Kinks: where the named functions are not smooth, and deciding them once a case fixes
their arguments' signs. Used by the case split (derive.checks.proof.cases) and the judge.

``kink_arguments`` lists the expressions whose zeros are kinks (from the function table of
derive.functions, plus every pair of a max's arguments and Piecewise conditions), each
factored so that (1 − α)(x − 1) splits at α = 1 and at x = 1 on its own. ``settle``
evaluates a kink function whose argument's sign SymPy sees only once it is factored.
"""

from __future__ import annotations

import itertools

import sympy as sp

from derive.functions import FUNCTIONS
from derive.functions import kink_arguments as table_kinks

__all__ = ["evident", "kink_arguments", "known_sign", "settle"]


def kink_arguments(*exprs: sp.Basic) -> list[sp.Expr]:
    """Every expression whose zero is a kink of one of ``exprs``: the named functions' own
    kinks (``derive.functions.kink_arguments``: abs, sign, step, relu, leaky_relu, max, min),
    a − b for EVERY pair of a max's or min's arguments (the table lists the first pair only),
    and lhs − rhs of each relation in a Piecewise condition. Sorted, without repeats, and
    up to sign and scale (x − 1 and 2 − 2x are one kink)."""
    found: set[sp.Expr] = set()
    for expr in exprs:
        if not isinstance(expr, sp.Basic):
            continue
        found |= set(table_kinks(expr))
        for node in expr.atoms(sp.Max, sp.Min):
            found |= {a - b for a, b in itertools.combinations(node.args, 2)}
        for node in expr.atoms(sp.Piecewise):
            for _, condition in node.args:
                if isinstance(condition, sp.Basic):
                    found |= {r.lhs - r.rhs for r in condition.atoms(sp.core.relational.Relational)}
    canonical = {_canonical(f) for g in found if getattr(g, "free_symbols", None) for f in _factors(g)}
    return sorted(canonical, key=sp.default_sort_key)


def _factors(g: sp.Expr) -> list[sp.Expr]:
    """The factors whose signs give g's sign: (1 − α)(x − 1) is 0 where α = 1 or x = 1, and
    x² − 1 where x = ±1, so each factor is split on its own (a linear one exactly)."""
    try:
        if g.is_polynomial(*g.free_symbols):
            return [f for f, _ in sp.factor_list(g)[1] if f.free_symbols] or [g]
    except (sp.PolynomialError, NotImplementedError):
        pass
    parts = sp.Mul.make_args(sp.factor_terms(g))
    bases = [f.base if f.is_Pow and f.exp.is_Integer and f.exp > 0 else f for f in parts]
    return [f for f in bases if f.free_symbols] or [g]


def _canonical(g: sp.Expr) -> sp.Expr:
    """−g and g (and 2g) have the same zero: keep one of them."""
    _, primitive = sp.factor_terms(g).as_coeff_Mul()
    return -primitive if sp.Expr.could_extract_minus_sign(primitive) else primitive


def evident(g: sp.Expr) -> sp.Expr | None:
    """g in a form whose sign SymPy sees (over one denominator, factored), or None."""
    if g.is_zero or g.is_extended_positive or g.is_extended_negative:
        return g
    if sp.count_ops(g) > 60:
        return None
    factored = sp.factor(sp.together(g))
    return factored if factored.is_zero or factored.is_extended_positive or factored.is_extended_negative else None


def settle(expr: sp.Basic) -> sp.Basic:
    """``expr`` with each kink function whose argument's sign a case fixes evaluated, where
    SymPy sees that sign only after factoring (relu((x − 1)(x + 1)) for −1 < x < 1 mapped
    as x = −1 + 2/(1 + t)). Only equal forms are substituted, so the value never changes."""
    for _ in range(4):  # nested kinks settle from the inside out
        swap: dict[sp.Basic, sp.Basic] = {}
        for node in expr.atoms(sp.Function, sp.Max, sp.Min):
            record = FUNCTIONS.for_node(type(node))
            if isinstance(node, (sp.Max, sp.Min)):
                settled = _settle_extremum(node)
            elif record is not None and record.kinks and node.args and evident(node.args[0]) is not None:
                settled = node.func(evident(node.args[0]), *node.args[1:])
            else:
                continue
            if settled is not None and settled != node:
                swap[node] = settled
        if not swap:
            return expr
        expr = expr.xreplace(swap)
    return expr


def _settle_extremum(node: sp.Expr) -> sp.Expr | None:
    """The argument of a max (min) that every other is provably at most (at least)."""
    for candidate in node.args:
        gaps = [evident(candidate - other) for other in node.args if other is not candidate]
        if all(g is not None and (g.is_nonnegative if isinstance(node, sp.Max) else g.is_nonpositive) for g in gaps):
            return candidate
    return None


def known_sign(g: sp.Expr) -> bool:
    """Whether SymPy can tell g's sign; a quotient such as k − k/(1 + t) is put over one
    denominator and factored first (−k·t/(1 + t) < 0), for arguments of modest size."""
    return evident(g) is not None
