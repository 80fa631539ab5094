"""Exact points: is a difference real at a point, and a search for one at simple values.

The judge's verdict ``refuted`` rests on these alone: sampling in floats and the prover's own
counterexamples are only candidates until :func:`confirm` evaluates both sides at the exact
point (50 digits, checked again at 120) inside the claim's domains and conditions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp
from derive.checks.proof.canonical import to_exp
from derive.checks.proof.cases import Case, default_domain
from derive.checks.proof.domains import Domain

__all__ = ["confirm", "exact_search"]

#: Where the exact search looks when the prover neither proves nor refutes: simple values
#: of each case's parameters (a person can redo the arithmetic), signs mixed for real ones.
_SEARCH_POSITIVE = (sp.S.One, sp.Integer(2), sp.S.Half, sp.Integer(3), sp.Rational(1, 3), sp.Integer(5))
_SEARCH_REAL = (sp.S.One, sp.Integer(-2), sp.S.Half, sp.Integer(-1), sp.Integer(3), sp.Rational(-1, 3))


def _inside(
    values: Mapping[sp.Symbol, sp.Expr],
    domains: Mapping[str, Domain],
    conditions: Sequence[sp.Basic],
    avoid: Sequence[sp.Expr] = (),
) -> bool:
    """True only if the point provably lies in every domain, meets every condition, and
    keeps every ``avoid`` expression (a kink's argument) provably away from 0."""
    for g in avoid:
        if sp.Ne(g.xreplace(dict(values)), 0) is not sp.true:
            return False
    for s, v in values.items():
        if s.is_integer and not v.is_integer:
            return False
        domain = domains.get(str(s)) or default_domain(s)
        if domain is None:
            continue
        checks = [
            domain.lower == -sp.oo or (v >= domain.lower if domain.lower_closed else v > domain.lower),
            domain.upper == sp.oo or (v <= domain.upper if domain.upper_closed else v < domain.upper),
            not domain.nonzero or sp.Ne(v, 0),
        ]
        if not all(c is True or c is sp.true for c in checks):
            return False
    for relation in conditions:
        if relation.xreplace(dict(values)) is not sp.true:
            return False
    return True


def confirm(
    lhs: sp.Expr,
    rhs: sp.Expr,
    values: Mapping[sp.Symbol, sp.Expr],
    *,
    domains: Mapping[str, Domain] | None = None,
    conditions: Sequence[sp.Basic] = (),
    avoid: Sequence[sp.Expr] = (),
) -> dict[str, Any] | None:
    """Both sides at an exact point, to 50 digits: a counterexample if they really differ
    there, both are real numbers, and the point is inside the domains and conditions (and
    off the zeros of ``avoid``: kinks where the judge was asked not to decide)."""
    values = {s: v for s, v in values.items() if isinstance(s, sp.Symbol)}
    if not _inside(values, domains or {}, conditions, avoid):
        return None
    try:
        exact = [side.xreplace(values) for side in (lhs, rhs)]
        approx = [sp.N(to_exp(e), 50) for e in exact]
        if any(not a.is_number or a.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I) for a in approx):
            return None
        if not _stable(exact, approx):
            return None  # 1 - σ(736) at 50 digits is rounding noise: no counterexample
        gap = abs(approx[0] - approx[1])
        if not gap > sp.Float("1e-30") * max(1, abs(approx[0]), abs(approx[1])):
            return None
    except (ZeroDivisionError, TypeError, ValueError, ArithmeticError):
        return None
    shown = [sp.sstr(e) if e.is_Rational else sp.sstr(sp.N(a, 12)) for e, a in zip(exact, approx, strict=True)]
    record: dict[str, Any] = {
        "point": {str(n): sp.sstr(v) for n, v in sorted(values.items(), key=lambda kv: str(kv[0]))},
        "lhs": shown[0],
        "rhs": shown[1],
    }
    if shown[0] == shown[1] or gap < sp.Float("1e-9") * max(1, abs(approx[0])):
        # Equal in the digits shown: say how far apart they are.
        record["difference"] = sp.sstr(sp.N(approx[0] - approx[1], 6))
    # The exact values too, so a person can check the point by hand (tanh(3/2)/2 ...).
    for key, e in zip(("lhs_exact", "rhs_exact"), exact, strict=True):
        if not e.is_Rational and len(sp.sstr(e)) <= 200:
            record[key] = sp.sstr(e)
    return record


def _stable(exact: list[sp.Expr], approx: list[sp.Expr]) -> bool:
    """Do both sides keep their value at 120 digits? A side that cancels beyond 50 digits
    (log(1 - σ(z)) at z in the hundreds) gives rounding noise there, which is no value."""
    for e, a in zip(exact, approx, strict=True):
        try:
            fine = sp.N(to_exp(e), 120)
        except (ZeroDivisionError, TypeError, ValueError, ArithmeticError):
            return False
        if not fine.is_number or fine.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I):
            return False
        if abs(fine - a) > sp.Float("1e-25", 120) * max(1, abs(fine)):
            return False
    return True


def exact_search(
    lhs: sp.Expr,
    rhs: sp.Expr,
    case: Case,
    *,
    domains: Mapping[str, Domain] | None = None,
    conditions: Sequence[sp.Basic] = (),
    avoid: Sequence[sp.Expr] = (),
) -> dict[str, Any] | None:
    """A confirmed counterexample at simple points of one case, or None.

    The prover's own search looks only at the symbols of lhs − rhs after SymPy's automatic
    simplification, so a difference that is a non-zero constant (x + 1/10**20 against x)
    goes unrefuted there; evaluating both sides exactly here catches it."""
    params = case.params
    for attempt in range(len(_SEARCH_POSITIVE)):
        at = {}
        for k, p in enumerate(params):
            table = _SEARCH_POSITIVE if p.is_positive else _SEARCH_REAL
            at[str(p)] = table[(attempt + k) % len(table)]
        values = case.point(at)
        for k, s in enumerate(sorted((lhs.free_symbols | rhs.free_symbols) - set(values), key=str)):
            # Symbols no case maps (integer indices): small positive integers, equal for
            # neighbours on every other attempt (δ_ij is 1 only where i = j).
            values[s] = sp.Integer(1 + ((attempt + k) // 2) % 3)
        found = confirm(lhs, rhs, values, domains=domains, conditions=conditions, avoid=avoid)
        if found is not None:
            return found
    return None
