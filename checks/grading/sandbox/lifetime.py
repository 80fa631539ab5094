"""Children die with their parent, and sandbox directories do not outlive it.

- Each child asks the kernel for SIGKILL when its parent dies (PR_SET_PDEATHSIG, set by the
  child itself first thing) and cannot fork, so a SIGKILL of derive leaves no process behind.
- A SIGTERM or SIGHUP of derive runs `close_all` (kill every child's process group, delete its
  directory) and then dies of the signal as it would have; so does a normal exit (atexit).
  The handlers are installed only where nobody else installed one (SIG_DFL), from the main thread.
- A `--jobs` worker process asks for SIGTERM when its own parent dies, so that it cleans up too.
- After a SIGKILL of derive its directories stay: `sweep` (run whenever a sandbox is made)
  deletes every `derive-sandbox-<pid>-*` directory whose process is gone.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import weakref
from pathlib import Path
from typing import Any

__all__ = ["PREFIX", "close_all", "register", "sweep", "unregister"]

PREFIX = "derive-sandbox-"
_NAME = re.compile(re.escape(PREFIX) + r"(\d+)-")
_live: weakref.WeakSet = weakref.WeakSet()
_installed = False
_lock = threading.Lock()


def register(box: Any) -> None:
    """Track a started sandbox (it has `kill_now()`); install the handlers once per process."""
    global _installed
    _live.add(box)
    with _lock:
        if _installed:
            return
        _installed = True
    atexit.register(close_all)
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(sig) == signal.SIG_DFL:
                signal.signal(sig, _on_signal)
    _worker_dies_with_parent()


def unregister(box: Any) -> None:
    _live.discard(box)


def close_all() -> None:
    for box in list(_live):
        box.kill_now()


def _on_signal(signum: int, frame: Any) -> None:
    close_all()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # die of it, with the usual exit status


def _worker_dies_with_parent() -> None:
    """In a multiprocessing worker (`--jobs`): SIGTERM when the parent goes, so `_on_signal`
    ends this worker's children and directories too."""
    import multiprocessing

    if not sys.platform.startswith("linux") or multiprocessing.parent_process() is None:
        return
    import ctypes

    try:
        ctypes.CDLL(None).prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A dead process nobody has reaped yet still answers kill(pid, 0). A `--jobs` worker whose
    parent died is reparented, and where the new parent (a container's init) never reaps, it stays
    a zombie for good: its orphaned directory must still be swept (CI saw exactly this)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (not Linux) or already gone: kill(pid, 0) answered for it
    # the state follows the command name, which is in parentheses and may itself contain ")"
    state = stat[stat.rfind(")") + 1:].split()[:1]
    return state in (["Z"], ["X"])


def sweep(root: str | None = None) -> int:
    """Delete sandbox directories left by processes that no longer exist; returns how many."""
    root = root or tempfile.gettempdir()
    count = 0
    try:
        entries = list(os.scandir(root))
    except OSError:
        return 0
    for entry in entries:
        match = _NAME.match(entry.name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            try:
                if entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == os.getuid():
                    shutil.rmtree(Path(root) / entry.name, ignore_errors=True)
                    count += 1
            except OSError:
                pass
    return count
