"""Run a student's submission in a confined child process and call it many times cheaply.

One `Sandbox` holds ONE persistent child per submission (spawned by `start()`), so the price of
a new interpreter and of importing NumPy and the submission is paid once; each later call is one
round trip (inputs through shared memory, the reply over a pipe).

    with Sandbox(Path("student.py"), limits=Limits(timeout=5)) as box:
        loss, grads = box.loss_and_grads(params, X, y, reg=0.05)
        fd_losses = box.losses([params_plus, params_minus], X, y, reg=0.05)
        scores = box.scores(params, X)
        box.last_mutated   # e.g. ["W1"] when the loss changed W1 in place

The child sees a copy of the submission, never derive's files (see `staging`), and confines
itself before importing it (see harness/harness_confine.py); `confinement` says what it could
apply and `missing_protections()` what it could not. Every judgement is made here, in the
parent: the child only returns what the submission returned, and the parent reads the inputs
back from shared memory to see what the call changed. Budgets (`Limits`): CPU seconds per call,
a wall-clock guard per call, a total wall budget over all calls, an output cap; the parent kills
the child's process group when one runs out.

Errors: every failure of the submission is a `SubmissionError` with a kind of MISTAKES.md (see
`outcomes` for how a dead child is named); after `timeout`, `resources` or `exit` the child is
gone and the next call starts a new one, except after the total budget (then every call fails).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from derive.checks.grading.sandbox import lifetime, outcomes, staging
from derive.checks.grading.sandbox.channel import (
    Budget,
    DiskCap,
    Expired,
    Gone,
    Output,
    OutputFlood,
    Pipes,
    address_space_mb,
)
from derive.checks.grading.sandbox.mutation import changed_arrays
from derive.checks.grading.sandbox.protocol import (
    FRAME_HEAD,
    REPLY_SLACK,
    FrameError,
    decode_frame,
    encode_frame,
    frame_parts,
    layout,
    parse_frame_head,
)
from derive.checks.grading.sandbox.records import FATAL_KINDS, Limits, SubmissionError
from derive.checks.grading.sandbox.shared import SharedInputs

__all__ = ["Sandbox"]


def _keys(prefix: str, sent: dict[str, Any]) -> dict[str, str]:
    """Input keys of one call: parameters under `prefix`, X and y as they are."""
    return {n: n if n in ("X", "y") else prefix + n for n in sent}

_OUTPUT_SHOWN = 4096  # what output() returns at most
_FSIZE_MB = 16  # RLIMIT_FSIZE: anything the submission writes in its work directory
_BOOT_SECONDS = 30.0  # interpreter + NumPy import + confinement, before any student code runs
_DEFAULT_LIMITS = Limits()  # frozen: one shared default is safe
_REPLY_DTYPES = frozenset({"<f8", "<f4"})  # float32 stays float32; the child converts the rest


class Sandbox:
    """A context manager around one child process running one submission."""

    def __init__(self, path: Path, *, api: str = "auto", limits: Limits = _DEFAULT_LIMITS, confine: bool = True,
                 root: Path | None = None) -> None:
        """`root`: the directory of a directory submission (copied whole into the work dir);
        otherwise only the file is. `confine=False` skips no_new_privs/capabilities/seccomp/
        Landlock (rlimits, budgets and the process-group kill still apply): for tests only."""
        if api not in ("auto", "twolayernet", "function"):
            raise ValueError(f"api={api!r} is not one of auto, twolayernet, function")
        self.path = Path(path).resolve()
        self.root = Path(root).resolve() if root is not None else None
        self.requested_api = api
        self.api = "" if api == "auto" else api
        self.limits = limits
        self.confine = confine
        self.last_mutated: list[str] = []
        self.last_after: dict[str, np.ndarray] = {}  # the inputs as the last call left them
        self.last_loss_dtype = "float64"
        # What the child could apply (after start): {"no_new_privs", "capabilities_dropped",
        # "no_fork", "seccomp", "landlock": ABI version or 0}.
        self.confinement: dict[str, Any] = {}
        self._proc: subprocess.Popen | None = None
        self._pipes: Pipes | None = None
        self._output: Output | None = None
        self._stage: staging.Stage | None = None
        self._shm: SharedInputs | None = None
        self._seq = 0
        self._spent = 0.0  # wall seconds inside the child, over all calls
        self._base_mb: float | None = None  # the child's address space once the submission is imported
        self._disk: DiskCap | None = None
        self._start_error: SubmissionError | None = None
        self._budget_error: SubmissionError | None = None
        self._closed_output = ""

    # -- life cycle -------------------------------------------------------------------------
    def __enter__(self) -> Sandbox:
        self.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            if hasattr(self, "_stage"):
                self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown: nothing left to report to
            pass

    @property
    def _tmp(self) -> str | None:
        """The sandbox directory while it exists (tests check that it is deleted)."""
        return str(self._stage.root) if self._stage is not None else None

    def missing_protections(self) -> list[str]:
        return outcomes.missing_protections(self.confinement, self.confine)

    def start(self) -> None:
        """Spawn the child, import the submission, detect the API. Raises SubmissionError."""
        if self._proc is not None:
            return
        for error in (self._start_error, self._budget_error):
            if error is not None:
                raise error
        try:
            if self._stage is None:
                self._stage = staging.stage(self.path, self.root, tuple(self.limits.packages))
                lifetime.register(self)
                self._disk = DiskCap(self._stage.workdir, int(self.limits.disk_mb * (1 << 20)))
            self._spawn()
        except OSError as exc:  # no processes or descriptors left: not the submission's doing,
            self.kill_now(keep_dir=True)  # and not remembered, a later call may succeed
            raise SubmissionError("resources", f"could not start the sandbox process: {exc.strerror}") from None
        except SubmissionError as exc:
            self._start_error = exc
            raise
        try:
            self._handshake()
        except SubmissionError as exc:
            if exc.kind == "timeout" and not exc.message.startswith("the submission used up"):
                exc = SubmissionError("timeout", f"importing the submission took longer than {self.limits.timeout:g} s"
                                      " (code at the top level that trains or loads data? put it under"
                                      " `if __name__ == \"__main__\":`)")
            self._start_error = exc
            self._kill()
            raise exc from None

    def _spawn(self) -> None:
        stage = self._stage
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        out_r, out_w = os.pipe()
        if self._shm is None:
            self._shm = SharedInputs(stage.root)
        for fd in (req_w, resp_r, out_r):
            outcomes.enlarge_pipe(fd)
        executable = getattr(sys, "_base_executable", "") or sys.executable  # not the venv's path
        try:
            self._proc = subprocess.Popen(
                [executable, "-I", "-S", "-B", str(stage.harness_main), str(req_r), str(resp_w), str(self._shm.fd),
                 str(os.getpid()), str(stage.lib)],
                stdin=subprocess.DEVNULL, stdout=out_w, stderr=out_w, cwd=stage.workdir,
                env=outcomes.clean_env(str(stage.workdir)), pass_fds=(req_r, resp_w, self._shm.fd),
                start_new_session=True, close_fds=True)
        except OSError:
            for fd in (req_w, resp_r, out_r):
                os.close(fd)
            raise
        finally:
            for fd in (req_r, resp_w, out_w):
                os.close(fd)
        for fd in (req_w, out_r):
            os.set_blocking(fd, False)
        self._output = Output(out_r, int(self.limits.output_mb * (1 << 20)))
        self._pipes = Pipes(req_w, resp_r, self._output, self._alive)

    def _handshake(self) -> None:
        stage = self._stage
        cfg = {"op": "start", "path": str(stage.submission), "api": self.requested_api,
               "memory_mb": int(self.limits.memory_mb), "cpu_seconds": float(self.limits.cpu_seconds),
               "fsize_mb": _FSIZE_MB, "confine": self.confine, "read_paths": stage.read_paths,
               "list_paths": stage.list_paths}
        boot = Budget(self._proc.pid, _BOOT_SECONDS, _BOOT_SECONDS, time.monotonic() + _BOOT_SECONDS)
        header, _ = self._exchange(frame_parts(cfg), boot, expect_seq=None, counted=False)
        if header.get("status") != "ready":
            raise self._fail(outcomes.corrupted())
        confinement = header.get("confinement")
        self.confinement = {k: v for k, v in confinement.items() if isinstance(v, (bool, int))} \
            if isinstance(confinement, dict) else {}
        header, _ = self._exchange([], self._budget(), expect_seq=0)
        if header.get("status") == "error":
            raise self._fail(self._error_from(header))
        api = header.get("api")
        if api not in ("twolayernet", "function"):
            raise self._fail(outcomes.corrupted())
        self.api = api
        self._base_mb = address_space_mb(self._proc.pid)

    def close(self) -> None:
        """End the child (and anything it forked in its process group); delete the directory."""
        if self._proc is not None and self._pipes is not None:
            try:  # polite first: the child flushes its output and exits at once
                os.write(self._pipes.req, encode_frame({"op": "close", "seq": -1}))
                deadline = time.monotonic() + 0.2
                while self._alive() and time.monotonic() < deadline:
                    self._drain_output()
                    time.sleep(0.002)
            except OSError:
                pass
        self.kill_now()

    def kill_now(self, keep_dir: bool = False) -> None:
        """Kill the child's group and delete the sandbox directory (also from a signal handler)."""
        self._kill()
        if self._shm is not None and not keep_dir:
            self._shm.close()
            self._shm = None
        if self._stage is not None and not keep_dir:
            self._closed_output = self.output()  # still available after close()
            import shutil

            shutil.rmtree(self._stage.root, ignore_errors=True)
            self._stage = None
            lifetime.unregister(self)

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
        self._drain_output()
        if self._pipes is not None:
            for fd in (self._pipes.req, self._pipes.resp):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self._pipes = None

    def _drain_output(self) -> None:
        try:
            if self._output is not None:
                self._output.drain()
        except OutputFlood:
            pass

    def output(self) -> str:
        """The child's stdout+stderr so far, at most about 4 KB (head and tail), never parsed."""
        if self._output is None:
            return self._closed_output
        return self._output.text(_OUTPUT_SHOWN)

    # -- calls ------------------------------------------------------------------------------
    def loss_and_grads(self, params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray, reg: float
                       ) -> tuple[float, dict[str, np.ndarray]]:
        """The submission's (loss, grads). Float32 gradients stay float32; the loss is a float, and
        `last_loss_dtype` says whether the submission computed it in float32."""
        names = self._check_params(params)
        sent = {**{n: params[n] for n in names}, "X": X, "y": y}
        inputs = [(f"p:{n}", params[n]) for n in names] + [("X", X), ("y", y)]
        _, out = self._call({"op": "loss", "params": names, "reg": float(reg)}, inputs, [("", _keys("p:", sent), sent)])
        loss = out.get("loss")
        if loss is None or loss.shape != ():
            raise self._fail(outcomes.corrupted())
        grads = {k[2:]: v for k, v in out.items() if k.startswith("g:")}
        self.last_loss_dtype = loss.dtype.name
        return float(loss), grads

    def losses(self, params_list: list[dict[str, np.ndarray]], X: np.ndarray, y: np.ndarray,
               reg: float) -> list[float]:
        """The submission's loss at each params dict, in one round trip (for finite differences).
        The per-call limits apply to each loss evaluation (the child reports progress)."""
        if not params_list:
            return []
        names = self._check_params(params_list[0])
        inputs: list[tuple[str, Any]] = []
        groups = []
        for i, params in enumerate(params_list):
            if set(self._check_params(params)) != set(names):
                raise ValueError("every params dict in params_list must have the same keys")
            inputs += [(f"{i}:{n}", params[n]) for n in names] + [(f"{i}:X", X), (f"{i}:y", y)]
            sent = {**{n: params[n] for n in names}, "X": X, "y": y}
            groups.append((f"{i}:", {n: f"{i}:{n}" for n in sent}, sent))
        _, out = self._call({"op": "losses", "params": names, "reg": float(reg), "count": len(params_list)},
                            inputs, groups)
        values = out.get("losses")
        if values is None or values.shape != (len(params_list),):
            raise self._fail(outcomes.corrupted())
        return [float(v) for v in values]

    def scores(self, params: dict[str, np.ndarray], X: np.ndarray) -> np.ndarray:
        """The output with y=None: `net.loss(X)`, or `loss_and_grads(params, X, None, 0.0)`."""
        names = self._check_params(params)
        sent = {**{n: params[n] for n in names}, "X": X}
        inputs = [(f"p:{n}", params[n]) for n in names] + [("X", X)]
        _, out = self._call({"op": "scores", "params": names, "reg": 0.0}, inputs, [("", _keys("p:", sent), sent)])
        if "scores" not in out:
            raise self._fail(outcomes.corrupted())
        return out["scores"]

    # -- plumbing ---------------------------------------------------------------------------
    @staticmethod
    def _check_params(params: dict[str, np.ndarray]) -> list[str]:
        if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
            raise TypeError("params must be a dict with str keys")
        return list(params)

    def _call(self, header: dict[str, Any], inputs: list[tuple[str, Any]], groups: list[tuple[str, str, dict]]
              ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """One request. `groups`: (reply prefix, {name: input key}, arrays sent) per evaluation,
        for the parent's own check of what the call changed."""
        arrays = []
        for name, value in inputs:
            a = np.asarray(value)
            if a.dtype.kind not in "biuf":
                raise TypeError(f"{name} must be a numeric array, not {a.dtype}")
            arrays.append((name, a if a.flags.c_contiguous else a.copy(order="C")))
        self.last_mutated, self.last_after = [], {}
        self.start()
        specs, size = layout(arrays)
        shm_size = self._shm.put(arrays, specs, size)
        self._seq += 1
        request = {**header, "seq": self._seq, "inputs": specs, "shm_size": shm_size}
        sent = sum(a.nbytes for _, a in arrays)
        reply, out = self._exchange(frame_parts(request), self._budget(), expect_seq=self._seq,
                                    ticks=int(header.get("count", 0)),
                                    max_body=REPLY_SLACK + 4 * sent)
        if reply.get("status") == "error":
            error = self._error_from(reply)
            if error.kind in FATAL_KINDS:
                self._kill()
            raise error
        try:
            out.update(outcomes.oversized_arrays(reply.get("oversized"), set(out)))
        except SubmissionError as error:
            raise self._fail(error) from None
        after = self._shm.read(specs, size)
        gone = reply.get("held_other", [])
        gone = frozenset(g for g in gone if isinstance(g, str)) if isinstance(gone, list) else frozenset()
        mutated: list[str] = []
        for reply_prefix, keys, group in groups:
            names = [n for n in group if n not in ("X", "y")]
            replaced = {n: out[f"{reply_prefix}h:{n}"] for n in names if f"{reply_prefix}h:{n}" in out}
            lost = frozenset(n for n in names if f"{reply_prefix}{n}" in gone)
            changed = changed_arrays(group, {n: after[k] for n, k in keys.items()}, replaced, lost)
            mutated += [m for m in changed if m not in mutated]
        order = list(groups[0][2])
        self.last_mutated = [n for n in order if n in mutated]
        self.last_after = {n: after[k] for n, k in groups[0][1].items()}
        return reply, out

    def _budget(self) -> Budget:
        left = max(0.0, self.limits.total_seconds - self._spent)
        return Budget(self._proc.pid, self.limits.timeout, self.limits.timeout * self.limits.wall_factor,
                      time.monotonic() + left, self._disk)

    def _exchange(self, parts: list, budget: Budget, expect_seq: int | None, max_body: int = 1 << 20,
                  counted: bool = True, ticks: int = 0) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        """Send a request (if any) and read the next non-tick reply, within `budget`. A tick (one
        loss of a batch done) restarts the per-call limits: at most `ticks` of them, so that a
        submission forging ticks on the reply pipe cannot stretch a call without end."""
        started = time.monotonic()
        try:
            self._pipes.write_all(parts, budget)
            while True:
                header, arrays = self._read_frame(budget, expect_seq, max_body)
                if budget.disk is not None:
                    budget.disk.check(force=True)  # a quick call may have written fast
                if header.get("status") != "tick":
                    return header, arrays
                ticks -= 1
                if ticks < 0:
                    raise FrameError("more progress reports than losses asked for")
                budget.restart()
        except Expired as exc:
            raise self._expired(exc.which, budget) from None
        except Gone:
            raise self._died() from None
        except OutputFlood:
            raise self._fail(SubmissionError("resources", f"the submission printed more than"
                                             f" {self.limits.output_mb:g} MB of output")) from None
        except FrameError:
            raise self._fail(outcomes.corrupted()) from None
        finally:
            if counted:
                self._spent += time.monotonic() - started

    def _read_frame(self, budget: Budget, expect_seq: int | None, max_body: int
                    ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        raw = bytes(self._pipes.read_into(bytearray(FRAME_HEAD.size), budget))
        head_len, body_len = parse_frame_head(raw, max_body)
        head = bytes(self._pipes.read_into(bytearray(head_len), budget))
        body = self._pipes.read_into(bytearray(body_len), budget)
        header, arrays = decode_frame(head, body, _REPLY_DTYPES if expect_seq is not None else None)
        if expect_seq is not None and header.get("seq") != expect_seq:
            raise FrameError("out of sequence")
        return header, arrays

    def _expired(self, which: str, budget: Budget) -> SubmissionError:
        # A memory bomb stopped by the clock is still a memory bomb: when the call had taken more
        # than half of the memory it could still take, the kind is `resources`, whatever the
        # machine's load (page faults and compaction make its speed vary from run to run).
        now_mb = address_space_mb(self._proc.pid) if self._proc is not None else None
        self._kill()
        base = self._base_mb or 0.0
        if which in ("call", "wall") and now_mb is not None and now_mb - base >= 0.5 * (self.limits.memory_mb - base):
            return SubmissionError("resources", f"the submission was still allocating memory when its time ran out"
                                   f" ({now_mb:.0f} MB of its {self.limits.memory_mb} MB limit)")
        if which == "disk":
            return SubmissionError("resources", f"the submission wrote more than {self.limits.disk_mb:g} MB"
                                   " (or too many files) into its work directory")
        if which == "total":
            self._budget_error = SubmissionError(
                "timeout", f"the submission used up its total time budget ({self.limits.total_seconds:g} s"
                " over all calls)")
            return self._budget_error
        if which == "call":
            return SubmissionError("timeout", f"the submission did not answer within {self.limits.timeout:g} s"
                                   " of CPU time")
        return SubmissionError("timeout", f"the submission did not answer within {budget.wall:g} s")

    def _error_from(self, reply: dict[str, Any]) -> SubmissionError:
        kind, message, line, module = (reply.get(k) for k in ("kind", "message", "line", "module"))
        if kind not in outcomes.ERROR_KINDS or not isinstance(message, str):
            return self._fail(outcomes.corrupted())
        return SubmissionError(kind, outcomes.one_line(message), line if type(line) is int else None,
                               module if isinstance(module, str) and module.isidentifier() else None)

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
            os.killpg(proc.pid, signal.SIGKILL)  # grandchildren it may have forked (unconfined)
        except (ProcessLookupError, PermissionError):
            pass
        rc = proc.wait()
        self._kill()
        return outcomes.exit_status_error(rc)
