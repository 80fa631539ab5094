"""Domain and kink case splits, in one place, for the claim judge.

A claim over real variables is proved case by case. A ``Case`` replaces each variable by an
expression in the case's own parameters, so that every value of the parameters lands inside
the variable's domain and the cases together cover the domain:

1. Domains. A variable's interval becomes one parameter: (0, ∞) a positive symbol, (l, ∞)
   l + t, (−∞, u) u − t, (l, u) l + (u − l)/(1 + t) with t > 0; closed endpoints are their own
   cases. So the prover, the sampler and every counterexample stay inside the domain.
2. Kinks at the zero of a kink function's ARGUMENT (abs, sign, step, relu, leaky_relu,
   max, min, Piecewise conditions; derive.checks.proof.kinks), factor by factor (x² − 1 is
   (x − 1)(x + 1)):
   - a factor linear in one variable (relu(x − 1)) splits that variable's interval at the
     root (x < 1, x = 1, 1 < x); a factor that is not linear splits each of its variables at
     0 (the old rule, still right for abs(x·y)) and is otherwise left to the prover;
   - an argument linear in several parameters (max(a, b): a − b; abs(a − b)) is handled per
     case by substitution: one unbounded parameter p is solved for, p = root ± t or root, so
     the argument itself is −t, 0 or t (t > 0). A positive parameter with a positive root r
     becomes r/(1 + t), r or r + t.
   Splitting repeats until every kink argument has a known sign in every case, or the number
   of cases reaches ``MAX_KINK_CASES`` (then the remaining cases are left whole and
   ``Split.notes`` says so: the prover may then be inconclusive, never wrong).
3. Extra conditions (``a > b``, ``i != j``) linear in several variables are imposed by the
   same substitution (integer indices by integer steps: i = j ± t, t a positive integer);
   single-variable ones narrow that variable's domain.

This module never parses text and never decides anything: the judge proves each case.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp
from derive.checks.proof.domains import Domain
from derive.checks.proof.kinks import kink_arguments, known_sign

from derive.errors import DeriveError

__all__ = [
    "MAX_CASES",
    "MAX_KINK_CASES",
    "Case",
    "CaseLimitError",
    "Split",
    "default_domain",
    "sampling_cases",
    "split_cases",
    "whole_domain",
]

#: Above this many cases the kink split stops (the domain split does not).
MAX_KINK_CASES = 27
#: Above this many cases from the domains alone, the claim is refused.
MAX_CASES = 64


class CaseLimitError(DeriveError):
    """The domains alone split the claim into more than ``MAX_CASES`` cases."""


@dataclass(frozen=True)
class Case:
    """One part of the domain: each variable as an expression in the case's parameters."""

    subs: Mapping[sp.Symbol, sp.Expr]
    labels: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return ", ".join(self.labels)

    @property
    def params(self) -> list[sp.Symbol]:
        found: set[sp.Symbol] = set()
        for value in self.subs.values():
            found |= value.free_symbols
        return sorted(found, key=str)

    def apply(self, expr: sp.Basic) -> sp.Basic:
        return expr.xreplace(dict(self.subs)) if self.subs else expr

    def point(self, values: Mapping[str, sp.Expr]) -> dict[sp.Symbol, sp.Expr]:
        """Exact values of the variables at a point given for the parameters (by name);
        a parameter the point omits (the sides did not depend on it) takes a value that
        is in its range: 1 (positive or real)."""
        given = {p: _exact(values[str(p)]) if str(p) in values else sp.S.One for p in self.params}
        return {s: v.xreplace(given) for s, v in self.subs.items()}

    def with_sub(self, symbol: sp.Symbol, value: sp.Expr, label: str) -> Case:
        """This case with ``symbol`` replaced by ``value``: a parameter inside the
        variables' values, or a variable no domain mapped (an integer index) directly."""
        subs = {s: v.xreplace({symbol: value}) for s, v in self.subs.items()}
        if symbol not in self.params:
            subs[symbol] = value
        return Case(subs, (*self.labels, label) if label else self.labels)


@dataclass
class Split:
    """The cases of a claim, and what the split could not do."""

    cases: list[Case]
    notes: list[str] = field(default_factory=list)


def _exact(value: object) -> sp.Expr:
    return value if isinstance(value, sp.Basic) else sp.Rational(str(value))


def _linear(g: sp.Expr, symbols: Iterable[sp.Symbol]) -> sp.Poly | None:
    symbols = sorted(symbols, key=str)
    if not symbols:
        return None
    poly = g.as_poly(*symbols)
    if poly is None or poly.total_degree() != 1 or not all(c.is_number for c in poly.coeffs()):
        return None
    return poly


# --------------------------------------------------------------------------- domains


def default_domain(symbol: sp.Symbol) -> Domain | None:
    """The interval a symbol's SymPy assumptions state, or None for a symbol that is not
    a real variable (an integer index, a complex symbol): such symbols are never split."""
    if symbol.is_integer or not symbol.is_real:
        return None
    domain = Domain()
    if symbol.is_positive:
        domain.restrict(">", sp.S.Zero)
    elif symbol.is_nonnegative:
        domain.restrict(">=", sp.S.Zero)
    if symbol.is_negative:
        domain.restrict("<", sp.S.Zero)
    elif symbol.is_nonpositive:
        domain.restrict("<=", sp.S.Zero)
    if symbol.is_nonzero and not (symbol.is_positive or symbol.is_negative):
        domain.restrict("!=", sp.S.Zero)
    return domain


def _open_piece(name: str, lower: sp.Expr, upper: sp.Expr, *, nonzero: bool = False) -> tuple[str, sp.Expr]:
    """(label, value) for the open interval (lower, upper) as a symbol or a map of t > 0."""
    label = " < ".join(
        filter(None, [str(lower) if lower.is_finite else "", name, str(upper) if upper.is_finite else ""])
    )
    if lower == -sp.oo and upper == sp.oo:
        if nonzero:
            return f"{name} != 0", sp.Symbol(name, real=True, nonzero=True)
        return "", sp.Symbol(name, real=True)
    if lower == 0 and upper == sp.oo:
        return label, sp.Symbol(name, positive=True)
    # A user's variable never starts with "_", so the parameter cannot clash with one.
    t = sp.Symbol(f"_{name}", positive=True)
    if upper == sp.oo:
        return label, lower + t
    if lower == -sp.oo:
        return label, upper - t
    return label, lower + (upper - lower) / (1 + t)


def interval_pieces(name: str, domain: Domain, breakpoints: Iterable[sp.Expr] = ()) -> list[tuple[str, sp.Expr]]:
    """(label, value) for each part of one variable's domain, split at the breakpoints
    strictly inside it (each breakpoint is its own case, except 0 when 0 is excluded)."""
    lo, hi = domain.lower, domain.upper
    if lo == hi:
        return [(f"{name} = {lo}", lo)]
    cuts = sorted({b for b in breakpoints if bool(lo < b) and bool(b < hi)}, key=lambda b: float(b))
    if domain.nonzero and bool(lo < 0) and bool(0 < hi) and 0 not in cuts:
        # x != 0 on an interval around 0: two open pieces; unbounded both ways, one symbol.
        if cuts or lo != -sp.oo or hi != sp.oo:
            cuts = sorted([*cuts, sp.S.Zero], key=lambda b: float(b))
    pieces: list[tuple[str, sp.Expr]] = []
    if domain.lower_closed:
        pieces.append((f"{name} = {lo}", lo))
    edges = [lo, *cuts, hi]
    for k in range(len(edges) - 1):
        if k > 0 and not (domain.nonzero and edges[k] == 0):
            pieces.append((f"{name} = {edges[k]}", edges[k]))
        whole = len(edges) == 2
        pieces.append(_open_piece(name, edges[k], edges[k + 1], nonzero=whole and domain.nonzero and bool(lo < 0 < hi)))
    if domain.upper_closed:
        pieces.append((f"{name} = {hi}", hi))
    return [(label, value) for label, value in pieces if not (domain.nonzero and value == 0)]


def _breakpoints(arguments: Sequence[sp.Expr], variables: Iterable[sp.Symbol]) -> dict[sp.Symbol, set[sp.Expr]]:
    """Per variable, where a kink argument that depends on it alone is 0 (the root of a
    linear argument, 0 for the variables of a non-linear one). Arguments linear in several
    variables are left to ``_substitute``."""
    variables = set(variables)
    points: dict[sp.Symbol, set[sp.Expr]] = {v: set() for v in variables}
    for g in arguments:
        mine = g.free_symbols & variables
        if not mine:
            continue
        poly = _linear(g, mine)
        if poly is not None and len(mine) == 1:
            (v,) = mine
            c1, c0 = poly.coeff_monomial(v), poly.coeff_monomial(1)
            points[v].add(sp.nsimplify(-c0 / c1))
        elif poly is None:
            for v in mine:
                points[v].add(sp.S.Zero)
    return points


def sampling_cases(
    symbols: Iterable[sp.Symbol], domains: Mapping[str, Domain] | None = None, conditions: Sequence[sp.Basic] = ()
) -> list[Case]:
    """Few cases covering the domains where the conditions hold, none split at a kink or an
    endpoint (what sampling draws from): one case, or two for a condition such as a != b."""
    symbols = sorted(symbols, key=str)
    narrowed, linked = _fold_conditions(conditions, symbols, dict(domains or {}), [])
    cases = [whole_domain(symbols, narrowed)]
    for relation in linked:
        cases = [c for case in cases for c in _impose(case, relation, [])]
    return cases


def whole_domain(symbols: Iterable[sp.Symbol], domains: Mapping[str, Domain]) -> Case:
    """One case covering every variable's whole domain (what sampling draws from)."""
    subs = {}
    for s in sorted(symbols, key=str):
        domain = domains.get(str(s)) or default_domain(s)
        if domain is None:
            continue
        if domain.lower == domain.upper:
            subs[s] = domain.lower
        else:
            subs[s] = _open_piece(str(s), domain.lower, domain.upper, nonzero=domain.nonzero)[1]
    return Case(subs)


# --------------------------------------------------------------------------- splitting


def split_cases(
    exprs: Sequence[sp.Basic],
    domains: Mapping[str, Domain] | None = None,
    conditions: Sequence[sp.Basic] = (),
    *,
    kinks: bool = True,
) -> Split:
    """The cases of a claim whose sides are ``exprs``.

    ``domains`` maps variable names to intervals (a symbol without one gets the interval
    of its SymPy assumptions); ``conditions`` are SymPy relations between variables
    (``a > b``, ``Ne(i, j)``) imposed by substitution where they are linear (a condition
    that cannot be imposed is reported in ``notes`` and must be checked by the caller at
    each counterexample). ``kinks=False`` splits the domains only.

    Raises ``CaseLimitError`` when the domains alone make more than ``MAX_CASES`` cases.
    """
    domains = dict(domains or {})
    symbols = sorted(set().union(*[e.free_symbols for e in exprs if isinstance(e, sp.Basic)]), key=str)
    notes: list[str] = []
    domains, linked = _fold_conditions(conditions, symbols, domains, notes)
    variables = [s for s in symbols if (domains.get(str(s)) or default_domain(s)) is not None]
    arguments = kink_arguments(*exprs) if kinks else []
    points = _breakpoints(arguments, variables)
    table = []
    for v in variables:
        domain = domains.get(str(v)) or default_domain(v)
        table.append((v, interval_pieces(str(v), domain, points[v]), interval_pieces(str(v), domain)))
    split = [t[1] for t in table]
    if math.prod(map(len, split)) > MAX_KINK_CASES:
        split = [t[2] for t in table]
        notes.append(f"the split at kinks would exceed {MAX_KINK_CASES} cases; only the domains are split")
    total = math.prod(map(len, split))
    if total > MAX_CASES:
        raise CaseLimitError(f"the assumptions split the claim into {total} cases; the limit is {MAX_CASES}")
    cases = []
    for combo in itertools.product(*split):
        subs = {v: value for v, (_, value) in zip(variables, combo, strict=True)}
        cases.append(Case(subs, tuple(label for label, _ in combo if label)))
    for relation in linked:
        cases = [c for case in cases for c in _impose(case, relation, notes)]
    if kinks:
        cases = _split_kinks(cases, arguments, notes)
    return Split(cases, notes)


_RELATIONS = {
    sp.StrictGreaterThan: ">",
    sp.GreaterThan: ">=",
    sp.StrictLessThan: "<",
    sp.LessThan: "<=",
    sp.Unequality: "!=",
    sp.Equality: "==",
}
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "!=": "!=", "==": "=="}


def _fold_conditions(
    conditions: Sequence[sp.Basic], symbols: list[sp.Symbol], domains: dict[str, Domain], notes: list[str]
) -> tuple[dict[str, Domain], list[tuple[sp.Expr, str]]]:
    """Single-variable linear conditions narrow that variable's domain; linear ones in
    several variables are returned as (g, op) meaning ``g op 0``; others go to ``notes``."""
    linked = []
    for relation in conditions:
        op = _RELATIONS.get(type(relation))
        if op is None:
            notes.append(f"condition {relation} is not a relation; it is not imposed")
            continue
        g = relation.lhs - relation.rhs
        poly = _linear(g, g.free_symbols)
        if poly is None:
            notes.append(f"condition {relation} is not linear; it is not imposed")
            continue
        if len(g.free_symbols) == 1 and op not in ("==",) and (op != "!=" or poly.coeff_monomial(1) == 0):
            (v,) = g.free_symbols
            base = domains.get(str(v)) or default_domain(v)
            if base is not None:
                c1, c0 = poly.coeff_monomial(v), poly.coeff_monomial(1)
                narrowed = Domain(base.lower, base.upper, base.lower_closed, base.upper_closed, base.nonzero)
                narrowed.restrict(op if c1 > 0 else _FLIP[op], sp.nsimplify(-c0 / c1))
                domains[str(v)] = narrowed
                continue
        linked.append((g, op))
    return domains, linked


def _free_param(case_g: sp.Expr, poly: sp.Poly, name: str) -> tuple[sp.Symbol, sp.Symbol] | None:
    """A parameter p of ``case_g`` that ranges over all reals, and the positive step t
    with which p = root ± t covers them; else an unbounded integer with coefficient ±1
    whose root is an integer, with a positive integer step (i = j ± t keeps i an index)."""
    unbounded = [
        p
        for p in sorted(case_g.free_symbols, key=str)
        if p.is_real and p.is_extended_positive is None and p.is_extended_negative is None and p.is_zero is None
    ]
    for p in unbounded:
        if not p.is_integer and poly.coeff_monomial(p) != 0:
            return p, sp.Symbol(name, positive=True)
    for p in unbounded:
        if abs(poly.coeff_monomial(p)) == 1 and all(
            (s.is_integer or s == p) and poly.coeff_monomial(s).is_integer for s in case_g.free_symbols
        ):
            return p, sp.Symbol(name, positive=True, integer=True)
    return None


def _pieces(case_g: sp.Expr, name: str) -> list[tuple[str, sp.Symbol, sp.Expr]] | None:
    """How to make the sign of ``case_g`` known: (sign, parameter, value) per piece, the
    sign being "<", "=" or ">" of case_g against 0; None if this module cannot.

    A quotient whose denominator has a known sign (13/(1 + t) − 5, from a bounded piece)
    has the sign of its numerator, or the opposite one: the numerator is split instead."""
    numerator, denominator = sp.fraction(sp.together(case_g))
    if denominator != 1 and (denominator.is_positive or denominator.is_negative):
        pieces = _pieces(sp.expand(numerator), name)
        flip = {"<": ">", "=": "=", ">": "<"}
        return [(flip[s] if denominator.is_negative else s, p, v) for s, p, v in pieces] if pieces else None
    poly = _linear(case_g, case_g.free_symbols)
    if poly is None:
        return None
    t = sp.Symbol(name, positive=True)
    found = _free_param(case_g, poly, name)
    if found is not None:
        p, step = found
        c = poly.coeff_monomial(p)
        root = p - case_g / c  # case_g = c·(p − root)
        return [("<" if c > 0 else ">", p, root - step), ("=", p, root), (">" if c > 0 else "<", p, root + step)]
    for p in sorted(case_g.free_symbols, key=str):
        if p.is_integer:
            continue  # r/(1 + t) is no integer: leave an index's bounds to the prover
        c = poly.coeff_monomial(p)
        root = sp.expand(p - case_g / c)
        if p.is_positive and root.is_positive:
            below, above = root / (1 + t), root + t
        elif p.is_negative and root.is_negative:
            below, above = root - t, root / (1 + t)
        else:
            continue
        return [("<" if c > 0 else ">", p, below), ("=", p, root), (">" if c > 0 else "<", p, above)]
    return None


def _impose(case: Case, relation: tuple[sp.Expr, str], notes: list[str]) -> list[Case]:
    """The parts of ``case`` where ``g op 0`` holds (one condition between variables)."""
    g, op = relation
    wanted = {">": ">", ">=": ">=", "<": "<", "<=": "<=", "!=": "<>", "==": "="}[op]
    pieces = _pieces(sp.expand(case.apply(g)), f"_c{len(case.labels)}")
    if pieces is None:
        notes.append(f"condition {g} {op} 0 could not be imposed; counterexamples are checked against it")
        return [case]
    return [case.with_sub(p, value, f"{g} {sign} 0") for sign, p, value in pieces if sign in wanted]


def _split_kinks(cases: list[Case], arguments: Sequence[sp.Expr], notes: list[str]) -> list[Case]:
    """Split every case until each kink argument has a known sign there (or the limit).
    In each case the first argument of unknown sign that can be split is split; one that
    cannot (not linear) is left to the prover and named in ``notes``."""
    done: list[Case] = []
    todo = list(cases)
    stuck: set[str] = set()
    full = False
    while todo:
        case = todo.pop(0)
        split = None
        for g in arguments:
            image = case.apply(g)
            if known_sign(image):
                continue
            pieces = _pieces(sp.expand(image), f"_k{len(case.labels)}")
            if pieces is None:
                stuck.add(f"{g} = 0")
                continue
            split = (g, pieces)
            break
        if split is not None and len(done) + len(todo) + len(split[1]) > MAX_KINK_CASES:
            full, split = True, None
        if split is None:
            done.append(case)
            continue
        g, pieces = split
        todo[:0] = [case.with_sub(p, value, f"{g} {sign} 0") for sign, p, value in pieces]
    if stuck:
        notes.append("kinks not split (their argument is not linear in the variables): " + ", ".join(sorted(stuck)))
    if full:
        notes.append(
            f"the split at kinks stopped at {MAX_KINK_CASES} cases; the remaining kinks are left to the prover"
        )
    return done
