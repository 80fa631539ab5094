"""A time budget for a whole document, on top of the time limit per step.

The steps of a document are judged one after another by a :class:`StepRunner` (a worker
process killed when a step runs over its limit). :class:`BudgetRunner` is that runner with a
deadline: each step gets the smaller of its own limit and what is left of the document's
budget, and once the budget is spent every remaining step is inconclusive "over the
document's budget" at once, without being started.

Before any step is judged, this process reads the document into steps; for a pathological
file (2 MB of ``x = x = …``) that alone can take minutes. :func:`reading_guard` bounds it: past
the budget and a grace second, reading is interrupted (:class:`OverBudget`) and the command
reports that the budget ran out before the steps were read. So no document runs more than
about 2 s past its budget.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from multiprocessing.connection import wait
from typing import Any

from derive.checks.latex.step_runner import StepRunner

__all__ = [
    "preload",
    "BudgetRunner",
    "ParallelRunner",
    "OverBudget",
    "reading_guard",
    "DEFAULT_BUDGET",
    "DEFAULT_TIMEOUT",
    "OVER_BUDGET",
]

#: Seconds per step and per document when the user gives none (documented in --help).
DEFAULT_TIMEOUT = 10.0
DEFAULT_BUDGET = 120.0
OVER_BUDGET = "over the document's budget"


def warm_up() -> dict[str, Any]:
    """Runs in the worker: every import a step needs, through a real (trivial) step."""
    from derive.checks.latex.checker import check_step
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.notation import load_notation

    notation = load_notation(None)
    return check_step(normalize("x + 1", notation), normalize("1 + x", notation))


def preload() -> None:
    """Import here what a worker imports for its first step (warm_up): SymPy and the prover.

    Workers are forked from this process: imported before, they inherit it instead of each
    importing it again (about 0.3 s of CPU each), and this process, which needs SymPy for its
    own passes after judging, no longer imports it then, with both workers idle. Imports only:
    no SymPy computation here, so this process's SymPy caches stay as they were."""
    import derive.checks.latex.subset_parser  # noqa: F401  (sympy_build._parse)
    import derive.checks.proof.judge  # noqa: F401
    import derive.checks.proof.symbolic  # noqa: F401  (judge.prove_equal)
    import sympy  # noqa: F401
    import sympy.parsing.latex  # noqa: F401  (sympy_build._parse)
    import sympy.tensor.tensor  # noqa: F401  (SymPy's own, at its first sum: Add.flatten)


def _budget_verdict(message: str) -> dict[str, Any]:
    return {"status": "inconclusive", "counterexample": None, "message": message, "method": "budget"}


class BudgetRunner(StepRunner):
    """A StepRunner that stops giving time to steps once the document's budget is spent.

    A worker (the first one, or a new one after a step over its limit was killed) warms up
    before it is given a step: importing SymPy takes about a second, which must not count
    against a step's ``--timeout`` (with ``--timeout 1`` a cold worker could never finish a
    step); it counts against the document's budget only."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, budget: float = DEFAULT_BUDGET) -> None:
        super().__init__(timeout)
        self.step_timeout = timeout
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.skipped = 0
        self._warm_pending = False
        self.judging = False  # set when the first step is handed to a worker

    def start_clock(self, origin: float | None = None) -> None:
        """Start the budget (at ``origin``, a ``time.monotonic()`` reading, if given: the moment
        the command started), and the worker with it: it imports and judges a trivial step
        while this process reads the document (2 cores: about 1 s less per command)."""
        self.deadline = (time.monotonic() if origin is None else origin) + self.budget
        self._warm()

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def _warm(self) -> None:
        if self._warm_pending and self.connection is not None:
            return  # its reply is still due: a second one would be read as a step's verdict
        self.submit((warm_up, ()))
        self._warm_pending = True

    def _warmed(self) -> bool:
        """Wait (within the budget) for the worker's warm-up; False if the budget ran out."""
        if self.connection is None:
            self._warm()
        if not self._warm_pending:
            return True
        self._warm_pending = False
        if wait([self.connection], timeout=max(0.0, self.remaining())):
            self.receive()
            return self.connection is not None
        self.abandon()
        return False

    def run(self, job: tuple[Callable[..., dict[str, Any]], tuple]) -> dict[str, Any]:
        self.judging = True
        if self.remaining() <= 0.05:
            self.skipped += 1
            return _budget_verdict(f"{OVER_BUDGET} ({self.budget:g} s): not checked")
        if not self._warmed():
            return _budget_verdict(f"{OVER_BUDGET} ({self.budget:g} s) while the checker started")
        left = self.remaining()
        self.timeout = min(self.step_timeout, left)
        out = super().run(job)
        if out.get("method") == "timeout" and self.timeout < self.step_timeout:
            out = {**out, "message": f"{OVER_BUDGET} ({self.budget:g} s) while this step ran", "method": "budget"}
        return out


def _verdict_missing(out: object) -> dict[str, Any]:
    """A job that answered something other than a verdict (a bug in the job): inconclusive."""
    return {
        "status": "inconclusive",
        "counterexample": None,
        "message": f"no verdict ({type(out).__name__})",
        "method": "error",
    }


class ParallelRunner(BudgetRunner):
    """A BudgetRunner with more workers: :meth:`run_all` judges steps side by side (2 cores:
    about half the wall time of a long document), each under its own limit and all under the
    document's budget. It is itself the first worker."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, budget: float = DEFAULT_BUDGET, workers: int = 2) -> None:
        super().__init__(timeout, budget)
        self.others = [StepRunner(timeout) for _ in range(max(0, workers - 1))]
        self._busy: dict[int, tuple[StepRunner, int | None, float, float]] = {}  # id -> (worker, job, start, limit)

    def _workers(self) -> list[StepRunner]:
        return [self, *self.others]

    def start_clock(self, origin: float | None = None) -> None:
        """Start the budget and every worker, each warming up (imports) at once."""
        self.deadline = (time.monotonic() if origin is None else origin) + self.budget
        preload()
        for worker in self._workers():
            self._warm_worker(worker)

    def _warm_worker(self, worker: StepRunner) -> None:
        """Warm-up of a fresh worker: limited by the budget, not by a step's --timeout."""
        if id(worker) in self._busy:
            return  # its reply is still due: a second warm-up's reply would be read as the next step's
        worker.submit((warm_up, ()))
        self._busy[id(worker)] = (worker, None, time.monotonic(), max(0.0, self.remaining()))

    def _over(self, index: int | None, results: list[dict[str, Any] | None], message: str, method: str) -> None:
        if index is not None:
            results[index] = {"status": "inconclusive", "counterexample": None, "message": message, "method": method}

    def _collect(self, results: list[dict[str, Any] | None]) -> None:
        """Wait for the first reply or the first limit, then record what is done."""
        now = time.monotonic()
        soonest = min(start + limit for _, _, start, limit in self._busy.values())
        conns = [w.connection for w, *_ in self._busy.values() if w.connection is not None]
        ready = set(map(id, wait(conns, timeout=max(0.0, soonest - now)))) if conns else set()
        now = time.monotonic()
        for key, (worker, index, start, limit) in list(self._busy.items()):
            if worker.connection is not None and id(worker.connection) in ready:
                del self._busy[key]
                out = worker.receive()
                if index is not None:
                    out = out if isinstance(out, dict) else _verdict_missing(out)
                    results[index] = {**out, "seconds": now - start}
            elif now - start >= limit:
                del self._busy[key]
                worker.abandon()
                if index is None or limit < self.step_timeout:
                    self._over(index, results, f"{OVER_BUDGET} ({self.budget:g} s) while this step ran", "budget")
                else:
                    self._over(index, results, f"over the time limit ({self.step_timeout:g} s)", "timeout")

    def run_all(self, jobs: list[tuple[Callable[..., dict[str, Any]], tuple]]) -> list[dict[str, Any]]:
        self.judging = True
        results: list[dict[str, Any] | None] = [None] * len(jobs)
        queue = list(enumerate(jobs))[::-1]
        while queue or any(index is not None for _, index, _, _ in self._busy.values()):
            for worker in self._workers():
                if id(worker) in self._busy or not queue:
                    continue
                left = self.remaining()
                if left <= 0.05:
                    while queue:
                        self.skipped += 1
                        self._over(queue.pop()[0], results, f"{OVER_BUDGET} ({self.budget:g} s): not checked", "budget")
                    break
                if worker.connection is None:  # killed after a step over its limit: warm a new one first
                    self._warm_worker(worker)
                    continue
                index, job = queue.pop()
                worker.submit(job)
                self._busy[id(worker)] = (worker, index, time.monotonic(), min(self.step_timeout, left))
            if self._busy:
                self._collect(results)
        return [
            r
            if r is not None
            else {"status": "inconclusive", "counterexample": None, "message": "lost", "method": "error"}
            for r in results
        ]

    def run(self, job: tuple[Callable[..., dict[str, Any]], tuple]) -> dict[str, Any]:
        return self.run_all([job])[0]

    def close(self) -> None:
        self._busy.clear()
        for worker in self.others:
            worker.close()
        super().close()


class OverBudget(BaseException):
    """The document's budget ran out while this process was still reading it into steps.

    A BaseException, as KeyboardInterrupt is: the readers' ``except Exception`` (a name that
    is not a plain name …) must not swallow it."""


@contextmanager
def reading_guard(runner: BudgetRunner, grace: float = 0.5) -> Iterator[None]:
    """Interrupt this process's own work (reading the document into steps) once the budget
    and ``grace`` seconds are spent and no step has been handed to a worker yet; judging has
    its own limits (the runner's) and is never interrupted, so verdicts are never lost.
    Uses SIGALRM (main thread, Unix); elsewhere it guards nothing."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        if not runner.judging:
            raise OverBudget(f"{OVER_BUDGET} ({runner.budget:g} s) ran out while the document was read into steps")

    try:
        previous = signal.signal(signal.SIGALRM, interrupt)
    except ValueError:  # not the main thread: signals cannot be used
        yield
        return
    # and again every 0.2 s, in case one interruption lands where it cannot propagate: in a
    # finalizer (a generator closed or an object collected mid-reading), where Python prints it
    # as "Exception ignored in …" with a traceback. Those are silenced: the next one propagates.
    previous_hook = sys.unraisablehook
    sys.unraisablehook = partial(_silence_over_budget, previous_hook)
    signal.setitimer(signal.ITIMER_REAL, max(0.01, runner.remaining() + grace), 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook


def _silence_over_budget(previous: Callable[[Any], object], unraisable: Any) -> None:
    """An interruption that landed in a finalizer is dropped; anything else is reported as before."""
    if not isinstance(unraisable.exc_value, OverBudget):
        previous(unraisable)
