"""The one claim judge: is ``lhs = rhs`` proved, refuted or neither?

``judge(lhs, rhs, ...)`` takes two parsed SymPy expressions (it never parses text) and
returns a ``Judgement``. It serves ``derive check`` (via ``derive.checks.proof.claims``) and
the verdict rule of ``derive verify`` (``combine``), and is built for check-latex's scalar
steps (``conditions`` from the prose, ``unit_domains``, integer indices, ``at_kinks=False``
where documents differ in their conventions at a kink). In order:

1. Cases (``derive.checks.proof.cases.split_cases``): each variable's domain mapped onto its
   own parameter, split at closed endpoints and at the zeros of kink arguments (relu(x − 1)
   at x = 1; max(a, b) and abs(a − b) at a − b = 0), and linear conditions between variables
   (a > b, i ≠ j) imposed by substitution.
2. Proof first: ``derive.checks.proof.symbolic.prove_equal`` on every case. A case where a
   side is undefined (zoo, nan) is skipped: the claim says nothing there.
3. Counterexample confirmation: a point from the prover, from a search at simple values
   (which catches constant differences SymPy cancels, x + 10⁻²⁰ against x) or from sampling
   refutes only if both sides evaluated exactly to 50 digits differ there, are real there,
   and the point lies inside the domains and satisfies every condition.
4. Sampling (``derive.checks.proof.numeric.sample_compare``, Hypothesis with
   ``database=None``): both sides over the domains where the conditions hold (with
   ``at_kinks=False``, over the open cases, off the kinks). It never upgrades an inconclusive
   proof; a proved claim that sampling contradicts is inconclusive (someone should look).
5. One time limit (``derive.checks.proof.limits``): the proof and, again, the sampling run in
   a forked worker that is killed on overrun (``timeout`` seconds each; None: in-process).

Status: ``proved`` (every case proved, and sampling passed or was not asked for);
``refuted`` (a confirmed counterexample, in ``Judgement.counterexample``); ``inconclusive``
otherwise, with the reason in ``notes``.

Example::

    >>> from derive.functions import relu
    >>> x = sp.Symbol("x", real=True)
    >>> judge(relu(x - 1), sp.Max(x - 1, 0), examples=20).status
    'proved'
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy as sp
from derive.checks.proof.cases import Case, sampling_cases, split_cases
from derive.checks.proof.domains import Domain
from derive.checks.proof.exact_points import confirm, exact_search
from derive.checks.proof.kinks import kink_arguments, settle
from derive.checks.proof.limits import TimeLimitExceeded, WorkerFailed, run_limited

__all__ = ["VERDICT_WORDS", "Judgement", "Status", "combine", "confirm", "exact_search", "judge", "unit_domains"]

Status = Literal["proved", "refuted", "inconclusive"]
#: How ``derive check`` and ``derive verify`` name the judge's statuses.
VERDICT_WORDS = {"proved": "verified", "refuted": "refuted", "inconclusive": "unverified"}


@dataclass(frozen=True)
class Judgement:
    """What the judge decided and on what evidence (plain data: it pickles and prints).

    ``proof``: {"status", "method", "seconds", "counterexample", optionally "detail",
    "skipped"}; ``sampling``: numeric.NumericResult.as_dict() plus "detail" (empty when
    sampling was not asked for); ``counterexample``: the confirmed one that refutes, as
    {"point": {name: exact value}, "lhs", "rhs", optionally "where", "difference",
    "lhs_exact", "rhs_exact"}; ``refuted_by``: "proof" or "sampling"; ``cases``: the case
    labels; ``notes``: why the status is what it is, and what the split could not do.
    """

    status: Status
    method: str
    proof: dict[str, Any]
    sampling: dict[str, Any]
    counterexample: dict[str, Any] | None = None
    refuted_by: str = ""
    cases: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "method": self.method,
            "proof": self.proof,
            "sampling": self.sampling,
            "counterexample": self.counterexample,
            "refuted_by": self.refuted_by,
            "cases": list(self.cases),
            "notes": list(self.notes),
        }


def unit_domains(names: Iterable[str]) -> dict[str, Domain]:
    """Domains keeping each named variable in the open interval (0, 1)."""
    return {n: Domain(sp.S.Zero, sp.S.One) for n in names}


def combine(proof_status: str, sampling_status: str | None, confirmed: bool) -> Status:
    """The verdict rule shared by every command (``derive verify`` uses it too).

    proved: the proof holds and sampling passed (``sampling_status`` None: not asked for);
    refuted: the prover refuted, or sampling found a difference ``confirmed`` (exactly, by
    this judge) while the proof was not complete; inconclusive otherwise: sampling
    agreement is not a proof, and a proof that sampling contradicts is a tolerance or
    evaluation problem someone must look at, never a refutation."""
    if proof_status == "proved":
        return "proved" if sampling_status in (None, "passed") else "inconclusive"
    if proof_status == "refuted" or confirmed:
        return "refuted"
    return "inconclusive"


# --------------------------------------------------------------------------- proof


@dataclass(frozen=True)
class _Claim:
    """The judge's inputs, bundled so one argument travels to the worker."""

    lhs: sp.Expr
    rhs: sp.Expr
    domains: Mapping[str, Domain]
    conditions: tuple[sp.Basic, ...]
    seed: int
    #: Kink arguments whose zeros are not judged (``at_kinks=False``).
    avoid: tuple[sp.Expr, ...] = ()

    @property
    def where(self) -> dict[str, Any]:
        """The keyword arguments of ``confirm`` that keep a point inside the claim."""
        return {"domains": self.domains, "conditions": self.conditions, "avoid": self.avoid}


def _prove_cases(claim: _Claim, cases: list[Case]) -> dict[str, Any]:
    """prove_equal in every case: proved if proved in all, refuted if some case has a
    counterexample that survives exact evaluation, inconclusive otherwise (the first
    undecided case is the one reported, and it does not hide a later refuted one)."""
    from derive.checks.proof.symbolic import prove_equal

    methods: set[str] = set()
    skipped: list[str] = []
    record: dict[str, Any] = {"status": "proved", "method": "", "counterexample": None}
    where = claim.where
    for case in cases:
        lhs, rhs = settle(case.apply(claim.lhs)), settle(case.apply(claim.rhs))
        if any(case.apply(g).is_zero for g in claim.avoid):
            skipped.append(f"{case.label}: at a kink, where conventions differ; not judged")
            continue
        if any(side.has(sp.zoo, sp.nan) for side in (lhs, rhs)):
            skipped.append(f"{case.label or 'the whole domain'}: a side is undefined there")
            continue
        outcome = prove_equal(lhs, rhs, seed=claim.seed)
        methods |= outcome.methods or {outcome.method}
        if outcome.status == "proved":
            continue
        found, how = None, outcome.method
        if outcome.counterexample is not None:
            found = confirm(claim.lhs, claim.rhs, case.point(dict(outcome.counterexample.point)), **where)
        if found is None:
            found, how = exact_search(claim.lhs, claim.rhs, case, **where), f"{outcome.method}+exact-search"
        if found is not None:
            if case.label:
                found["where"] = case.label
            record = {"status": "refuted", "method": how, "counterexample": found}
            break
        if record["status"] == "proved":
            detail = outcome.detail or "the prover could not decide the claim"
            if outcome.counterexample is not None:
                back = case.point(dict(outcome.counterexample.point))
                at = ", ".join(f"{k} = {v}" for k, v in sorted((str(k), v) for k, v in back.items()))
                detail = (
                    f"the prover's counterexample ({at}) does not hold exactly: a side may be undefined "
                    "or not real there, or it is outside the conditions"
                )
            record = {
                "status": "inconclusive",
                "method": outcome.method,
                "counterexample": None,
                "detail": f"{detail} ({case.label})" if case.label else detail,
            }
    if record["status"] == "proved":
        method = "+".join(sorted(methods - {""})) or "structural"
        proved = len(cases) - len(skipped)
        record["method"] = f"case-split({proved})+{method}" if len(cases) > 1 else method
    if skipped:
        record["skipped"] = skipped
    return record


def _prove_guarded(claim: _Claim, cases: list[Case]) -> dict[str, Any]:
    try:
        return _prove_cases(claim, cases)
    except Exception as exc:  # noqa: BLE001 - SymPy fails on odd input in many ways; that is "could not decide", not a crash
        return {
            "status": "inconclusive",
            "method": "error",
            "counterexample": None,
            "detail": f"the prover failed: {type(exc).__name__}: {_one_line(exc)}",
        }


# --------------------------------------------------------------------------- sampling


def _sample(claim: _Claim, cases: list[Case], examples: int) -> dict[str, Any]:
    """Hypothesis sampling over the domains where the conditions hold (one case, or a few
    sharing the examples); the first failure is re-evaluated exactly."""
    share = max(1, examples // len(cases))
    records = [_sample_case(claim, case, share) for case in cases]
    failed = [r for r in records if r["status"] != "passed"]
    if len(records) == 1 or failed:
        return records[0] if len(records) == 1 else failed[0]
    errors = [r["max_error"] for r in records if r["max_error"] is not None]
    return {**records[0], "examples": sum(r["examples"] for r in records), "max_error": max(errors) if errors else None}


def _sample_case(claim: _Claim, whole: Case, examples: int) -> dict[str, Any]:
    from derive.checks.proof.numeric import sample_compare

    symbols = {str(p): p for p in whole.params}
    lhs, rhs = whole.apply(claim.lhs), whole.apply(claim.rhs)

    def differs(inputs: dict[str, float]) -> bool:  # the sampler asks about each float difference
        return _confirmed_at(claim, whole, inputs) is not None

    try:
        # NumPy warns (ComplexWarning, overflow) on stderr; the record says what matters.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = sample_compare(lhs, rhs, symbols, examples=examples, seed=claim.seed, still_differs=differs)
    except Exception as exc:  # noqa: BLE001 - e.g. a function NumPy cannot evaluate: no sampling evidence, not a crash
        detail = f"{type(exc).__name__}: {_one_line(exc)}"
        return {"status": "error", "examples": 0, "max_error": None, "counterexample": None, "detail": detail}
    record = result.as_dict()
    cex = result.counterexample
    if cex is not None:
        try:
            values = whole.point(cex.get("inputs", {}))
        except (TypeError, ValueError):
            values = {}
        point = {str(n): str(v) for n, v in sorted(values.items(), key=lambda kv: str(kv[0]))}
        record["counterexample"] = {"point": point, "lhs": _scalar(cex.get("lhs")), "rhs": _scalar(cex.get("rhs"))}
        record["confirmed"] = confirm(claim.lhs, claim.rhs, values, **claim.where) if values else None
        if record["confirmed"] is None and cex.get("confirmed_inputs"):  # floats shrank past the difference
            record["confirmed"] = _confirmed_at(claim, whole, cex["confirmed_inputs"])
    if result.detail:
        record["detail"] = result.detail
    return record


def _confirmed_at(claim: _Claim, whole: Case, inputs: dict[str, float]) -> dict[str, Any] | None:
    """The sampler's float point ``inputs`` under exact evaluation: the confirmed counterexample
    there, or None (no real difference, or a point outside the claim's domains)."""
    try:
        return confirm(claim.lhs, claim.rhs, whole.point(inputs), **claim.where)
    except (TypeError, ValueError):
        return None


def _scalar(value: Any) -> Any:
    """The sampler reports entries as lists; a scalar claim has one."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


# --------------------------------------------------------------------------- the judge


def judge(
    lhs: sp.Expr,
    rhs: sp.Expr,
    *,
    domains: Mapping[str, Domain] | None = None,
    conditions: Sequence[sp.Basic] = (),
    seed: int = 0,
    examples: int = 100,
    timeout: float | None = 30.0,
    kinks: bool = True,
    at_kinks: bool = True,
) -> Judgement:
    """Prove or refute ``lhs = rhs`` (SymPy expressions, already parsed). See the module
    docstring for the order of the evidence.

    - ``domains``: {variable name: Domain} (derive.checks.proof.domains.Domain; default:
      the interval each symbol's SymPy assumptions state; ``unit_domains(names)`` keeps
      names in (0, 1)). Integer and non-real symbols are never split or mapped.
    - ``conditions``: SymPy relations that hold in the claim's context (``sp.Ne(i, j)``,
      ``a > b``, ``x > 0``): single-variable ones narrow that variable's domain, linear ones
      between variables are imposed by substitution, and every counterexample must satisfy
      all of them.
    - ``seed``: the prover's search and Hypothesis; runs are deterministic per seed.
    - ``examples``: Hypothesis examples; 0 skips sampling (the status then rests on the
      proof alone).
    - ``timeout``: seconds for the proof, and again for sampling, each in a forked worker
      killed on overrun (derive.checks.proof.limits); None runs in this process (use it
      when the caller already runs the judge in a limited worker). Where ``fork`` does not
      exist (Windows) the limit is not enforced.
    - ``kinks``: False splits the domains only.
    - ``at_kinks``: False leaves the kinks themselves undecided (check-latex: conventions
      at a kink differ between documents): the cases at a kink's zero are skipped, and no
      counterexample where a kink's argument is 0 counts.

    Raises ``derive.checks.proof.cases.CaseLimitError`` (a DeriveError: bad input) when the
    domains alone make more than ``cases.MAX_CASES`` cases, and ``TypeError`` for a side that
    is not a SymPy expression (text is never parsed here).
    """
    start = time.perf_counter()
    domains = dict(domains or {})
    for what, side in (("lhs", lhs), ("rhs", rhs)):
        # Never sympify: a string would be parsed (and run) by SymPy's own parser.
        if not isinstance(side, sp.Expr):
            raise TypeError(f"judge: {what} must be a SymPy expression (parse text first), got {type(side).__name__}")
    avoid = () if at_kinks else tuple(kink_arguments(lhs, rhs))
    claim = _Claim(lhs, rhs, domains, tuple(conditions), seed, avoid)
    split = split_cases([claim.lhs, claim.rhs], domains, claim.conditions, kinks=kinks)
    proof = _limited(
        _prove_guarded, claim, split.cases, seconds=timeout, failed={"status": "inconclusive", "counterexample": None}
    )
    proof["seconds"] = round(time.perf_counter() - start, 4)
    sampling: dict[str, Any] = {}
    if examples > 0:
        drawn = _sampled_cases(claim, split.cases)
        sampling = _limited(
            _sample,
            claim,
            drawn,
            examples,
            seconds=timeout,
            failed={"status": "timeout", "examples": 0, "max_error": None, "counterexample": None},
        )
    confirmed = sampling.pop("confirmed", None)
    status = combine(proof["status"], sampling.get("status") if examples > 0 else None, confirmed is not None)
    counterexample, refuted_by = None, ""
    if proof["status"] == "refuted":
        counterexample, refuted_by = proof["counterexample"], "proof"
    elif status == "refuted":
        counterexample, refuted_by = confirmed, "sampling"
    notes = [*split.notes, *_explain(status, proof, sampling, refuted_by)]
    method = proof["method"] if refuted_by != "sampling" else "sampling+exact"
    labels = tuple(c.label or "the whole domain" for c in split.cases)
    return Judgement(status, method, proof, sampling, counterexample, refuted_by, labels, tuple(notes))


def _sampled_cases(claim: _Claim, cases: list[Case]) -> list[Case]:
    """Where sampling draws: the domains where the conditions hold, in one piece, or, when
    kinks are not judged, the open cases of the split (so no draw lands on a kink, which
    Hypothesis tries first: 0 is its simplest float)."""
    if claim.avoid:
        off_kinks = [c for c in cases if c.params and not any(c.apply(g).is_zero for g in claim.avoid)]
        if off_kinks:
            return off_kinks
    return sampling_cases(claim.lhs.free_symbols | claim.rhs.free_symbols, claim.domains, claim.conditions)


def _limited(fn: Any, *args: Any, seconds: float | None, failed: dict[str, Any]) -> dict[str, Any]:
    """``fn(*args)`` under the time limit; a timeout or a dead worker is a record too."""
    try:
        return run_limited(fn, *args, seconds=seconds)
    except TimeLimitExceeded as exc:
        return {**failed, "method": "timeout", "detail": str(exc)}
    except WorkerFailed as exc:
        return {**failed, "method": "crash", "detail": str(exc)}


def _explain(status: Status, proof: dict[str, Any], sampling: dict[str, Any], refuted_by: str) -> list[str]:
    """Why an inconclusive or sampled verdict is what it is, in one line each."""
    if refuted_by == "sampling":
        return ["refuted by sampling: the sampled counterexample holds under exact evaluation"]
    if status != "inconclusive":
        return []
    if proof["status"] == "proved" and sampling.get("counterexample"):
        return ["proved, but sampling disagrees: a tolerance or an evaluation problem; not verified"]
    if proof["status"] == "proved":
        return ["proved, but sampling could not evaluate the sides (overflow or undefined values); not verified"]
    if sampling.get("status") == "passed":
        return ["sampling agrees, but agreement is not a proof"]
    if sampling.get("status") == "failed" and sampling.get("counterexample"):
        return ["sampling found a difference that exact evaluation does not confirm"]
    if sampling:
        return ["sampling could not judge the claim either"]
    return []
