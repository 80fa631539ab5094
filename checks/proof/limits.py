"""The one time limit of the claim judge: run a function in a forked worker, kill it on overrun.

``run_limited(fn, *args, seconds=...)`` forks, runs ``fn(*args)`` in the child, and sends the
pickled result (or the exception it raised) back through a pipe. The parent waits at most
``seconds``; on overrun it kills the child (SIGKILL) and raises ``TimeLimitExceeded``.

Why a forked worker and not SIGALRM (which ``derive check`` used before):
- SymPy spends its worst cases in C (GMP big-integer arithmetic, ``E**E**E**E**E``), and a
  Python signal handler only runs between bytecodes, so the alarm fires late or never;
  a killed process stops at once.
- SIGALRM works only in the main thread and not on Windows; a worker works wherever the
  judge is called from (a thread, a check-latex worker, a test runner).
- The handler's exception can be swallowed by any ``except BaseException`` on the way out of
  SymPy or Hypothesis; a killed process cannot swallow anything.
- A child that crashes (segfault, out of memory) leaves the caller alive with an answer.

The worker is made with ``os.fork`` directly rather than ``multiprocessing``, so the judge
may run inside a daemonic ``multiprocessing`` worker (check-latex's, verify's), which
``multiprocessing`` forbids from having children. Where ``fork`` does not exist (Windows),
the function runs in-process without a limit; the docstring of every caller says so.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["WorkerFailed", "TimeLimitExceeded", "can_limit", "run_limited"]

T = TypeVar("T")


class TimeLimitExceeded(Exception):
    """The worker ran past its time limit and was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no result within {seconds:g} s")
        self.seconds = seconds


class WorkerFailed(Exception):
    """The worker died without an answer (a crash, a kill from outside, memory)."""


def can_limit() -> bool:
    """True where ``run_limited`` enforces its limit (the platform has ``fork``)."""
    return hasattr(os, "fork")


def run_limited(fn: Callable[..., T], *args: Any, seconds: float | None, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a forked child, killed after ``seconds``.

    Returns what ``fn`` returned (it must pickle); re-raises what ``fn`` raised (an exception
    that does not pickle arrives as ``WorkerFailed`` with its text). ``seconds=None`` or no
    ``fork`` on this platform: runs in this process, without a limit.
    """
    if seconds is None or not can_limit():
        return fn(*args, **kwargs)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        os.close(read_end)
        _child(write_end, fn, args, kwargs)
    os.close(write_end)
    data: bytes | None = None
    try:
        data = _read_until(read_end, time.monotonic() + seconds)
    finally:
        os.close(read_end)
        # Overrun (or an interrupt in the parent): the child must not outlive the call.
        if data is None:
            _kill(pid)
        else:
            os.waitpid(pid, 0)
    if data is None:
        raise TimeLimitExceeded(seconds)
    if not data:
        raise WorkerFailed("the worker process died without an answer")
    kind, value = pickle.loads(data)
    if kind == "error":
        raise value
    return value


def _child(fd: int, fn: Callable[..., Any], args: tuple, kwargs: dict) -> None:  # pragma: no cover
    """Run ``fn`` and write its pickled outcome; never return (``os._exit`` skips the
    parent's atexit handlers and buffered output, which the child shares)."""
    code = 0
    try:
        try:
            payload = pickle.dumps(("ok", fn(*args, **kwargs)))
        except BaseException as exc:  # noqa: BLE001 - a process boundary: every outcome goes back to the parent
            payload = _pickled_error(exc)
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BaseException:  # noqa: BLE001 - the pipe closed: the parent gave up, nothing to tell it
        code = 1
    finally:
        os._exit(code)


def _pickled_error(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(("error", exc))
    except Exception:  # noqa: BLE001 - an exception of any kind may refuse to pickle
        return pickle.dumps(("error", WorkerFailed(f"{type(exc).__name__}: {exc}"[:300])))


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything the child writes before it closes the pipe, or None at the deadline."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
