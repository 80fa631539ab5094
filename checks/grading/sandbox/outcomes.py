"""How the parent names what happened to a child, and the small facts it needs to start one."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import numpy as np
from derive.checks.grading.sandbox.protocol import (
    EXIT_CHANNEL_LOST,
    EXIT_HARNESS_FAILED,
    EXIT_ORPHANED,
    EXIT_OUT_OF_MEMORY,
)
from derive.checks.grading.sandbox.records import ERROR_KINDS, SubmissionError

__all__ = ["ERROR_KINDS", "clean_env", "corrupted", "enlarge_pipe", "exit_status_error", "missing_protections",
           "one_line", "oversized_arrays"]

_RESOURCE_SIGNALS = {signal.SIGKILL, signal.SIGXCPU, signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT,
                     signal.SIGXFSZ}
#: What each confinement step protects against, for the report when the kernel lacks it.
PROTECTIONS = {
    "no_new_privs": "no new privileges (needed by seccomp and Landlock)",
    "seccomp": "seccomp: no new processes, no sockets (UDP/TCP), no chmod/chown/utime/xattr changes",
    "landlock": "Landlock: reads limited to the standard library, NumPy and the submission; writes"
                " only in the work directory",
}


def corrupted() -> SubmissionError:
    return SubmissionError("exception", "the submission corrupted the grader's channel"
                           " (wrote into the grader's pipes or replied nonsense)")


def one_line(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_env(workdir: str) -> dict[str, str]:
    # Single-threaded BLAS: predictable CPU accounting, no thread pools under RLIMIT_AS, and
    # `--jobs N` graders do not oversubscribe the cores. Nothing of the grader's environment.
    env = {"PATH": os.defpath, "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "MPLBACKEND": "Agg"}
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        env[var] = "1"
    return env


def enlarge_pipe(fd: int) -> None:
    """Bigger pipes: fewer wake-ups for megabyte arrays (Linux only; harmless elsewhere)."""
    try:
        import fcntl

        fcntl.fcntl(fd, 1031, 1 << 20)  # F_SETPIPE_SZ
    except (OSError, ImportError):
        pass


def missing_protections(confinement: dict[str, Any], requested: bool = True) -> list[str]:
    """The confinement steps this machine could not apply, in words (empty when all held)."""
    if not requested:
        return ["confinement switched off (confine=False)"]
    if not sys.platform.startswith("linux"):
        return ["not Linux: only rlimits, budgets and the process-group kill apply"]
    return [text for key, text in PROTECTIONS.items() if not confinement.get(key)]


def exit_status_error(rc: int) -> SubmissionError:
    """The error kind of a child that ended with status `rc` (negative: killed by a signal)."""
    if rc == EXIT_OUT_OF_MEMORY:
        return SubmissionError("resources", "the submission ran out of memory")
    if rc == EXIT_HARNESS_FAILED:
        return SubmissionError("exception", "the grader's sandbox failed before the submission was"
                               " imported (the captured output has the details)")
    if rc == EXIT_CHANNEL_LOST:
        return SubmissionError("exit", "the submission closed the grader's pipes")
    if rc == EXIT_ORPHANED:
        return SubmissionError("exit", "the sandbox ended because the grader went away")
    if rc >= 0:
        return SubmissionError("exit", f"the submission ended its own process (exit status {rc})")
    sig = -rc
    try:
        name = signal.Signals(sig).name
    except ValueError:
        name = f"signal {sig}"
    if sig == signal.SIGXCPU:
        return SubmissionError("resources", f"the submission used up its CPU-time limit ({name})")
    if sig == signal.SIGSYS:
        return SubmissionError("exception", "the submission made a system call of another architecture (SIGSYS)")
    if sig in _RESOURCE_SIGNALS:
        return SubmissionError("resources", f"the submission's process was killed by {name}"
                               " (memory, stack or CPU limit)")
    return SubmissionError("exit", f"the submission's process was ended by {name}")


def oversized_arrays(spec: Any, present: set[str]) -> dict[str, np.ndarray]:
    """Arrays too big to send (see harness_runner.within_budget): NaN of the right shape, as
    a read-only broadcast view that takes no memory."""
    if spec is None or spec == {}:
        return {}
    if not isinstance(spec, dict):
        raise corrupted()
    out = {}
    for name, shape in spec.items():
        if (name in present or not isinstance(shape, list) or len(shape) > 32
                or not all(type(n) is int and 0 <= n < 1 << 40 for n in shape)):
            raise corrupted()
        out[name] = np.broadcast_to(np.float64(np.nan), tuple(shape))
    return out
