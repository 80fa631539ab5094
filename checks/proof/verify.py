"""Verification of identities: the symbolic proof and the numeric check, combined into one
verdict per identity, and the summary that `derive verify` prints."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from derive.checks.proof.judge import VERDICT_WORDS, combine
from derive.checks.proof.numeric import NumericResult, can_share, check_identities, check_identity
from derive.checks.proof.symbolic import ProofResult, prove_identity

from derive.identity import Identity


@dataclass(frozen=True)
class VerificationResult:
    identity: Identity
    symbolic: ProofResult
    numeric: NumericResult

    @property
    def verdict(self) -> str:
        """verified: proved and sampled; refuted: a counterexample exists; else unverified.

        The rule is the one claim judge's (``derive.checks.proof.judge.combine``): numeric
        agreement never upgrades an inconclusive proof, and a numeric failure of a claim
        that was proved is not a refutation either (it would be a bug in the sampler or a
        tolerance): it leaves the identity unverified so that someone looks. A numeric
        counterexample of an identity counts as found (the sampler's shrunk example, held
        against finite differences where it is a derivative claim).
        """
        sampled = self.numeric.status == "failed" and bool(self.numeric.counterexample)
        return VERDICT_WORDS[combine(self.symbolic.status, self.numeric.status, sampled)]

    def as_dict(self) -> dict[str, Any]:
        i = self.identity
        symbolic = self.symbolic.as_dict()
        return {
            "id": i.id,
            "title": i.title,
            "sources": list(i.sources),
            "symbolic": symbolic,
            "numeric": self.numeric.as_dict(),
            "verdict": self.verdict,
        }

    def _repr_latex_(self) -> str:
        from derive.latex import verification_latex

        return verification_latex(self)


def verify_identity(identity: Identity, *, examples: int = 40, seed: int = 0) -> VerificationResult:
    return VerificationResult(
        identity, prove_identity(identity, seed=seed), check_identity(identity, examples=examples, seed=seed)
    )


def verify_group(group: list[Identity], *, examples: int = 40, seed: int = 0) -> list[VerificationResult]:
    """Identities that can share their drawn inputs (``share_groups``): each proved, all
    sampled on one Hypothesis run (``check_identities``)."""
    numeric = check_identities(group, examples=examples, seed=seed)
    return [VerificationResult(i, prove_identity(i, seed=seed), n) for i, n in zip(group, numeric, strict=True)]


def share_groups(identities: list[Identity]) -> list[list[Identity]]:
    """Identities of one topic whose inputs can be drawn together (same sizes, same
    variables by name), in order of first appearance: e.g. the six batch gradients of the
    two-layer network share 40 drawn networks instead of drawing 6 × 40."""
    groups: list[list[Identity]] = []
    for identity in identities:
        fits = (g for g in groups if g[0].topic == identity.topic and can_share(g, identity))
        group = next(fits, None)
        if group is None:
            groups.append([identity])
        else:
            group.append(identity)
    return groups


#: A worker's reply for one unit: its pid, its CPU seconds so far, and each identity's evidence.
_UnitReply = tuple[int, float, list[tuple[str, ProofResult, NumericResult]]]


def _verify_in_worker(args: tuple[tuple[tuple[str, ...], ...], int, int]) -> _UnitReply:
    """One unit of work; also the worker's pid and its CPU seconds since it was forked (a
    forked child's clock starts at 0), for ``verify_all(cpu=...)``."""
    groups, examples, seed = args
    out = []
    for ids in groups:
        for result in verify_group([_WORKER_IDENTITIES[i] for i in ids], examples=examples, seed=seed):
            out.append((result.identity.id, result.symbolic, result.numeric))
    return os.getpid(), time.process_time(), out


def _work_units(identities: list[Identity], jobs: int) -> list[list[list[Identity]]]:
    """Identities of one topic share their builds (a network's forward pass and gradients at
    every size): with few workers for many topics, one worker takes a whole topic so nothing
    is built twice (the catalogue on 2 workers: ~15% less CPU); otherwise balance matters
    more and each share group (``share_groups``) is a unit. Largest first (by the number of sizes to prove), so no
    worker is left with a batch gradient at the end while the other idles."""
    topics: dict[str, list[list[Identity]]] = {}
    for group in share_groups(identities):
        topics.setdefault(group[0].topic, []).append(group)
    units = list(topics.values()) if len(topics) >= 4 * jobs else [[g] for groups in topics.values() for g in groups]

    def cost(unit: list[list[Identity]]) -> int:
        return sum(sum(1 for _ in i.sizes()) * max(1, len(i.variables)) for group in unit for i in group)

    return sorted(units, key=lambda unit: -cost(unit))


#: Identities by id for forked workers (inherited, so their builders need not be pickled).
_WORKER_IDENTITIES: dict[str, Identity] = {}


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


#: The young generation's threshold while verifying (CPython's default is 700). Building
#: and proving allocate millions of short-lived SymPy nodes and Hypothesis records; at 700
#: the collector ran ~870 times over the catalogue (0.7 s of ~8 s CPU), at 10 000 about 60
#: times (~0.35 s). Cycles are still collected, so memory stays bounded (peak RSS unchanged).
GC_THRESHOLD = (10_000, 10, 10)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often while verifying, and freeze what exists now (the imports
    and the catalogue: long-lived, never garbage) so no collection walks it again; forked
    workers inherit both, and a frozen object's page is not copied by a collection's
    writes. Restored on exit."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def verify_all(
    identities: Iterable[Identity],
    *,
    examples: int = 40,
    seed: int = 0,
    jobs: int = 1,
    progress: Callable[[Identity], None] | None = None,
    cpu: MutableMapping[int, float] | None = None,
) -> list[VerificationResult]:
    """Verify each identity; with jobs > 1, in forked worker processes (identities are
    independent, and proving and sampling are CPU-bound). Results keep the input order.

    ``cpu`` (optional) receives each worker's CPU seconds by pid (for the benchmark: the
    busiest worker is the critical path); nothing when no worker is used."""
    identities = list(identities)
    with fewer_collections():
        if jobs <= 1 or len(identities) <= 1 or "fork" not in mp.get_all_start_methods():
            by_id: dict[str, VerificationResult] = {}
            for group in share_groups(identities):
                for result in verify_group(group, examples=examples, seed=seed):
                    by_id[result.identity.id] = result
                    if progress is not None:
                        progress(result.identity)
            return [by_id[i.id] for i in identities]
        return _verify_in_pool(identities, examples, seed, jobs, progress, cpu if cpu is not None else {})


def _verify_in_pool(
    identities: list[Identity],
    examples: int,
    seed: int,
    jobs: int,
    progress: Callable[[Identity], None] | None,
    cpu: MutableMapping[int, float],
) -> list[VerificationResult]:
    _WORKER_IDENTITIES.clear()
    _WORKER_IDENTITIES.update({i.id: i for i in identities})
    by_id: dict[str, tuple[ProofResult, NumericResult]] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork")) as pool:
        units = _work_units(identities, jobs)
        work = [(tuple(tuple(i.id for i in g) for g in unit), examples, seed) for unit in units]
        for pid, seconds, unit_results in pool.map(_verify_in_worker, work, chunksize=1):
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
            for ident, symbolic, numeric in unit_results:
                by_id[ident] = (symbolic, numeric)
                if progress is not None:
                    progress(_WORKER_IDENTITIES[ident])
    return [VerificationResult(i, *by_id[i.id]) for i in identities]


def summary(results: list[VerificationResult], seconds: float) -> dict[str, Any]:
    counts = {"verified": 0, "refuted": 0, "unverified": 0}
    for r in results:
        counts[r.verdict] += 1
    return {**counts, "seconds": round(seconds, 3)}


def timed_verify(identities: list[Identity], **kwargs: Any) -> tuple[list[VerificationResult], dict[str, Any]]:
    start = time.perf_counter()
    results = verify_all(identities, **kwargs)
    return results, summary(results, time.perf_counter() - start)
