"""Exact proof of identities: proved / refuted (with a counterexample) / inconclusive.

Strategies, tried in order for each pair of sides (``prove_equal``):
0. ``structural``: the two sides are the same SymPy expression.
0'. ``random-modular`` (claims with more than ``_CANCEL_NODES`` distinct nodes): every entry
   evaluated exactly in GF(p) at random points, p = 2⁶¹−1 and 2⁸⁹−1, after atomising
   (derive.checks.proof.canonical.ModularEvaluator; the error bound is stated there). Entries that
   differ there go on to the strategies below, so it never refutes by itself.
1. ``exp-rational-cancel``: rewrite to exp, make each exp a power of a positive symbol, and
   decide the resulting rational identity with ``cancel`` (exact).
2. ``random-rational``: for expressions too large to cancel quickly, evaluate that rational
   function exactly at random rational points (Schwartz–Zippel: a non-zero rational function
   of total degree d vanishes at a uniformly random point of S^k with probability ≤ d/|S|;
   we use several points from a range of 2^61, so a false "proved" has probability far below
   2^-100 for the degrees that occur here).
3. ``gradient+anchor``: for sides with logarithms, every partial derivative of the difference
   is proved 0 by 1. and the difference is exactly 0 at one point of the (connected) domain.
A difference that no strategy removes is refuted only by a concrete counterexample
(``find_counterexample``; inside the claim's domain when ``prove_identity`` passes its
``domain_sampler``), else the verdict is inconclusive.
Case splits at kinks (the sign of each scalar stated "nonzero") and element-wise proof at
every size up to a bound are done per identity in ``prove_identity``; the index form for
symbolic sizes lives in ``derive.checks.proof.index_form``.

SymPy's ``simplify`` and ``.equals`` are never used for a verdict.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy as sp
from derive.checks.proof.canonical import modular_differences, node_count, to_exp
from derive.checks.proof.index_form import ASSUMPTION, prove_index_form
from derive.checks.proof.zero import CANCEL_NODES, gradient_anchor, prove_zero

from derive.identity import Claim, Identity, Value

Status = Literal["proved", "refuted", "inconclusive"]

#: A claim whose open entries have at most this many distinct nodes in all is decided
#: entry by entry with ``cancel`` (deterministic); larger ones are evaluated in GF(p) first.
_CANCEL_NODES = CANCEL_NODES


@dataclass(frozen=True)
class Counterexample:
    """A point where the two sides differ, with both values, checkable by hand."""

    point: Mapping[str, Any]
    lhs: str
    rhs: str
    where: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "point": {k: str(v) for k, v in self.point.items()},
            "lhs": self.lhs,
            "rhs": self.rhs,
            "where": self.where,
        }

    def __str__(self) -> str:
        pt = ", ".join(f"{k} = {v}" for k, v in self.point.items())
        loc = f" ({self.where})" if self.where else ""
        return f"at {pt or 'no inputs'}{loc}: left side = {self.lhs}, right side = {self.rhs}"


@dataclass(frozen=True)
class ProofResult:
    status: Status
    method: str
    seconds: float = 0.0
    scope: str = ""
    counterexample: Counterexample | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "method": self.method,
            "seconds": round(self.seconds, 4),
            "scope": self.scope,
            "counterexample": self.counterexample.as_dict() if self.counterexample else None,
        }


@dataclass
class _Outcome:
    status: Status
    method: str
    counterexample: Counterexample | None = None
    detail: str = ""
    methods: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- scalar pairs

# ``prove_zero`` and ``gradient_anchor`` live in derive.checks.proof.zero, below both this
# module and index_form (which needs them too); ``prove_zero`` stays importable from here.


def _sample_point(symbols: list[sp.Symbol], rng: random.Random, attempt: int) -> dict[sp.Symbol, sp.Rational]:
    """Simple points first (a person can check them by hand), then random rationals."""
    simple = [1, 2, -1, sp.Rational(1, 2), 3, -2, sp.Rational(-1, 2)]
    point = {}
    for k, s in enumerate(symbols):
        if attempt < len(simple):
            v = sp.sympify(simple[(attempt + k) % len(simple)])
        else:
            v = sp.Rational(rng.randint(-40, 40), rng.randint(1, 8))
        if s.is_positive and v <= 0:
            v = abs(v) or sp.Rational(1, 3)
        if s.is_negative and v >= 0:
            v = -v or sp.Rational(-1, 3)
        if s.is_nonzero and v == 0:
            v = sp.Rational(1, 3)
        point[s] = v
    return point


def find_counterexample(
    lhs: Value,
    rhs: Value,
    *,
    tries: int = 40,
    seed: int = 0,
    sampler: Callable[[int], Mapping[sp.Symbol, Any] | None] | None = None,
) -> Counterexample | None:
    """A point where the sides differ by far more than 50-digit evaluation error.

    ``sampler(attempt)`` (optional) gives points inside a claim's domain (one-hot labels,
    signs, pre-activations off their kinks); without it, simple values for every symbol of
    either side, within each symbol's assumptions."""
    rng = random.Random(seed)
    pairs = _entry_pairs(lhs, rhs)
    if any(_undefined_calls(a) or _undefined_calls(b) for _, a, b in pairs):
        # f(2) of an undefined f is no number at any point: no try could end in a counterexample
        return None
    symbols = sorted(set().union(*[a.free_symbols | b.free_symbols for _, a, b in pairs]) if pairs else set(), key=str)
    rewritten = [_in_exp(a, b) for _, a, b in pairs]  # once, not at every point (most of the time spent)
    for attempt in range(_tries_for(pairs, tries)):
        point = sampler(attempt) if sampler is not None else _sample_point(symbols, rng, attempt)
        if point is None:
            continue
        for (where, a, b), (ea, eb) in zip(pairs, rewritten, strict=True):
            values = _differ(_values(ea, eb, a, b, point))
            if values is not None:
                va, vb = values
                xa, xb = a.xreplace(point), b.xreplace(point)  # for the message only
                used = a.free_symbols | b.free_symbols
                shown = {str(s): v for s, v in point.items() if isinstance(s, sp.Basic) and s in used}
                shown.update({k: v for k, v in point.items() if isinstance(k, str)})
                return Counterexample(shown, _show(xa, va), _show(xb, vb), where)
    return None


#: Sides with more distinct nodes than this get fewer tries (each costs a 50-digit evaluation of
#: both: about 0.1 s for a sum of six log-sigmoid terms), never fewer than the simple points.
_LARGE_NODES = 150


def _tries_for(pairs: list[tuple[str, sp.Expr, sp.Expr]], tries: int) -> int:
    """``tries``, scaled down for large sides: the search's cost grows with their size, and
    what it misses there the judge's sampling (confirmed exactly) still finds."""
    nodes = sum(node_count(a, 10 * _LARGE_NODES) + node_count(b, 10 * _LARGE_NODES) for _, a, b in pairs)
    if nodes <= _LARGE_NODES:
        return tries
    return min(tries, max(10, tries * _LARGE_NODES // nodes))


def _values(ea: Any, eb: Any, a: sp.Expr, b: sp.Expr, point: Mapping) -> tuple[Any, Any] | None:
    """Both sides at ``point``, substituted exactly into their exp forms, to 50 digits.
    (evalf with subs was tried as a cheaper first pass: slower on most steps, and it turns
    a pole into a huge number.)"""
    at = {k: v for k, v in point.items() if isinstance(k, sp.Basic)}
    try:
        if ea is None or eb is None:
            return sp.N(to_exp(a.xreplace(at)), 50), sp.N(to_exp(b.xreplace(at)), 50)
        return sp.N(ea.xreplace(at), 50), sp.N(eb.xreplace(at), 50)
    except (ZeroDivisionError, TypeError, ValueError):
        return None


def _differ(values: tuple[Any, Any] | None) -> tuple[Any, Any] | None:
    """The two values when both are finite numbers differing by far more than 50-digit error."""
    if values is None:
        return None
    va, vb = values
    if (
        not (va.is_number and vb.is_number)
        or va.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
        or vb.has(sp.zoo, sp.nan, sp.oo, -sp.oo)
    ):
        return None
    try:
        gap = abs(complex(va) - complex(vb))
        scale = max(1.0, abs(complex(va)), abs(complex(vb)))
    except (OverflowError, TypeError):
        return None  # beyond double range at this point: try a smaller one
    return values if gap > 1e-30 * scale else None


def _in_exp(a: sp.Expr, b: sp.Expr) -> tuple[sp.Expr | None, sp.Expr | None]:
    """Both sides in exp form (to_exp), or None where the rewrite fails (then done per point)."""
    try:
        return to_exp(a), to_exp(b)
    except (ZeroDivisionError, TypeError):
        return None, None


def _undefined_calls(expr: Any) -> bool:
    """Does ``expr`` apply a function SymPy has no values for (an ``AppliedUndef``, f(x))?"""
    from sympy.core.function import AppliedUndef

    return isinstance(expr, sp.Basic) and bool(expr.atoms(AppliedUndef))


def _show(exact: sp.Expr, approx: sp.Expr) -> str:
    if exact.is_number and not exact.is_Rational and not exact.has(sp.Float):
        exact = exact.doit()  # an unevaluated sum of integers, as a seed printed it
    exact = sp.nsimplify(exact) if exact.is_Rational else exact
    if exact.is_Rational or exact.is_Integer:
        return str(exact)
    return f"{sp.N(approx, 12)}"


def _entry_pairs(lhs: Value, rhs: Value) -> list[tuple[str, sp.Expr, sp.Expr]]:
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        lhs_m, rhs_m = sp.Matrix(lhs), sp.Matrix(rhs)
        if lhs_m.shape != rhs_m.shape:
            return []
        return [
            (f"entry ({i + 1}, {j + 1})", lhs_m[i, j], rhs_m[i, j])
            for i in range(lhs_m.rows)
            for j in range(lhs_m.cols)
        ]
    return [("", sp.sympify(lhs), sp.sympify(rhs))]


def prove_equal(
    lhs: Value, rhs: Value, *, seed: int = 0, sampler: Callable[[int], Mapping[sp.Symbol, Any] | None] | None = None
) -> _Outcome:
    """Prove lhs = rhs or refute it; an expression SymPy cannot handle is inconclusive."""
    try:
        return _prove_equal(lhs, rhs, seed=seed, sampler=sampler)
    except (AttributeError, TypeError, ValueError, OverflowError, RecursionError, NotImplementedError) as exc:
        return _Outcome(
            "inconclusive", "error", detail=f"SymPy could not handle the claim: {type(exc).__name__}: {exc}"
        )


def _prove_equal(
    lhs: Value, rhs: Value, *, seed: int = 0, sampler: Callable[[int], Mapping[sp.Symbol, Any] | None] | None = None
) -> _Outcome:
    """Prove lhs = rhs (scalars or explicit matrices of equal shape) or refute it.

    Entries that are structurally equal need nothing. If the remaining entries are small
    (≤ ``_CANCEL_NODES`` distinct nodes in all), each is decided by the deterministic path
    (exp-rational ``cancel``, gradient+anchor for logarithms). Larger claims are evaluated
    exactly in a prime field at random points (``random-modular``, shared sub-expressions
    evaluated once for all entries); an entry that differs there goes to the deterministic
    path, then to the counterexample search, and is never "proved" by sampling alone.
    """
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        ls = getattr(lhs, "shape", ())
        rs = getattr(rhs, "shape", ())
        if ls != rs:
            return _Outcome(
                "refuted", "shape", detail=f"shapes differ: left side {_shape(ls)}, right side {_shape(rs)}"
            )
    rng = random.Random(seed)
    methods: set[str] = set()
    pairs = _entry_pairs(lhs, rhs)
    open_pairs = [(w, sp.sympify(a), sp.sympify(b)) for w, a, b in pairs if a != b]
    if len(open_pairs) < len(pairs):
        methods.add("structural")
    if not open_pairs:
        return _Outcome("proved", "+".join(sorted(methods)), methods=methods)
    total = 0
    for _, a, b in open_pairs:
        total += node_count(a, _CANCEL_NODES) + node_count(b, _CANCEL_NODES)
        if total > _CANCEL_NODES:
            break
    if total > _CANCEL_NODES:
        verdicts = modular_differences([(a, b) for _, a, b in open_pairs], seed=seed)
        if verdicts is not None:
            methods.add("random-modular")
            open_pairs = [open_pairs[k] for k in verdicts]
    for where, a, b in open_pairs:
        diff = a - b
        ok, method = prove_zero(diff, rng=rng)
        if not ok and method == "has-log":
            ok, method = gradient_anchor(diff, sorted(diff.free_symbols, key=str))
        methods.add(method)
        if not ok:
            cex = find_counterexample(a, b, seed=seed, sampler=sampler)
            if cex is not None:
                if not cex.where and where:
                    cex = Counterexample(cex.point, cex.lhs, cex.rhs, where)
                return _Outcome("refuted", method, cex, methods=methods)
            return _Outcome("inconclusive", method, detail=f"could not decide {where or 'the claim'}", methods=methods)
    return _Outcome("proved", "+".join(sorted(methods)), methods=methods)


def _shape(shape: tuple[int, ...]) -> str:
    return "scalar" if not shape else "×".join(map(str, shape))


# --------------------------------------------------------------------------- identities


def prove_identity(identity: Identity, *, seed: int = 0, index_form: bool = True) -> ProofResult:
    """Prove an identity at every size within its bounds, split at its kinks, and, where it
    has an index form, for symbolic size."""
    start = time.perf_counter()
    methods: set[str] = set()
    cases = identity.kink_cases()
    largest: dict[str, int] = {}
    for sizes in identity.sizes():
        for signs in cases:
            claim = identity.instantiate(sizes, signs)
            outcome = prove_equal(claim.lhs, claim.rhs, seed=seed, sampler=domain_sampler(identity, claim))
            if signs:
                methods.add("case-split")
            methods |= outcome.methods or {outcome.method}
            if outcome.status != "proved":
                where = _describe(sizes, signs)
                cex = outcome.counterexample
                if cex is not None and where:
                    cex = Counterexample(cex.point, cex.lhs, cex.rhs, ", ".join(filter(None, [where, cex.where])))
                return ProofResult(
                    outcome.status,
                    outcome.method,
                    time.perf_counter() - start,
                    _scope(largest, identity),
                    cex,
                    outcome.detail,
                )
        largest = dict(sizes)
    scope = _scope(largest, identity)
    detail = ""
    if index_form and identity.index_form is not None:
        ok, method = prove_index_form(identity)
        methods.add(method if ok else "index-form-failed")
        if ok:
            scope = "all sizes"
            detail = f"index form proved for every size, assuming {ASSUMPTION}"
        else:
            detail = f"{method}; proved element-wise only ({scope})"
    return ProofResult("proved", "+".join(sorted(methods)), time.perf_counter() - start, scope, detail=detail)


_SIMPLE = (1, 2, -1, sp.Rational(1, 2), 3, -2, sp.Rational(-1, 2))


def domain_sampler(identity: Identity, claim: Claim) -> Callable[[int], dict | None]:
    """Points inside the claim's domain for the counterexample search: simple values (a
    person can check them by hand) within each symbol's sign, one-hot label rows (shown as
    "labels of Δ"), and no point where an ``avoid_zero`` expression (a pre-activation at a
    kink) is 0."""
    variables = {v.name: v for v in identity.variables}

    def sample(attempt: int) -> dict | None:
        point: dict = {}
        k = 0
        for offset, (name, value) in enumerate(sorted(claim.values.items())):
            var = variables.get(name)
            if var is not None and var.domain == "onehot-rows" and isinstance(value, sp.MatrixBase):
                if len(var.shape) == 1:
                    value = value.T  # one one-hot label, built as a column
                labels = []
                for i in range(value.rows):
                    label = (attempt + i + offset) % value.cols
                    labels.append(label)
                    for j in range(value.cols - 1):
                        point[value[i, j]] = sp.Integer(1 if j == label else 0)
                point[f"labels of {name} (the column of the 1 in each row, from 0)"] = labels
                continue
            entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
            for e in entries:
                if isinstance(e, sp.Symbol):
                    point[e] = _in_domain(
                        e, sp.sympify(_SIMPLE[(attempt + k + offset) % len(_SIMPLE)]), var.domain if var else "real"
                    )
                k += 1
        for e in claim.avoid_zero:
            if sp.sympify(e).xreplace({s: v for s, v in point.items() if isinstance(s, sp.Basic)}) == 0:
                return None
        return point

    return sample


def _in_domain(s: sp.Symbol, v: sp.Rational, domain: str) -> sp.Rational:
    if domain == "unit-interval":
        return sp.Rational(1, 2) if abs(v) >= 1 else abs(v)
    if (s.is_positive or domain == "positive") and v <= 0:
        return -v
    if s.is_negative and v >= 0:
        return -v
    return v


def _describe(sizes: Mapping[str, int], signs: Mapping[str, int]) -> str:
    parts = [f"{k} = {v}" for k, v in sorted(sizes.items())]
    parts += [f"{k} {'> 0' if s > 0 else '< 0' if s < 0 else '= 0'}" for k, s in signs.items()]
    return ", ".join(parts)


def _scope(largest: Mapping[str, int], identity: Identity) -> str:
    if not identity.size_bounds:
        return "scalar" if not any(v.shape for v in identity.variables) else "as stated"
    return "sizes " + ", ".join(f"{k} ≤ {v}" for k, v in sorted(identity.size_bounds.items()))


def check_claim(claim: Claim, *, seed: int = 0) -> _Outcome:
    """Prove one explicit claim (used by ``derive check`` and the LaTeX checker)."""
    return prove_equal(claim.lhs, claim.rhs, seed=seed)
