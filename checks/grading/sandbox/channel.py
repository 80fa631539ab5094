"""The parent's side of the pipes: writes and reads bounded by a `Budget`, while draining and
capping the child's output. Every wait is a short select, so that the child's CPU time, the wall
clock and the total budget are all checked a few times a second."""

from __future__ import annotations

import os
import select
import time
from dataclasses import dataclass, field
from pathlib import Path

_POLL_SECONDS = 0.05
_KEEP = 64 * 1024  # output kept from the start and from the end


class Expired(Exception):
    """A budget ran out; `which` is "call", "wall", "total" or "disk"."""

    def __init__(self, which: str) -> None:
        super().__init__(which)
        self.which = which


class Gone(Exception):
    """The child ended or closed its pipe."""


class OutputFlood(Exception):
    """The child printed more than the output cap."""


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process (all its threads), from /proc; None where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def address_space_mb(pid: int) -> float | None:
    """The process's current address space (VmSize) in MB, from /proc; None where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def tree_usage(root: Path, stop_bytes: int, stop_files: int) -> tuple[int, int]:
    """Bytes on disk (allocated blocks: sparse files count what they use) and entries below
    `root`, counting stopped early once either limit is passed."""
    used = files = 0
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            try:
                used += os.lstat(os.path.join(dirpath, name)).st_blocks * 512
            except OSError:
                continue
            files += 1
            if used > stop_bytes or files > stop_files:
                return used, files
    return used, files


class DiskCap:
    """What the child may add to its work directory: bytes and files, checked a few times a second."""

    EVERY = 0.2

    def __init__(self, root: Path, extra_bytes: int, extra_files: int = 10_000) -> None:
        self.root = root
        base_bytes, base_files = tree_usage(root, 1 << 62, 1 << 62)
        self.max_bytes, self.max_files = base_bytes + extra_bytes, base_files + extra_files
        self._last = 0.0

    def check(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self.EVERY:
            return
        self._last = now
        used, files = tree_usage(self.root, self.max_bytes, self.max_files)
        if used > self.max_bytes or files > self.max_files:
            raise Expired("disk")


@dataclass
class Budget:
    """One call's limits: `cpu` seconds of the child's CPU time (`wall` seconds where that is
    unknown, or for a child that sleeps), inside `total_deadline` (a monotonic time)."""

    pid: int
    cpu: float
    wall: float
    total_deadline: float
    disk: DiskCap | None = None
    _cpu0: float | None = None
    _wall0: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self._cpu0 = cpu_seconds(self.pid)

    def restart(self) -> None:
        """Progress reported (one loss of a batch done): the per-call limits start again."""
        self._cpu0, self._wall0 = cpu_seconds(self.pid), time.monotonic()

    def check(self) -> float:
        """Seconds until the next check; raises Expired."""
        now = time.monotonic()
        if now >= self.total_deadline:
            raise Expired("total")
        if now - self._wall0 >= self.wall:
            raise Expired("wall")
        if self.disk is not None:
            self.disk.check()
        if now - self._wall0 < self.cpu / 4:
            # Too early to have used the CPU limit (up to 4 busy threads): spare the /proc read.
            return min(_POLL_SECONDS, self.total_deadline - now)
        used = cpu_seconds(self.pid)
        if self._cpu0 is not None and used is not None and used - self._cpu0 >= self.cpu:
            raise Expired("call")
        return min(_POLL_SECONDS, self.total_deadline - now)


class Output:
    """The child's stdout+stderr: head and tail kept, the rest counted; past `cap`, a flood."""

    def __init__(self, fd: int, cap: int) -> None:
        self.fd, self.cap = fd, cap
        self.head, self.tail, self.total = bytearray(), bytearray(), 0

    def drain(self) -> None:
        while self.fd is not None:
            try:
                data = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                os.close(self.fd)
                self.fd = None
                return
            self.total += len(data)
            room = _KEEP - len(self.head)
            self.head += data[:room]
            self.tail = (self.tail + data[room:])[-_KEEP:] if len(data) > room else self.tail
            if self.total > self.cap:
                raise OutputFlood()

    def text(self, shown: int) -> str:
        """At most about `shown` bytes: the start and the end, with the size of what is left out."""
        data = bytes(self.head) + bytes(self.tail)
        if len(data) <= shown and self.total == len(data):
            return data.decode("utf-8", errors="replace")
        half = shown // 2
        first, last = data[:half], data[-half:]
        omitted = self.total - len(first) - len(last)
        return (first + f"\n[... {omitted} bytes omitted ...]\n".encode() + last).decode("utf-8", errors="replace")


class Pipes:
    """Request and reply pipes of one child, and its output."""

    def __init__(self, req: int, resp: int, output: Output, alive) -> None:
        self.req, self.resp, self.output, self.alive = req, resp, output, alive

    def _wait(self, read: list[int], write: list[int], budget: Budget) -> bool:
        """Wait until `read`/`write` is ready; False when the wait timed out."""
        timeout = budget.check()
        fds = read + ([self.output.fd] if self.output.fd is not None else [])
        ready_r, ready_w, _ = select.select(fds, write, [], timeout)
        if self.output.fd is not None and self.output.fd in ready_r:
            self.output.drain()
        return bool(set(ready_r) & set(read)) or bool(ready_w)

    def write_all(self, parts: list, budget: Budget) -> None:
        for part in parts:
            view = memoryview(part)
            while view:
                if not self._wait([], [self.req], budget):
                    if not self.alive():
                        raise Gone()
                    continue
                try:
                    view = view[os.write(self.req, view[: 1 << 22]):]
                except BlockingIOError:
                    continue
                except OSError:  # EPIPE: the child is gone
                    raise Gone() from None

    def read_into(self, buffer: bytearray, budget: Budget) -> bytearray:
        view = memoryview(buffer)
        while view:
            if not self._wait([self.resp], [], budget):
                if not self.alive():
                    # Drain what it wrote before dying; EOF then means gone.
                    ready, _, _ = select.select([self.resp], [], [], 0)
                    if not ready:
                        raise Gone()
                continue
            n = os.readv(self.resp, [view[: 1 << 22]])
            if not n:
                raise Gone()
            view = view[n:]
        return buffer
