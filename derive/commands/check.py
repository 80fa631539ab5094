"""``derive check LHS RHS``: prove or refute an ad-hoc claim typed in Python-like syntax.

The two sides are parsed by ``derive.checks.proof.expr_parser`` (a whitelist over Python's ``ast``; no
``eval``, no ``sympify``), over one table of real variables whose domains ``--assume`` may
narrow. Then, as for the catalogue:

- the exact prover ``derive.checks.proof.symbolic.prove_equal`` runs on every case of the domain: each
  variable's interval is mapped onto its own symbol (a bounded interval (l, u) through
  l + (u − l)/(1 + t) with t > 0, so nothing outside it is ever sampled or offered as a
  counterexample), closed endpoints are separate cases, and a variable inside a kink
  function (abs, sign, step, relu, max ...) is split into < 0, = 0 and > 0;
- ``derive.checks.proof.numeric.sample_compare`` samples both sides with Hypothesis.

Verdict: ``verified`` (exit 0) when the proof holds in every case and sampling agrees;
``refuted`` (exit 1) when there is a counterexample checked exactly (50 digits), from the
prover or from sampling; ``unverified`` (exit 3) otherwise. Sampling never upgrades an
inconclusive proof, and a sampled failure counts only once re-evaluated exactly.
"""

from __future__ import annotations

import itertools
import json
import math
import signal
import threading
import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import click
import sympy as sp

from derive.checks.proof.expr_parser import Domain, ExpressionParser, parse_assumption
from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, DeriveError
from derive.functions import leaky_relu, relu

#: Above this many cases the optional kink split is skipped (the domain split is not).
MAX_KINK_CASES = 27
MAX_CASES = 64
#: Functions whose value changes form at 0: variables in their arguments are split there.
_KINKS = (sp.Abs, sp.sign, sp.Heaviside, relu, leaky_relu, sp.Max, sp.Min, sp.Piecewise)


# --------------------------------------------------------------------------- the claim


@dataclass(frozen=True)
class AdHocClaim:
    """Both sides as typed and as parsed, over shared variables with their domains."""

    lhs_text: str
    rhs_text: str
    lhs: sp.Expr
    rhs: sp.Expr
    symbols: Mapping[str, sp.Symbol]
    domains: Mapping[str, Domain]


def parse_claim(lhs: str, rhs: str, assumptions: tuple[str, ...] | list[str] = ()) -> AdHocClaim:
    """Parse a claim; ``DeriveError`` (one line, exit 2) for anything not allowed."""
    domains: dict[str, Domain] = {}
    for text in assumptions:
        parse_assumption(text, domains)
    parser = ExpressionParser(domains=domains)
    left = parser.parse(lhs, what="left side")
    right = parser.parse(rhs, what="right side")
    unused = sorted(set(domains) - set(parser.symbols))
    if unused:
        raise DeriveError(f"--assume names {', '.join(map(repr, unused))}, which the claim does not use")
    return AdHocClaim(lhs, rhs, left, right, dict(parser.symbols), {n: domains.get(n, Domain()) for n in parser.symbols})


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True)
class Piece:
    """One part of a variable's domain: what replaces the variable there, and how a value
    of the replacement's own symbol maps back to a value of the variable."""

    name: str
    label: str
    value: sp.Expr
    param: sp.Symbol | None = None

    def back(self, t: sp.Expr) -> sp.Expr:
        return self.value.xreplace({self.param: t}) if self.param is not None else self.value


def _open_piece(name: str, lower: sp.Expr, upper: sp.Expr, nonzero: bool = False) -> Piece:
    """The open interval (lower, upper), possibly infinite, as a symbol or a map of t > 0."""
    label = " < ".join(filter(None, [str(lower) if lower.is_finite else "", name, str(upper) if upper.is_finite else ""]))
    if lower == -sp.oo and upper == sp.oo:
        s = sp.Symbol(name, real=True, nonzero=True) if nonzero else sp.Symbol(name, real=True)
        return Piece(name, f"{name} != 0" if nonzero else "", s, s)
    if lower == 0 and upper == sp.oo:
        s = sp.Symbol(name, positive=True)
        return Piece(name, label, s, s)
    # A user's variable never starts with "_", so the parameter cannot clash with one.
    t = sp.Symbol(f"_{name}", positive=True)
    if upper == sp.oo:
        return Piece(name, label, lower + t, t)
    if lower == -sp.oo:
        return Piece(name, label, upper - t, t)
    return Piece(name, label, lower + (upper - lower) / (1 + t), t)


def domain_pieces(name: str, domain: Domain, *, split_at_zero: bool) -> list[Piece]:
    """The cases one variable's domain falls into (closed endpoints are their own case)."""
    lo, hi = domain.lower, domain.upper
    pieces: list[Piece] = []
    if lo == hi:
        return [Piece(name, f"{name} = {lo}", lo)]
    if domain.lower_closed:
        pieces.append(Piece(name, f"{name} = {lo}", lo))
    zero_inside = lo < 0 < hi
    if zero_inside and (split_at_zero or domain.nonzero) and not (lo == -sp.oo and hi == sp.oo and not split_at_zero):
        pieces.append(_open_piece(name, lo, sp.S.Zero))
        if not domain.nonzero:
            pieces.append(Piece(name, f"{name} = 0", sp.S.Zero))
        pieces.append(_open_piece(name, sp.S.Zero, hi))
    else:
        pieces.append(_open_piece(name, lo, hi, nonzero=domain.nonzero and zero_inside))
    if domain.upper_closed:
        pieces.append(Piece(name, f"{name} = {hi}", hi))
    # An endpoint at 0 excluded by "!= 0" is not a case.
    return [p for p in pieces if not (domain.nonzero and p.param is None and p.value == 0)]


def sampling_pieces(claim: AdHocClaim) -> list[Piece]:
    """One open piece per variable covering its whole domain, for the numeric sampler
    (which draws positive, nonzero or real values of the symbols it is given)."""
    pieces = []
    for name, domain in claim.domains.items():
        if domain.lower == domain.upper:
            pieces.append(Piece(name, f"{name} = {domain.lower}", domain.lower))
        else:
            pieces.append(_open_piece(name, domain.lower, domain.upper, nonzero=domain.nonzero))
    return pieces


def _kink_variables(claim: AdHocClaim) -> set[str]:
    names: set[str] = set()
    for side in (claim.lhs, claim.rhs):
        for node in side.atoms(*_KINKS) if hasattr(side, "atoms") else ():
            args = node.args[:1] if isinstance(node, leaky_relu) else node.args
            for arg in args:
                names |= {str(s) for s in getattr(arg, "free_symbols", ())}
    return names


def cases(claim: AdHocClaim) -> list[tuple[Piece, ...]]:
    """Every combination of the variables' pieces: the domain split, plus the kink split
    when that keeps the number of cases small."""
    names = sorted(claim.domains)
    kinks = _kink_variables(claim)
    plain = [domain_pieces(n, claim.domains[n], split_at_zero=False) for n in names]
    split = [domain_pieces(n, claim.domains[n], split_at_zero=n in kinks) for n in names]
    table = split if math.prod(map(len, split)) <= MAX_KINK_CASES else plain
    total = math.prod(map(len, table))
    if total > MAX_CASES:
        raise DeriveError(f"the assumptions split the claim into {total} cases; the limit is {MAX_CASES}")
    return list(itertools.product(*table))


# --------------------------------------------------------------------------- judging


class _Timeout(BaseException):
    """A BaseException so that neither SymPy's nor Hypothesis's ``except Exception``
    swallows it (Hypothesis would take it for a failing example and shrink)."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``_Timeout`` in this thread after ``seconds`` (SIGALRM; a no-op where that is
    unavailable, i.e. off the main thread or on Windows). SymPy is pure Python, so the
    alarm interrupts it; huge integer powers, which it could not interrupt, the parser
    refuses beforehand."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum, frame):  # noqa: ARG001
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class CheckResult:
    claim: AdHocClaim
    symbolic: dict[str, Any]
    numeric: dict[str, Any]
    verdict: str
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return {"verified": EXIT_OK, "refuted": EXIT_FAILED}.get(self.verdict, EXIT_UNDECIDED)

    def as_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "lhs": c.lhs_text,
            "rhs": c.rhs_text,
            "parsed": {"lhs": sp.sstr(c.lhs), "rhs": sp.sstr(c.rhs)},
            "assumptions": [c.domains[n].describe(n) for n in sorted(c.domains)],
            "symbolic": self.symbolic,
            "numeric": self.numeric,
            "verdict": self.verdict,
            "notes": self.notes,
        }


def _point_back(point: Mapping[str, Any], pieces: tuple[Piece, ...] | list[Piece]) -> dict[str, sp.Expr]:
    """A prover's or sampler's point (over the pieces' symbols) as values of the variables."""
    out: dict[str, sp.Expr] = {}
    for piece in pieces:
        if piece.param is None:
            out[piece.name] = piece.value
        elif str(piece.param) in point:
            value = point[str(piece.param)]
            out[piece.name] = piece.back(value if isinstance(value, sp.Basic) else sp.Rational(str(value)))
        else:
            # The point omits variables the difference does not depend on; any value in
            # the domain will do.
            out[piece.name] = piece.back(sp.S.One)
    return out


def confirm(claim: AdHocClaim, values: Mapping[str, sp.Expr]) -> dict[str, Any] | None:
    """Both sides at an exact point, to 50 digits: a counterexample if they really differ."""
    from derive.checks.proof.canonical import to_exp

    subs = {claim.symbols[n]: v for n, v in values.items() if n in claim.symbols}
    try:
        exact = [side.xreplace(subs) for side in (claim.lhs, claim.rhs)]
        approx = [sp.N(to_exp(e), 50) for e in exact]
    except (ZeroDivisionError, TypeError, ValueError):
        return None
    if any(not a.is_number or a.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I) for a in approx):
        return None
    gap = abs(approx[0] - approx[1])
    if not gap > sp.Float("1e-30") * max(1, abs(approx[0]), abs(approx[1])):
        return None
    shown = [sp.sstr(e) if e.is_Rational else sp.sstr(sp.N(a, 12)) for e, a in zip(exact, approx)]
    record: dict[str, Any] = {"point": {n: sp.sstr(v) for n, v in sorted(values.items())}, "lhs": shown[0], "rhs": shown[1]}
    if shown[0] == shown[1] or gap < sp.Float("1e-9") * max(1, abs(approx[0])):
        # Equal in the digits shown: say how far apart they are.
        record["difference"] = sp.sstr(sp.N(approx[0] - approx[1], 6))
    # The exact values too, so a person can check the point by hand (tanh(3/2)/2 ...).
    for key, e in zip(("lhs_exact", "rhs_exact"), exact):
        if not e.is_Rational and len(sp.sstr(e)) <= 200:
            record[key] = sp.sstr(e)
    return record


#: Where ``exact_search`` looks when the prover neither proves nor refutes: simple values
#: of each case's parameter (a person can redo the arithmetic), signs mixed for real ones.
_SEARCH_POSITIVE = (sp.S.One, sp.Integer(2), sp.S.Half, sp.Integer(3), sp.Rational(1, 3), sp.Integer(5))
_SEARCH_REAL = (sp.S.One, sp.Integer(-2), sp.S.Half, sp.Integer(-1), sp.Integer(3), sp.Rational(-1, 3))


def exact_search(claim: AdHocClaim, pieces: tuple[Piece, ...]) -> dict[str, Any] | None:
    """A confirmed counterexample at simple points of one case, or None.

    The prover's own search looks only at the symbols of lhs − rhs after SymPy's automatic
    simplification, so a difference that is a non-zero constant (x + 1/10**20 against x)
    goes unrefuted there; evaluating both sides exactly here catches it."""
    for attempt in range(len(_SEARCH_POSITIVE)):
        values = {}
        for k, piece in enumerate(pieces):
            if piece.param is None:
                values[piece.name] = piece.value
            else:
                table = _SEARCH_POSITIVE if piece.param.is_positive else _SEARCH_REAL
                values[piece.name] = piece.back(table[(attempt + k) % len(table)])
        found = confirm(claim, values)
        if found is not None:
            return found
    return None


def judge_symbolic(claim: AdHocClaim, *, seed: int, timeout: float | None) -> dict[str, Any]:
    """prove_equal in every case: proved if proved in all, refuted if some case has a
    counterexample that survives exact evaluation, inconclusive otherwise."""
    from derive.checks.proof.symbolic import prove_equal

    start = time.perf_counter()
    methods: set[str] = set()
    all_cases = cases(claim)
    skipped: list[str] = []
    status, method, counterexample, detail = "proved", "", None, ""
    try:
        with time_limit(timeout):
            for pieces in all_cases:
                subs = {claim.symbols[p.name]: p.value for p in pieces}
                lhs, rhs = claim.lhs.xreplace(subs), claim.rhs.xreplace(subs)
                # Where the case lies; a fixed value (x = 0) shows in the point itself.
                label = ", ".join(p.label for p in pieces if p.label and p.param is not None)
                if any(side.has(sp.zoo, sp.nan) for side in (lhs, rhs)):
                    # The claim says nothing where a side is undefined.
                    skipped.append(", ".join(p.label for p in pieces if p.label))
                    continue
                outcome = prove_equal(lhs, rhs, seed=seed)
                methods |= outcome.methods or {outcome.method}
                if outcome.status == "proved":
                    continue
                found, how = None, outcome.method
                if outcome.counterexample is not None:
                    found = confirm(claim, _point_back(dict(outcome.counterexample.point), pieces))
                if found is None:
                    found, how = exact_search(claim, pieces), f"{outcome.method}+exact-search"
                if found is not None:
                    if label:
                        found["where"] = label
                    status, method, counterexample, detail = "refuted", how, found, ""
                    break
                if status == "proved":  # the first undecided case is the one reported
                    status, method = "inconclusive", outcome.method
                    detail = outcome.detail or "the prover could not decide the claim"
                    if outcome.counterexample is not None:
                        back = _point_back(dict(outcome.counterexample.point), pieces)
                        at = ", ".join(f"{k} = {v}" for k, v in sorted(back.items()))
                        detail = f"the prover's counterexample ({at}) does not hold exactly: a side may be undefined or not real there"
                    if label:
                        detail = f"{detail} ({label})"
    except _Timeout:
        status, method, counterexample, detail = "inconclusive", "timeout", None, f"no proof within {timeout:g} s"
    except Exception as exc:  # SymPy can fail on odd input; that is "could not decide"
        status, method, counterexample = "inconclusive", "error", None
        detail = f"the prover failed: {type(exc).__name__}: {_one_line(exc)}"
    if status == "proved":
        method = "+".join(sorted(methods - {""})) or "structural"
        if len(all_cases) > 1:
            method = f"case-split({len(all_cases) - len(skipped)})+{method}"
    result = {"status": status, "method": method, "seconds": round(time.perf_counter() - start, 4), "counterexample": counterexample}
    if detail:
        result["detail"] = detail
    if skipped:
        result["skipped"] = [f"{s}: a side is undefined there" for s in skipped]
    return result


def judge_numeric(claim: AdHocClaim, *, examples: int, seed: int, timeout: float | None) -> dict[str, Any]:
    """Hypothesis sampling over the whole domain; a failure is re-evaluated exactly."""
    from derive.checks.proof.numeric import sample_compare

    pieces = sampling_pieces(claim)
    subs = {claim.symbols[p.name]: p.value for p in pieces}
    symbols = {str(p.param): p.param for p in pieces if p.param is not None}
    confirmed = None
    try:
        # NumPy warns (ComplexWarning, overflow) on stderr; the record says what matters.
        with time_limit(timeout), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = sample_compare(claim.lhs.xreplace(subs), claim.rhs.xreplace(subs), symbols, examples=examples, seed=seed)
            if result.counterexample is not None:
                confirmed = confirm(claim, _point_back(result.counterexample.get("inputs", {}), pieces))
    except _Timeout:
        return {"status": "timeout", "examples": 0, "max_error": None, "counterexample": None, "detail": f"no result within {timeout:g} s"}
    except Exception as exc:  # e.g. a function NumPy cannot evaluate
        return {"status": "error", "examples": 0, "max_error": None, "counterexample": None, "detail": f"{type(exc).__name__}: {_one_line(exc)}"}
    record = result.as_dict()
    cex = result.counterexample
    if cex is not None:
        inputs = cex.get("inputs", {})
        record["counterexample"] = {
            "point": {n: str(v) for n, v in sorted(_point_back(inputs, pieces).items())},
            "lhs": _scalar(cex.get("lhs")),
            "rhs": _scalar(cex.get("rhs")),
        }
        record["confirmed"] = confirmed
    if result.detail:
        record["detail"] = result.detail
    return record


def check_claim(claim: AdHocClaim, *, examples: int = 100, seed: int = 0, timeout: float | None = 30.0) -> CheckResult:
    symbolic = judge_symbolic(claim, seed=seed, timeout=timeout)
    numeric = judge_numeric(claim, examples=examples, seed=seed, timeout=timeout)
    notes: list[str] = []
    confirmed = numeric.pop("confirmed", None)
    if symbolic["status"] == "proved" and numeric["status"] == "passed":
        verdict = "verified"
    elif symbolic["status"] == "refuted":
        verdict = "refuted"
    elif symbolic["status"] == "inconclusive" and confirmed is not None:
        verdict = "refuted"
        notes.append("refuted by sampling: the sampled counterexample holds under exact evaluation")
        numeric["counterexample_exact"] = confirmed
    else:
        verdict = "unverified"
        if symbolic["status"] == "proved" and numeric.get("counterexample"):
            notes.append("proved, but sampling disagrees: a tolerance or an evaluation problem; not verified")
        elif symbolic["status"] == "proved":
            notes.append("proved, but sampling could not evaluate the sides (overflow or undefined values); not verified")
        elif numeric["status"] == "passed":
            notes.append("sampling agrees, but agreement is not a proof")
        elif numeric["status"] == "failed" and numeric.get("counterexample"):
            notes.append("sampling found a difference that exact evaluation does not confirm")
        elif numeric["status"] != "passed":
            notes.append("sampling could not judge the claim either")
    return CheckResult(claim, symbolic, numeric, verdict, notes)


def _scalar(value: Any) -> Any:
    """The sampler reports entries as lists; a scalar claim has one."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200]


# --------------------------------------------------------------------------- output

_STYLE = {"verified": "green", "refuted": "bold red", "unverified": "yellow"}


def _show_point(cex: Mapping[str, Any]) -> str:
    point = ", ".join(f"{k} = {v}" for k, v in cex.get("point", {}).items()) or "every input"
    where = f" ({cex['where']})" if cex.get("where") else ""
    sides = [f"{cex[k + '_exact']} ≈ {cex[k]}" if cex.get(k + "_exact") else f"{cex.get(k)}" for k in ("lhs", "rhs")]
    gap = f" (they differ by {cex['difference']})" if cex.get("difference") else ""
    return f"at {point}{where}: left side = {sides[0]}, right side = {sides[1]}{gap}"


def print_result(result: CheckResult) -> None:
    """Label/value lines; user text goes through ``Text`` so it is never read as markup."""
    from rich.console import Console
    from rich.text import Text

    c, s, n = result.claim, result.symbolic, result.numeric
    rows: list[tuple[str, Text]] = [
        ("claim", Text(f"{c.lhs_text} = {c.rhs_text}")),
        ("read as", Text(f"{sp.sstr(c.lhs)} = {sp.sstr(c.rhs)}")),
        ("assuming", Text(", ".join(c.domains[k].describe(k) for k in sorted(c.domains)) or "(no variables)")),
        ("symbolic", Text(f"{s['status']} ({s['method']}, {s['seconds']:.2f} s)")),
    ]
    if s.get("counterexample"):
        rows.append(("", Text(_show_point(s["counterexample"]))))
    elif s.get("detail"):
        rows.append(("", Text(s["detail"])))
    rows += [("", Text(f"skipped {skip}")) for skip in s.get("skipped", [])]
    max_error = f", max error {n['max_error']:.1e}" if isinstance(n.get("max_error"), float) else ""
    examples = f"{n['examples']} example{'' if n['examples'] == 1 else 's'}"
    rows.append(("numeric", Text(f"{n['status']} ({examples}{max_error})")))
    if n.get("counterexample_exact"):
        rows.append(("", Text(_show_point(n["counterexample_exact"]) + " (exact)")))
    elif n.get("counterexample"):
        rows.append(("", Text(_show_point(n["counterexample"]) + " (floating point)")))
    elif n.get("detail"):
        rows.append(("", Text(n["detail"])))
    rows.append(("verdict", Text(result.verdict, style=_STYLE[result.verdict])))
    rows += [("", Text(note)) for note in result.notes]
    console = Console(soft_wrap=True, highlight=False)
    for label, value in rows:
        console.print(Text(f"{label:<10}", style="bold") + value)


# A side may start with "-" ("-x", "-h*x"): unknown options are arguments here, and only
# --help (not -h) asks for help, so that "-h*x" is an expression.
@click.command("check", context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@click.argument("lhs")
@click.argument("rhs")
@click.option("--assume", "assumptions", multiple=True, metavar="CONDITION", help="A domain for a variable: 'x > 0', 'x >= 0', 'x != 0', '0 < alpha < 1' (repeatable). Variables are real otherwise.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of the table.")
@click.option("--examples", default=100, show_default=True, type=click.IntRange(1, 10_000), help="Hypothesis examples.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for the prover's counterexample search and for sampling.")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.1, max=3600), help="Seconds allowed to the prover, and again to sampling.")
@click.pass_context
def check(ctx: click.Context, lhs: str, rhs: str, assumptions: tuple[str, ...], as_json: bool, examples: int, seed: int, timeout: float) -> None:
    """Prove or refute LHS = RHS, e.g. derive check "sigmoid(x)" "(tanh(x/2) + 1)/2".

    Python-like syntax: + - * / ** (or ^), numbers, variables, pi, e, and the functions
    sigmoid, softplus, relu, leaky_relu(z, alpha), step, tanh, exp, log, sqrt, abs, sign,
    max, min ... The text is parsed, never evaluated as Python.

    Exit 0 verified, 1 refuted (with a counterexample), 2 bad input, 3 neither proved nor
    refuted."""
    try:
        with time_limit(timeout):
            claim = parse_claim(lhs, rhs, assumptions)
    except _Timeout:
        raise DeriveError(f"building the expressions took more than {timeout:g} s; simplify the input") from None
    result = check_claim(claim, examples=examples, seed=seed, timeout=timeout)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        print_result(result)
    ctx.exit(result.exit_code)
