"""The child: imports ONE student submission and answers the parent's requests.

Started by the parent as
    python -I -S -B <sandbox>/harness/harness_main.py REQ_FD RESP_FD SHM_FD PARENT_PID LIB_DIR
with a clean environment, cwd = the work directory (holding a copy of the submission), stdout
and stderr on a pipe the parent drains and caps. This file and its siblings are copies in the
sandbox directory: nothing of derive's installation is on sys.path (only the standard library,
LIB_DIR with links to NumPy and the rubric's packages, and this directory), and Landlock keeps
the rest of the file system unreadable once the child is confined.

Requests arrive on REQ_FD and replies leave on RESP_FD, pipes that nothing else in the process
writes to. The child holds no judgement: it calls the submission and sends back what came out.
"""

from __future__ import annotations

import os
import sys

if __name__ == "__main__":
    # Before anything slow: die with the parent (the window before this is a few milliseconds,
    # and die_with_parent checks that the parent did not go in it).
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    sys.path.append(sys.argv[5])
    import harness_confine

    harness_confine.die_with_parent(int(sys.argv[4]))

import mmap  # noqa: E402
import time  # noqa: E402
from collections.abc import Mapping  # noqa: E402
from typing import Any  # noqa: E402

import harness_compile  # noqa: E402
import harness_confine  # noqa: E402,F811
import harness_protocol as protocol  # noqa: E402
import harness_runner  # noqa: E402
import harness_stubs  # noqa: E402
import numpy as np  # noqa: E402

_TICK_SECONDS = 0.5  # progress during a batch of losses: the parent's timeout is per loss
_RESERVE_BYTES = 4 << 20
_reserve: list[bytearray] = []  # freed on MemoryError so that a reply can still be built


class Channel:
    def __init__(self, req_fd: int, resp_fd: int, shm_fd: int) -> None:
        self.req_fd, self.resp_fd, self.shm_fd = req_fd, resp_fd, shm_fd
        self.shm: mmap.mmap | None = None
        self.pid = os.getpid()  # a fork of the submission (unconfined runs) must never reply

    def _read_into(self, buffer: bytearray) -> bytearray:
        view = memoryview(buffer)
        while view:
            n = os.readv(self.req_fd, [view[: 1 << 22]])
            if not n:  # the parent went away: nothing left to do
                os._exit(0)
            view = view[n:]
        return buffer

    def recv(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        head_len, body_len = protocol.parse_frame_head(bytes(self._read_into(bytearray(protocol.FRAME_HEAD.size))),
                                                       1 << 30)
        head = bytes(self._read_into(bytearray(head_len)))
        return protocol.decode_frame(head, self._read_into(bytearray(body_len)))

    def inputs(self, header: Mapping[str, Any]) -> dict[str, np.ndarray]:
        size = int(header.get("shm_size", 0))
        if size and (self.shm is None or len(self.shm) < size):
            # The old mapping is dropped, not closed: the submission may still hold arrays on it.
            self.shm = mmap.mmap(self.shm_fd, size)
        return protocol.shared_views(self.shm if self.shm is not None else b"", header.get("inputs", []))

    def send(self, header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> None:
        if os.getpid() != self.pid:
            os._exit(0)
        for part in protocol.frame_parts(header, arrays):
            view = memoryview(part)
            while view:
                view = view[os.write(self.resp_fd, view[: 1 << 22]):]


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - streams the submission may have replaced or closed
            pass


def _boot(channel: Channel) -> dict[str, Any]:
    """Limits, confinement, stubs; then `ready`. No student code has run yet."""
    try:
        cfg, _ = channel.recv()
        np.random.seed(0)  # deterministic constructors (std * randn)
        harness_confine.set_limits(cfg)
        try:
            confinement = harness_confine.confine(cfg, os.getcwd()) if cfg.get("confine", True) else {}
        except Exception as exc:  # noqa: BLE001 - an unknown kernel or libc: grade unconfined, and say so
            os.write(2, f"sandbox: confinement skipped ({type(exc).__name__}: {exc})\n".encode())
            confinement = {}
        if not confinement.get("no_fork"):
            harness_confine.limit_processes()
        harness_stubs.restore_numpy_aliases()
        for stream in (sys.stdout, sys.stderr):
            stream.reconfigure(errors="backslashreplace", line_buffering=True)
        harness_stubs.install_stubs()
        _reserve.append(bytearray(_RESERVE_BYTES))
        channel.send({"status": "ready", "confinement": confinement})
        return cfg
    except MemoryError:  # memory_mb below what the interpreter and NumPy need
        os._exit(protocol.EXIT_OUT_OF_MEMORY)
    except OSError:
        os._exit(protocol.EXIT_CHANNEL_LOST)
    except Exception:  # noqa: BLE001 - a harness bug: no student code has run; the parent reports it
        import traceback

        os.write(2, traceback.format_exc().encode(errors="replace"))
        os._exit(protocol.EXIT_HARNESS_FAILED)


def _reply(channel: Channel, seq: int, header: dict[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> None:
    _flush_output()
    try:
        channel.send({**header, "seq": seq}, arrays)
    except MemoryError:
        os._exit(protocol.EXIT_OUT_OF_MEMORY)
    except OSError:  # the submission closed or broke our pipe
        os._exit(protocol.EXIT_CHANNEL_LOST)


def _import_submission(channel: Channel, cfg: Mapping[str, Any]) -> harness_runner.Runner:
    """Import under another name than __main__, so `if __name__ == "__main__":` does not run."""
    import importlib
    import types

    try:
        code = harness_compile.compile_submission(cfg["path"])
        module = types.ModuleType("submission")
        module.__file__ = cfg["path"]
        sys.modules["submission"] = module
        sys.argv = [cfg["path"]]
        sys.path.append(os.path.dirname(cfg["path"]))  # helpers beside it, after the real libs
        importlib.invalidate_caches()
        exec(code, module.__dict__)
        runner = harness_runner.Runner(module, cfg["api"])
        _reply(channel, 0, {"status": "ok", "api": runner.api})
        return runner
    except BaseException as exc:  # noqa: BLE001 - every failure of the submission becomes an error kind
        _reserve.clear()
        try:
            _reply(channel, 0, {"status": "error", **harness_compile.classify(exc)})
        except BaseException:  # noqa: BLE001 - no memory left even for the reply
            os._exit(protocol.EXIT_OUT_OF_MEMORY)
        os._exit(0)


def _serve(channel: Channel, runner: harness_runner.Runner) -> None:
    while True:
        try:
            header, arrays = channel.recv()
            if header.get("op") == "close":
                _flush_output()
                os._exit(0)
            inputs = channel.inputs(header)
        except MemoryError:
            os._exit(protocol.EXIT_OUT_OF_MEMORY)
        except (OSError, ValueError):
            os._exit(protocol.EXIT_CHANNEL_LOST)
        seq = header.get("seq", -1)
        last = [time.monotonic()]

        def tick(seq: int = seq, last: list[float] = last) -> None:
            if time.monotonic() - last[0] > _TICK_SECONDS:
                _reply(channel, seq, {"status": "tick"})
                last[0] = time.monotonic()

        try:
            out_header, out_arrays = harness_runner.handle(runner, header, inputs, tick)
            sent = sum(a.nbytes for a in inputs.values())
            out_arrays, oversized = harness_runner.within_budget(out_arrays, protocol.REPLY_SLACK // 2 + 4 * sent)
            _reply(channel, seq, {"status": "ok", **out_header, "oversized": oversized}, out_arrays)
        except BaseException as exc:  # noqa: BLE001 - every failure of the submission becomes an error kind
            _reserve.clear()  # room to build the reply after a MemoryError
            try:
                err = harness_compile.classify(exc)
            except BaseException:  # noqa: BLE001 - no memory left even for the message
                os._exit(protocol.EXIT_OUT_OF_MEMORY)
            _reply(channel, seq, {"status": "error", **err})
        if not _reserve:
            try:
                _reserve.append(bytearray(_RESERVE_BYTES))
            except MemoryError:
                os._exit(protocol.EXIT_OUT_OF_MEMORY)


def main(argv: list[str]) -> None:
    channel = Channel(int(argv[1]), int(argv[2]), int(argv[3]))
    cfg = _boot(channel)
    runner = _import_submission(channel, cfg)
    _serve(channel, runner)


if __name__ == "__main__":
    main(sys.argv)
