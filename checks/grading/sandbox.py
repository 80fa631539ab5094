"""Run a student's submission in a limited child process and call it many times cheaply.

One `Sandbox` holds ONE persistent child per submission (spawned by `start()`), so the price of
a new interpreter and of importing NumPy and the submission is paid once, and each later call
is one round trip over a pipe (see notes/issue-4-sandbox.md for the measured overhead).

    with Sandbox(Path("student.py"), limits=Limits(timeout=5)) as box:
        loss, grads = box.loss_and_grads(params, X, y, reg=0.05)
        fd_losses = box.losses([params_plus, params_minus], X, y, reg=0.05)
        scores = box.scores(params, X)
        box.last_mutated   # e.g. ["W1"] when the loss changed W1 in place

Isolation. The child is `python -I -S -B checks/_sandbox_child.py` in its own session (process
group) with a clean environment, a temporary working directory, stdin from /dev/null and
stdout/stderr sent to a capture file (`output()` shows it, truncated; nothing parses it).
Before the submission is imported the child sets RLIMIT_AS (memory_mb), RLIMIT_CPU
(cpu_seconds), RLIMIT_FSIZE and RLIMIT_CORE = 0, and confines itself where the kernel allows
(`confinement`): no new privileges, no capabilities, a seccomp filter against new processes,
Landlock (writes only in its work directory, no TCP, no signals to the grader). The
PARENT enforces the wall-clock timeout of every call (and of the import) and kills the whole
process group. Requests and replies travel on two dedicated pipes as frames of a JSON header
plus raw float64 arrays (no pickle): the parent accepts nothing but numbers from the child.

Errors. Every failure of the submission is a `SubmissionError` with one of the kinds of
MISTAKES.md. Decisions this module takes:
- wrong return types (not a `(loss, grads)` pair, a loss that is not one real number, grads
  that are not a dict, a gradient that is not an array of real numbers) are kind `api`: the
  submission runs but does not speak the expected interface;
- a gradient of the wrong SHAPE is returned as it is (the grader diagnoses `shape` and
  `transposed`); a missing key of `params` in grads is `missing-gradient`;
- Python 2 code is `import`, also when it only shows at run time (NameError on `xrange`...);
- a TypeError raised by the call itself (a signature that does not fit) is `api`; an
  ImportError anywhere is `import`; MemoryError, the CPU limit and the file-size limit are
  `resources`; SystemExit is `exit`;
- a child that dies: exit status → `exit`; SIGKILL/SIGXCPU/SIGSEGV/SIGBUS/SIGABRT/SIGXFSZ →
  `resources` (memory, stack or CPU limits end that way); other signals → `exit`; a child that
  closes its pipes → `exit`; garbage on the protocol pipe → `exception`;
- a failure to spawn the child at all (no processes or descriptors left) is `resources`;
- after `timeout`, `resources` or `exit` the child is gone; the next call starts a new one
  (a failed import is remembered and raised again without retrying).
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from derive.checks.grading._sandbox_child import (
    EXIT_CHANNEL_LOST,
    EXIT_HARNESS_FAILED,
    EXIT_OUT_OF_MEMORY,
    FRAME_HEAD,
    REPLY_SLACK,
    FrameError,
    decode_frame,
    encode_frame,
    frame_parts,
    parse_frame_head,
)

__all__ = ["ERROR_KINDS", "Limits", "Sandbox", "SubmissionError"]

ERROR_KINDS = ("import", "api", "missing-gradient", "exception", "timeout", "resources", "exit")
_FATAL_KINDS = frozenset({"timeout", "resources", "exit"})  # the child is not reused after these
_CHILD = Path(__file__).with_name("_sandbox_child.py")
_OUTPUT_SHOWN = 4096  # what output() returns at most
_OUTPUT_CAPTURED = 256 * 1024  # what the child's sys.stdout/sys.stderr keep at most
_FSIZE_MB = 16  # RLIMIT_FSIZE: capture file and anything the submission writes
_BOOT_SECONDS = 30.0  # interpreter + NumPy import, before any student code runs
_POLL_SECONDS = 0.1  # how often a waiting parent checks that the child is still alive
_REPLY_DTYPES = frozenset({"<f8"})  # the child converts everything it returns to float64
_RESOURCE_SIGNALS = {signal.SIGKILL, signal.SIGXCPU, signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT,
                     signal.SIGXFSZ}


class SubmissionError(Exception):
    """The submission could not be run; `kind` is an error kind of MISTAKES.md."""

    def __init__(self, kind: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line

    def __repr__(self) -> str:
        return f"SubmissionError({self.kind!r}, {self.message!r}, line={self.line!r})"

    def __reduce__(self):  # survives pickling to and from `--jobs` worker processes
        return (SubmissionError, (self.kind, self.message, self.line))


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # wall-clock seconds per call (and for start-up/import)
    cpu_seconds: float = 60.0  # RLIMIT_CPU for the whole child
    memory_mb: int = 2048  # RLIMIT_AS


def _corrupted() -> SubmissionError:
    return SubmissionError("exception", "the submission corrupted the grader's channel"
                           " (wrote into the grader's pipes or replied nonsense)")


def _one_line(text: str, limit: int = 400) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _clean_env(workdir: str) -> dict[str, str]:
    # Single-threaded BLAS: predictable CPU accounting, no thread pools under RLIMIT_AS, and
    # `--jobs N` graders do not oversubscribe the cores.
    env = {"PATH": os.defpath, "HOME": workdir, "TMPDIR": workdir, "LANG": "C.UTF-8",
           "LC_ALL": "C.UTF-8", "MPLBACKEND": "Agg"}
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        env[var] = "1"
    return env


def _site_dirs() -> str:
    """Where installed packages live, for a child started without `site` (-S)."""
    import site

    dirs = [*site.getsitepackages(), str(Path(np.__file__).resolve().parent.parent)]
    return os.pathsep.join(dict.fromkeys(d for d in dirs if os.path.isdir(d)))


class Sandbox:
    """A context manager around one child process running one submission."""

    def __init__(self, path: Path, *, api: str = "auto", limits: Limits = Limits(),
                 confine: bool = True) -> None:
        """`confine=False` skips no_new_privs/capabilities/seccomp/Landlock (rlimits, timeouts and
        the process-group kill still apply); for tests of the fallbacks, not for grading."""
        if api not in ("auto", "twolayernet", "function"):
            raise ValueError(f"api={api!r} is not one of auto, twolayernet, function")
        self.path = Path(path).resolve()
        self.requested_api = api
        self.api = "" if api == "auto" else api
        self.limits = limits
        self.confine = confine
        self.last_mutated: list[str] = []
        # What the child could apply (after start): {"no_new_privs", "capabilities_dropped",
        # "landlock": ABI version or 0}. Informational; the rlimits and timeouts hold regardless.
        self.confinement: dict[str, Any] = {}
        self._proc: subprocess.Popen | None = None
        self._req: int | None = None
        self._resp: int | None = None
        self._tmp: str | None = None
        self._capture: Path | None = None
        self._seq = 0
        self._start_error: SubmissionError | None = None
        self._closed_output = ""

    # -- life cycle -------------------------------------------------------------------------
    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            if hasattr(self, "_tmp"):
                self.close()
        except Exception:
            pass

    def start(self) -> None:
        """Spawn the child, import the submission, detect the API. Raises SubmissionError."""
        if self._proc is not None:
            return
        if self._start_error is not None:
            raise self._start_error
        try:
            if self._tmp is None:
                self._tmp = tempfile.mkdtemp(prefix="derive-sandbox-")
                self._capture = Path(self._tmp) / "output.txt"
            workdir = Path(self._tmp) / "work"
            shutil.rmtree(workdir, ignore_errors=True)
            workdir.mkdir()
            req_r, req_w = os.pipe()
            resp_r, resp_w = os.pipe()
        except OSError as exc:
            raise SubmissionError("resources", f"could not prepare the sandbox: {exc.strerror}") from None
        for fd in (req_w, resp_r):  # bigger pipes: fewer wake-ups for megabyte arrays
            try:
                import fcntl
                fcntl.fcntl(fd, 1031, 1 << 20)  # F_SETPIPE_SZ
            except OSError:
                pass
        try:
            with open(self._capture, "ab") as capture:
                self._proc = subprocess.Popen(
                    [sys.executable, "-I", "-S", "-B", str(_CHILD), str(req_r), str(resp_w), _site_dirs()],
                    stdin=subprocess.DEVNULL, stdout=capture, stderr=capture, cwd=workdir,
                    env=_clean_env(str(workdir)), pass_fds=(req_r, resp_w),
                    start_new_session=True, close_fds=True)
        except OSError as exc:  # no processes or descriptors left: not the submission's doing,
            for fd in (req_w, resp_r):  # and not remembered, a later call may succeed
                os.close(fd)
            raise SubmissionError("resources", f"could not start the sandbox process: {exc.strerror}") from None
        finally:
            os.close(req_r)
            os.close(resp_w)
        self._req, self._resp = req_w, resp_r
        os.set_blocking(req_w, False)
        cfg = {"op": "start", "path": str(self.path), "api": self.requested_api,
               "memory_mb": int(self.limits.memory_mb), "cpu_seconds": float(self.limits.cpu_seconds),
               "fsize_mb": _FSIZE_MB, "output_cap": _OUTPUT_CAPTURED, "confine": self.confine}
        try:
            deadline = time.monotonic() + _BOOT_SECONDS
            self._write_all(frame_parts(cfg), deadline)
            header, _ = self._read_reply(deadline, expect_seq=None)
            if header.get("status") != "ready":
                raise self._fail(_corrupted())
            confinement = header.get("confinement")
            self.confinement = {k: v for k, v in confinement.items() if isinstance(v, (bool, int))} \
                if isinstance(confinement, dict) else {}
            header, _ = self._read_reply(time.monotonic() + self.limits.timeout, expect_seq=0)
        except SubmissionError as exc:
            if exc.kind == "timeout":  # the usual cause: training or data loading left at top level
                exc = SubmissionError("timeout", f"importing the submission took longer than {self.limits.timeout:g} s"
                                      " (code at the top level that trains or loads data? put it under"
                                      " `if __name__ == \"__main__\":`)")
            self._start_error = exc
            self._kill()
            raise exc from None
        if header.get("status") == "error":
            self._start_error = self._error_from(header)
            self._kill()
            raise self._start_error
        api = header.get("api")
        if api not in ("twolayernet", "function"):
            self._kill()
            self._start_error = _corrupted()
            raise self._start_error
        self.api = api

    def close(self) -> None:
        """End the child (and anything it forked in its process group); delete the temp dir."""
        if self._proc is not None and self._req is not None:
            try:  # polite first: the child flushes its output and exits at once
                os.write(self._req, encode_frame({"op": "close", "seq": -1}))
                deadline = time.monotonic() + 0.2
                while self._alive() and time.monotonic() < deadline:
                    time.sleep(0.002)
            except OSError:
                pass
        self._kill()  # then the whole group, whatever it forked
        if self._tmp is not None:
            self._closed_output = self.output()  # still available after close()
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
            self._capture = None

    def _kill(self) -> None:
        proc = self._proc
        if proc is not None:
            # killpg while the leader is still unreaped (a zombie at worst), so the group id
            # cannot have been recycled by an unrelated process.
            if proc.returncode is None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self._proc = None
        for fd in (self._req, self._resp):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._req = self._resp = None

    def output(self) -> str:
        """The child's stdout+stderr so far, at most about 4 KB (head and tail), never parsed."""
        if self._capture is None or not self._capture.exists():
            return self._closed_output
        try:
            with open(self._capture, "rb") as f:
                data = f.read(_FSIZE_MB << 20)
        except OSError:
            return ""
        if len(data) > _OUTPUT_SHOWN:
            half = _OUTPUT_SHOWN // 2
            omitted = len(data) - 2 * half
            data = data[:half] + f"\n[... {omitted} bytes omitted ...]\n".encode() + data[-half:]
        return data.decode("utf-8", errors="replace")

    # -- calls ------------------------------------------------------------------------------
    def loss_and_grads(self, params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, reg: float
                       ) -> tuple[float, dict[str, np.ndarray]]:
        """The submission's (loss, grads) on copies of the inputs; grads as float64 arrays."""
        names = self._check_params(params)
        arrays = [(f"p:{n}", params[n]) for n in names] + [("X", X), ("y", y)]
        header, out = self._call({"op": "loss", "params": names, "reg": float(reg)}, arrays)
        loss = out.get("loss")
        if loss is None or loss.shape != ():
            raise self._fail(_corrupted())
        grads = {k[2:]: v for k, v in out.items() if k.startswith("g:")}
        return float(loss), grads

    def losses(self, params_list: list[dict[str, np.ndarray]], X: np.ndarray, y: np.ndarray,
               reg: float) -> list[float]:
        """The submission's loss at each params dict, in one round trip (for finite differences).

        The timeout applies to each loss evaluation (the child reports progress), not to the batch.
        """
        if not params_list:
            return []
        names = self._check_params(params_list[0])
        arrays: list[tuple[str, np.ndarray]] = [("X", X), ("y", y)]
        for i, params in enumerate(params_list):
            if set(self._check_params(params)) != set(names):
                raise ValueError("every params dict in params_list must have the same keys")
            arrays += [(f"{i}:{n}", params[n]) for n in names]
        header, out = self._call({"op": "losses", "params": names, "reg": float(reg),
                                  "count": len(params_list)}, arrays)
        values = out.get("losses")
        if values is None or values.shape != (len(params_list),):
            raise self._fail(_corrupted())
        return [float(v) for v in values]

    def scores(self, params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
        """The output with y=None: `net.loss(X)`, or `loss_and_grads(params, X, None, 0.0)`."""
        names = self._check_params(params)
        arrays = [(f"p:{n}", params[n]) for n in names] + [("X", X)]
        header, out = self._call({"op": "scores", "params": names, "reg": 0.0}, arrays)
        if "scores" not in out:
            raise self._fail(_corrupted())
        return out["scores"]

    # -- plumbing ---------------------------------------------------------------------------
    @staticmethod
    def _check_params(params: dict[str, np.ndarray]) -> list[str]:
        if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
            raise TypeError("params must be a dict with str keys")
        return list(params)

    def _call(self, header: dict[str, Any], arrays: list[tuple[str, Any]]
              ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        for name, value in arrays:
            a = np.asarray(value)
            if a.dtype.kind not in "biuf":
                raise TypeError(f"{name} must be a numeric array, not {a.dtype}")
        arrays = [(name, np.asarray(value)) for name, value in arrays]
        self.last_mutated = []
        self.start()
        self._seq += 1
        header = {**header, "seq": self._seq}
        deadline = time.monotonic() + self.limits.timeout
        self._write_all(frame_parts(header, arrays), deadline)
        # A reply is about as big as what was sent (grads ~ params, scores ~ X): cap what the
        # parent will buffer well below memory_mb, so a hostile child cannot balloon the parent.
        sent = sum(a.nbytes for _, a in arrays)
        reply, out = self._read_reply(deadline, expect_seq=self._seq, max_body=REPLY_SLACK + 4 * sent)
        if reply.get("status") == "error":
            error = self._error_from(reply)
            if error.kind in _FATAL_KINDS:
                self._kill()
            raise error
        try:
            out.update(self._oversized(reply.get("oversized"), set(out)))
        except SubmissionError as error:
            raise self._fail(error) from None
        allowed = set(header["params"]) | {"X", "y"}
        mutated = reply.get("mutated", [])
        if not isinstance(mutated, list):
            mutated = []
        self.last_mutated = [m for m in mutated if isinstance(m, str) and m in allowed]
        return reply, out

    @staticmethod
    def _oversized(spec: Any, present: set[str]) -> dict[str, np.ndarray]:
        """Arrays too big to send (see _sandbox_child._within_budget): NaN of the right shape, as
        a read-only broadcast view that takes no memory."""
        if spec is None or spec == {}:
            return {}
        if not isinstance(spec, dict):
            raise _corrupted()
        out = {}
        for name, shape in spec.items():
            if (name in present or not isinstance(shape, list) or len(shape) > 32
                    or not all(type(n) is int and 0 <= n < 1 << 40 for n in shape)):
                raise _corrupted()
            out[name] = np.broadcast_to(np.float64(np.nan), tuple(shape))
        return out

    def _error_from(self, reply: dict[str, Any]) -> SubmissionError:
        kind = reply.get("kind")
        message = reply.get("message")
        line = reply.get("line")
        if kind not in ERROR_KINDS or not isinstance(message, str):
            return self._fail(_corrupted())
        return SubmissionError(kind, _one_line(message), line if type(line) is int else None)

    def _fail(self, error: SubmissionError) -> SubmissionError:
        self._kill()
        return error

    def _alive(self) -> bool:
        """Whether the child still runs, without reaping it (keeps its pid and group id ours)."""
        proc = self._proc
        if proc is None or proc.returncode is not None:
            return False
        if not hasattr(os, "waitid"):  # macOS: poll() reaps, killpg then finds nothing: fine
            return proc.poll() is None
        try:
            info = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return False
        return info is None

    def _died(self) -> SubmissionError:
        """The error kind for a child that stopped answering because it ended (or closed its pipe)."""
        proc = self._proc
        deadline = time.monotonic() + 1.0
        while proc is not None and self._alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc is None or self._alive():
            self._kill()
            return SubmissionError("exit", "the submission closed the grader's pipes")
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # grandchildren it may have forked
        except (ProcessLookupError, PermissionError):
            pass
        rc = proc.wait()
        self._kill()
        if rc == EXIT_OUT_OF_MEMORY:
            return SubmissionError("resources", "the submission ran out of memory")
        if rc == EXIT_HARNESS_FAILED:
            return SubmissionError("exception", "the grader's sandbox failed before the submission was"
                                   " imported (the captured output has the details)")
        if rc == EXIT_CHANNEL_LOST:
            return SubmissionError("exit", "the submission closed the grader's pipes")
        if rc >= 0:
            return SubmissionError("exit", f"the submission ended its own process (exit status {rc})")
        sig = -rc
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        if sig == signal.SIGXCPU:
            return SubmissionError("resources", f"the submission used up its CPU-time limit ({name})")
        if sig in _RESOURCE_SIGNALS:
            return SubmissionError("resources", f"the submission's process was killed by {name}"
                                   " (memory, stack or CPU limit)")
        return SubmissionError("exit", f"the submission's process was ended by {name}")

    def _write_all(self, parts: list, deadline: float) -> None:
        for part in parts:
            view = memoryview(part)
            while view:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise self._timeout()
                _, ready, _ = select.select([], [self._req], [], min(remaining, _POLL_SECONDS))
                if not ready:
                    if not self._alive():
                        raise self._died()
                    continue
                try:
                    view = view[os.write(self._req, view[: 1 << 22]):]
                except BlockingIOError:
                    continue
                except OSError:  # EPIPE: the child is gone
                    raise self._died() from None

    def _read_into(self, buffer: bytearray, deadline: float) -> bytearray:
        view = memoryview(buffer)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._timeout()
            ready, _, _ = select.select([self._resp], [], [], min(remaining, _POLL_SECONDS))
            if not ready:
                if not self._alive():
                    # Drain what it wrote before dying; EOF then means gone.
                    ready, _, _ = select.select([self._resp], [], [], 0)
                    if not ready:
                        raise self._died()
                continue
            n = os.readv(self._resp, [view[: 1 << 22]])
            if not n:
                raise self._died()
            view = view[n:]
        return buffer

    def _read_reply(self, deadline: float, expect_seq: int | None, max_body: int = 1 << 20
                    ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """The next non-tick frame; ticks (progress during `losses`) push the deadline back."""
        if self._resp is None:
            raise self._died()
        while True:
            try:
                raw = bytes(self._read_into(bytearray(FRAME_HEAD.size), deadline))
                head_len, body_len = parse_frame_head(raw, max_body)
                head = bytes(self._read_into(bytearray(head_len), deadline))
                body = self._read_into(bytearray(body_len), deadline)
                header, arrays = decode_frame(head, body, _REPLY_DTYPES if expect_seq is not None else None)
            except FrameError:
                raise self._fail(_corrupted()) from None
            if expect_seq is not None and header.get("seq") != expect_seq:
                raise self._fail(_corrupted())
            if header.get("status") == "tick":
                deadline = time.monotonic() + self.limits.timeout
                continue
            return header, arrays

    def _timeout(self) -> SubmissionError:
        self._kill()
        return SubmissionError("timeout", f"the submission did not answer within {self.limits.timeout:g} s")
