"""Ad-hoc claims typed on the command line: parse them, judge them, say what ``derive check``
reports.

The two sides are parsed by ``derive.checks.proof.expr_parser`` (a whitelist over Python's
``ast``; no ``eval``, no ``sympify``) over one table of real variables whose domains the
assumptions (``x > 0``, ``0 < alpha < 1``, ``x != 0``) may narrow; ``diff(f, x)`` states a
derivative. Judging is ``derive.checks.proof.judge.judge``: the same engine as check-latex.

Verdict: ``verified`` (exit 0) when the judge proves the claim (every case, and sampling
agrees); ``refuted`` (exit 1) when there is a counterexample checked exactly (50 digits);
``unverified`` (exit 3) otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp
from derive.checks.proof.assumptions import parse_assumption
from derive.checks.proof.cases import default_domain
from derive.checks.proof.domains import Domain
from derive.checks.proof.expr_parser import ExpressionParser
from derive.checks.proof.judge import VERDICT_WORDS, Judgement, judge
from derive.checks.proof.limits import TimeLimitExceeded, WorkerFailed, run_limited

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, DeriveError

__all__ = ["AdHocClaim", "CheckResult", "Reader", "check_claim", "in_latex", "parse_claim", "parse_claim_limited"]


@dataclass(frozen=True)
class AdHocClaim:
    """Both sides as typed and as parsed, over shared variables with their domains."""

    lhs_text: str
    rhs_text: str
    lhs: sp.Expr
    rhs: sp.Expr
    symbols: Mapping[str, sp.Symbol]
    domains: Mapping[str, Domain]
    #: How the sides were written: "text" (the expression parser) or "latex".
    notation: str = "text"


#: Reads one side: (text, what) -> SymPy expression, raising DeriveError for bad text.
Reader = Callable[[str, str], sp.Expr]


def parse_claim(
    lhs: str, rhs: str, assumptions: Sequence[str] = (), reader: Reader | None = None, notation: str = "text"
) -> AdHocClaim:
    """Parse a claim; ``DeriveError`` (one line, exit 2) for anything not allowed.

    ``reader`` reads the sides in another notation (``derive check --latex`` passes the
    LaTeX reader of check-latex); by default the whitelisting parser of ``expr_parser``,
    whose variables take the assumptions' signs. Either way the assumptions become the
    variables' domains, by name. ``notation`` names the reader's notation ("latex": the
    counterexamples are also shown in LaTeX)."""
    domains: dict[str, Domain] = {}
    for text in assumptions:
        parse_assumption(text, domains)
    if reader is None:
        parser = ExpressionParser(domains=domains)
        left, right = parser.parse(lhs, what="left side"), parser.parse(rhs, what="right side")
        symbols = dict(parser.symbols)
    else:
        left, right = reader(lhs, "left side"), reader(rhs, "right side")
        symbols = {str(s): s for s in sorted(left.free_symbols | right.free_symbols, key=str)}
    unused = sorted(set(domains) - set(symbols))
    if unused:
        raise DeriveError(f"--assume names {', '.join(map(repr, unused))}, which the claim does not use")
    used = {n: domains.get(n) or default_domain(s) or Domain() for n, s in symbols.items()}
    return AdHocClaim(lhs, rhs, left, right, symbols, used, notation)


def parse_claim_limited(
    lhs: str,
    rhs: str,
    assumptions: Sequence[str] = (),
    *,
    timeout: float | None,
    reader: Reader | None = None,
    notation: str = "text",
) -> AdHocClaim:
    """``parse_claim`` in a worker killed after ``timeout`` s (the parser refuses huge powers
    beforehand; this is the backstop for what SymPy does while building the rest)."""
    try:
        return run_limited(parse_claim, lhs, rhs, tuple(assumptions), reader, notation, seconds=timeout)
    except TimeLimitExceeded:
        raise DeriveError(f"building the expressions took more than {timeout:g} s; simplify the input") from None
    except WorkerFailed as exc:
        raise DeriveError(f"building the expressions failed: {exc}") from None


@dataclass
class CheckResult:
    """What ``derive check`` prints: the claim, the judge's evidence and the verdict."""

    claim: AdHocClaim
    judgement: Judgement
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return VERDICT_WORDS[self.judgement.status]

    @property
    def exit_code(self) -> int:
        return {"verified": EXIT_OK, "refuted": EXIT_FAILED}.get(self.verdict, EXIT_UNDECIDED)

    @property
    def symbolic(self) -> dict[str, Any]:
        return self.judgement.proof

    @property
    def numeric(self) -> dict[str, Any]:
        numeric = dict(self.judgement.sampling)
        if self.judgement.refuted_by == "sampling":
            numeric["counterexample_exact"] = self.judgement.counterexample
        return numeric

    def as_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "lhs": c.lhs_text,
            "rhs": c.rhs_text,
            "parsed": {"lhs": sp.sstr(c.lhs), "rhs": sp.sstr(c.rhs)},
            "assumptions": [c.domains[n].describe(n) for n in sorted(c.domains)],
            "symbolic": self.symbolic,
            "numeric": self.numeric,
            "cases": list(self.judgement.cases),
            "verdict": self.verdict,
            "notes": self.notes,
        }


def check_claim(claim: AdHocClaim, *, examples: int = 100, seed: int = 0, timeout: float | None = 30.0) -> CheckResult:
    """Judge a parsed claim over its domains (``timeout`` for the proof, again for sampling)."""
    judgement = judge(claim.lhs, claim.rhs, domains=claim.domains, seed=seed, examples=examples, timeout=timeout)
    if claim.notation == "latex" and judgement.counterexample is not None:
        shown = in_latex(claim, judgement.counterexample)
        proof = {**judgement.proof, "counterexample": shown} if judgement.refuted_by == "proof" else judgement.proof
        judgement = replace(judgement, proof=proof, counterexample=shown)
    return CheckResult(claim, judgement, list(judgement.notes))


def in_latex(claim: AdHocClaim, cex: Mapping[str, Any]) -> dict[str, Any]:
    """The counterexample with both sides at its point also in LaTeX ("lhs_latex",
    "rhs_latex"), so a claim written in LaTeX is answered in LaTeX. The point's values are
    the judge's exact rationals; anything else leaves the record as it was."""
    try:
        values = {claim.symbols[n]: sp.Rational(v) for n, v in cex.get("point", {}).items() if n in claim.symbols}
    except (TypeError, ValueError):
        return dict(cex)
    return {**cex, "lhs_latex": sp.latex(claim.lhs.xreplace(values)), "rhs_latex": sp.latex(claim.rhs.xreplace(values))}
