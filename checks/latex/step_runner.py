"""One worker process, reused across steps, killed and replaced when a step runs over its limit.

SymPy's arithmetic can hang in C on inputs such as ``9^{9^{9^{9}}}``, where ``signal.alarm``
does not help: the only reliable limit is a process that can be killed.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable
from typing import Any

__all__ = ["StepRunner"]


def _serve(conn: Any) -> None:  # pragma: no cover - runs in the worker process
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        work, args = job
        try:
            result = work(*args)
        except BaseException as exc:  # noqa: BLE001 - a verdict, never a crash
            result = {
                "status": "inconclusive",
                "counterexample": None,
                "message": f"checker error: {type(exc).__name__}: {exc}"[:300],
                "method": "error",
            }
        try:
            conn.send(result)
        except Exception:  # noqa: BLE001
            conn.send(
                {
                    "status": "inconclusive",
                    "counterexample": None,
                    "message": "result could not be returned",
                    "method": "error",
                }
            )


class StepRunner:
    """One worker process, reused across steps; killed and replaced on a timeout."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        methods = mp.get_all_start_methods()
        self._ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_serve, args=(child,), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join(1)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(1)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def run(self, job: tuple[Callable[..., dict[str, Any]], tuple]) -> dict[str, Any]:
        """``work(*args)`` in the worker: a module-level function (so that spawn can pickle it)."""
        if self._proc is None or not self._proc.is_alive():
            self._stop()
            self._start()
        try:
            self._conn.send(job)
            if self._conn.poll(self.timeout):
                return self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._stop()
            return _crashed()
        self._stop()
        return self._over_limit()

    def _over_limit(self) -> dict[str, Any]:
        return {
            "status": "inconclusive",
            "counterexample": None,
            "message": f"over the time limit ({self.timeout:g} s)",
            "method": "timeout",
        }

    def run_all(self, jobs: list[tuple[Callable[..., dict[str, Any]], tuple]]) -> list[dict[str, Any]]:
        """Every job's result, in order; each result has ``seconds``. One worker: one after the
        other (a pool, see derive.checks.latex.budget.ParallelRunner, runs them side by side)."""
        results = []
        for job in jobs:
            start = time.perf_counter()
            out = self.run(job)
            results.append({**out, "seconds": time.perf_counter() - start})
        return results

    # The pieces a pool of runners needs: send without waiting, know when a reply is there,
    # read it, and give up on a worker (killed; the next job starts a fresh one).

    def submit(self, job: tuple[Callable[..., Any], tuple]) -> None:
        """Send ``job`` to the worker (started if needed) without waiting for its result."""
        if self._proc is None or not self._proc.is_alive():
            self._stop()
            self._start()
        self._conn.send(job)

    @property
    def connection(self) -> Any:
        """The parent's end of the pipe, for ``multiprocessing.connection.wait``; None if stopped."""
        return self._conn

    def receive(self) -> dict[str, Any]:
        """The reply to the last submitted job (call when ``connection`` is ready)."""
        try:
            return self._conn.recv()
        except (EOFError, OSError):
            self._stop()
            return _crashed()

    def abandon(self) -> None:
        """Kill the worker (a job ran over its limit); the next job starts a new one."""
        self._stop()

    def close(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            try:
                self._conn.send(None)
                self._proc.join(1)
            except (OSError, BrokenPipeError):
                pass
        self._stop()

    def __enter__(self) -> StepRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _crashed() -> dict[str, Any]:
    """The verdict of a step whose worker died: never a verdict on the mathematics."""
    return {
        "status": "inconclusive",
        "counterexample": None,
        "message": "the checker process failed on this step",
        "method": "crash",
    }
