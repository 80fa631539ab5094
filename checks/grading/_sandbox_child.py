"""The child side of `derive.checks.grading.sandbox`: imports ONE student submission and answers requests.

Run by the parent as `python -I -S -B _sandbox_child.py REQ_FD RESP_FD SITE_DIRS` in a temporary working
directory, with stdout/stderr already pointing at a capture file. Requests arrive on REQ_FD and
replies leave on RESP_FD, two pipes that nothing else in the process writes to, so whatever the
submission prints (fake verdicts, fake protocol bytes) lands in the capture file and cannot
change a result. The parent imports this module too, but only for the frame codec below, which
carries JSON headers and raw numeric arrays: never pickles, so a malicious child cannot make the
parent execute code.

Everything here uses only the standard library and NumPy: `-I` keeps the repository off the
child's sys.path.
"""

from __future__ import annotations

import errno
import json
import math
import os
import struct
import sys
import time
from collections.abc import Mapping
from typing import Any

if __name__ == "__main__" and len(sys.argv) > 3:
    # Started with -S (no site: skips .pth processing such as editable-install finders, ~0.1 s):
    # the parent passes the directories that hold NumPy and the other installed packages.
    sys.path.extend(p for p in sys.argv[3].split(os.pathsep) if p)

import numpy as np  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Frame codec (shared with the parent)
# ---------------------------------------------------------------------------------------------
# frame := MAGIC, u32 header length, u64 body length, JSON header, body. The header lists the
# arrays as [name, dtype.str, shape]; the body holds their C-order bytes back to back.
MAGIC = b"DRV1"
FRAME_HEAD = struct.Struct(">4sIQ")
MAX_HEADER = 1 << 20
NUMERIC_KINDS = "biuf"  # bool, int, uint, float: what a gradient or an input may be made of

# Exit statuses the harness uses when it cannot reply through the pipe (the parent maps them to
# error kinds; a submission could fake them with os._exit, but only to produce an error).
EXIT_OUT_OF_MEMORY = 86
EXIT_CHANNEL_LOST = 87
EXIT_HARNESS_FAILED = 88
# A reply may be 4 x the request plus this much (the parent's cap; the child keeps to half of
# the slack and sends only the shape of an array that does not fit).
REPLY_SLACK = 64 << 20


class FrameError(ValueError):
    """A frame that does not follow the codec."""


def frame_parts(header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> list:
    """The frame as a list of buffers: the arrays' own memory, not copies (megabyte arrays)."""
    specs = []
    views = []
    size = 0
    for name, array in arrays:
        a = np.asarray(array)  # (np.ascontiguousarray would turn 0-d into 1-d)
        if not a.flags.c_contiguous:
            a = a.copy(order="C")
        specs.append([name, a.dtype.str, list(a.shape)])
        views.append(memoryview(a).cast("B") if a.size else b"")
        size += a.nbytes
    head = json.dumps({**header, "arrays": specs}).encode()
    return [FRAME_HEAD.pack(MAGIC, len(head), size) + head, *views]


def encode_frame(header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> bytes:
    return b"".join(bytes(part) for part in frame_parts(header, arrays))


def parse_frame_head(raw: bytes, max_body: int) -> tuple[int, int]:
    magic, head_len, body_len = FRAME_HEAD.unpack(raw)
    if magic != MAGIC:
        raise FrameError("bad magic")
    if head_len > MAX_HEADER or body_len > max_body:
        raise FrameError(f"frame too large ({head_len} + {body_len} bytes)")
    return head_len, body_len


def decode_frame(head: bytes, body: bytearray, allowed_dtypes: frozenset[str] | None = None
                 ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Header dict and named arrays. Validates every field: the other side may be hostile."""
    try:
        header = json.loads(head.decode())
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting
        raise FrameError(f"header is not JSON: {type(exc).__name__}") from None
    if not isinstance(header, dict) or not isinstance(header.get("arrays"), list):
        raise FrameError("header is not an object with an array list")
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for spec in header.pop("arrays"):
        if not (isinstance(spec, list) and len(spec) == 3 and isinstance(spec[0], str)
                and isinstance(spec[1], str) and isinstance(spec[2], list) and len(spec[2]) <= 32
                and all(type(n) is int and n >= 0 for n in spec[2])):
            raise FrameError("malformed array spec")
        name, dtype_str, shape = spec
        if allowed_dtypes is not None and dtype_str not in allowed_dtypes:
            raise FrameError(f"dtype {dtype_str!r} not allowed")
        try:
            dtype = np.dtype(dtype_str)
        except TypeError:
            raise FrameError(f"unknown dtype {dtype_str!r}") from None
        if dtype.kind not in NUMERIC_KINDS or dtype.hasobject:
            raise FrameError(f"dtype {dtype_str!r} is not numeric")
        count = math.prod(shape)
        size = count * dtype.itemsize
        if offset + size > len(body):
            raise FrameError("body shorter than its arrays")
        arrays[name] = np.frombuffer(body, dtype=dtype, count=count, offset=offset).reshape(tuple(shape))
        offset += size
    if offset != len(body):
        raise FrameError("body longer than its arrays")
    return header, arrays


# ---------------------------------------------------------------------------------------------
# Child-side channel
# ---------------------------------------------------------------------------------------------
class _Channel:
    def __init__(self, req_fd: int, resp_fd: int) -> None:
        self.req_fd = req_fd
        self.resp_fd = resp_fd

    def _read_into(self, buffer: bytearray) -> bytearray:
        view = memoryview(buffer)
        while view:
            n = os.readv(self.req_fd, [view[: 1 << 22]])
            if not n:  # the parent went away: nothing left to do
                os._exit(0)
            view = view[n:]
        return buffer

    def recv(self) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
        head_len, body_len = parse_frame_head(bytes(self._read_into(bytearray(FRAME_HEAD.size))), 1 << 40)
        head = bytes(self._read_into(bytearray(head_len)))
        return decode_frame(head, self._read_into(bytearray(body_len)))

    def send(self, header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> None:
        for part in frame_parts(header, arrays):
            view = memoryview(part)
            while view:
                view = view[os.write(self.resp_fd, view[: 1 << 22]):]


# ---------------------------------------------------------------------------------------------
# Errors the harness reports
# ---------------------------------------------------------------------------------------------
class Fail(Exception):
    """An error kind decided by the harness itself (api, missing-gradient, import)."""

    def __init__(self, kind: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.kind, self.message, self.line = kind, message, line


class CpuLimitExceeded(BaseException):
    """Raised from the SIGXCPU handler: BaseException so `except Exception` cannot swallow it."""


_PY2_NAMES = {"xrange", "raw_input", "unicode", "basestring", "unichr", "long", "execfile",
              "file", "cmp", "reload"}
_PY2_ATTRS = ("iteritems", "itervalues", "iterkeys", "has_key")
_PY2_HINT = "this grader runs Python 3 (use print(...), 'except E as e', range, input)"

_submission_file = ""  # the filename the submission was compiled under
_harness_pid = 0  # the harness process; a fork of the submission must never reply
_memory_reserve: bytearray | None = None  # freed on MemoryError so a reply can still be built
_memory_mb = 0  # the limits, for messages
_cpu_seconds = 0


def _one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _submission_frame(tb) -> tuple[int | None, str | None]:
    """Line and function of the innermost traceback frame inside the submission."""
    line = func = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _submission_file:
            line, func = tb.tb_lineno, tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return line, func


def _where(line: int | None, func: str | None) -> str:
    if line is None:
        return ""
    return f" (line {line}, in {func})" if func and func != "<module>" else f" (line {line})"


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # a hostile __str__
        return "<unprintable>"


def classify(exc: BaseException) -> dict[str, Any]:
    """Map anything the submission raised to an error reply {kind, message, line}."""
    global _memory_reserve
    if isinstance(exc, (MemoryError, CpuLimitExceeded)):
        _memory_reserve = None  # room to build the reply
    if isinstance(exc, Fail):
        return {"kind": exc.kind, "message": _one_line(exc.message), "line": exc.line}
    line, func = _submission_frame(exc.__traceback__)
    where = _where(line, func)
    name = type(exc).__name__
    if isinstance(exc, SystemExit):
        return {"kind": "exit", "line": line,
                "message": f"the submission ended its own process (SystemExit({_one_line(repr(exc.code), 60)})){where}"}
    if isinstance(exc, MemoryError):
        return {"kind": "resources", "line": line,
                "message": f"the submission ran out of memory ({name}, limit {_memory_mb} MB){where}"}
    if isinstance(exc, CpuLimitExceeded):
        return {"kind": "resources", "line": line,
                "message": f"the submission used up its CPU-time limit ({_cpu_seconds} s){where}"}
    text = _safe_str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return {"kind": "resources", "line": line,
                "message": f"the submission wrote more than the file-size limit{where}"}
    if isinstance(exc, ImportError):  # a missing module, at import or inside the loss
        return {"kind": "import", "line": line, "message": _one_line(f"{name}: {text}", 300) + where}
    if isinstance(exc, NameError) and getattr(exc, "name", None) in _PY2_NAMES:
        return {"kind": "import", "line": line,
                "message": f"looks like Python 2 code: {exc.name} does not exist in Python 3{where}; {_PY2_HINT}"}
    if isinstance(exc, AttributeError) and any(f"'{a}'" in text for a in _PY2_ATTRS):
        return {"kind": "import", "line": line,
                "message": f"looks like Python 2 code: {_one_line(text, 120)}{where}; {_PY2_HINT}"}
    if isinstance(exc, TypeError) and line is None:
        # Raised by the call itself, before any line of the submission ran: a signature that
        # does not match the API (e.g. loss_and_grads(params, X, y) without reg).
        return {"kind": "api", "line": None,
                "message": _one_line(f"the submission's signature does not fit the API: {name}: {text}")}
    return {"kind": "exception", "line": line, "message": _one_line(f"{name}: {text}", 400 - len(where)) + where}


# ---------------------------------------------------------------------------------------------
# Limits and output capture
# ---------------------------------------------------------------------------------------------
def _set_limits(cfg: Mapping[str, Any]) -> None:
    import resource
    import signal

    global _memory_mb, _cpu_seconds

    def lower(which: int, value: int) -> None:  # soft = hard = value, never above the current hard
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))

    def on_xcpu(signum, frame):
        raise CpuLimitExceeded()

    # Writes past RLIMIT_FSIZE fail with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGXCPU, on_xcpu)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    lower(resource.RLIMIT_FSIZE, int(cfg["fsize_mb"]) << 20)
    lower(resource.RLIMIT_AS, int(cfg["memory_mb"]) << 20)
    # CPU: SIGXCPU at the soft limit (reported as `resources`), SIGKILL two seconds later.
    cpu = max(1, math.ceil(float(cfg["cpu_seconds"])))
    _memory_mb, _cpu_seconds = int(cfg["memory_mb"]), cpu
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    hard_new = cpu + 2 if hard == resource.RLIM_INFINITY else min(cpu + 2, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (min(cpu, hard_new), hard_new))


def _limit_processes() -> None:
    """Without seccomp: RLIMIT_NPROC = 1 forbids forks (and threads) for a non-root user; the
    count is per user, root ignores it, and the parent kills the process group in any case."""
    import resource

    if os.getuid() != 0:
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))
        except (ValueError, OSError):
            pass


class _CappedRaw:
    """A binary sink onto an fd that keeps at most `cap` bytes (shared between stdout/stderr)."""

    budget = 0

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, data) -> int:
        n = len(data)
        keep = min(n, _CappedRaw.budget)
        if keep > 0:
            _CappedRaw.budget -= keep
            try:
                os.write(self.fd, bytes(data[:keep]))
            except OSError:  # closed by the submission or over RLIMIT_FSIZE: drop it
                pass
        return n


def _redirect_output(cap_bytes: int) -> None:
    import io

    _CappedRaw.budget = cap_bytes

    class Raw(io.RawIOBase):
        def __init__(self, fd: int) -> None:
            self._sink = _CappedRaw(fd)
            self._fd = fd

        def writable(self) -> bool:
            return True

        def write(self, b) -> int:
            return self._sink.write(b)

        def fileno(self) -> int:
            return self._fd

    sys.stdout = io.TextIOWrapper(io.BufferedWriter(Raw(1)), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(Raw(2)), encoding="utf-8",
                                  errors="backslashreplace", line_buffering=True)


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# Confinement: no new privileges, no capabilities, Landlock (write only in the work directory,
# no TCP, no signals to processes outside the sandbox such as the grader itself)
# ---------------------------------------------------------------------------------------------
_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_ADD_RULE, _SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
_PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP = 38, 24
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_TRUNCATE = 1 << 14
# Handled filesystem rights by ABI version: 13 rights in v1, REFER in v2, TRUNCATE in v3,
# IOCTL_DEV in v5.
_FS_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1, 5: (1 << 16) - 1}


# seccomp: (audit arch, fork, vfork, clone, clone3) per machine; None where no such syscall.
_SECCOMP_ARCH = {"x86_64": (0xC000003E, 57, 58, 56, 435), "aarch64": (0xC00000B7, None, None, 220, 435)}


def _forbid_fork(libc: Any) -> bool:
    """A seccomp filter: no new processes (fork, vfork, clone without CLONE_THREAD fail with
    EPERM); threads stay possible. clone3 says ENOSYS so that libc falls back to clone, whose
    flags a filter can read. RLIMIT_NPROC does the same only for non-root users."""
    import ctypes
    import platform

    spec = _SECCOMP_ARCH.get(platform.machine())
    if spec is None:
        return False
    arch, fork, vfork, clone, clone3 = spec
    LD, JEQ, JGE, JSET, RET = 0x20, 0x15, 0x35, 0x45, 0x06
    ALLOW, EPERM, ENOSYS = 0x7FFF0000, 0x00050000 | errno.EPERM, 0x00050000 | errno.ENOSYS
    # (code, jump-if-true label, jump-if-false label, k); labels resolved below.
    program = [("arch", LD, None, None, 4), (None, JEQ, None, "allow", arch), (None, LD, None, None, 0)]
    if arch == 0xC000003E:  # x32 syscall numbers would bypass the checks below
        program.append((None, JGE, "eperm", None, 0x40000000))
    for number in (fork, vfork):
        if number is not None:
            program.append((None, JEQ, "eperm", None, number))
    program += [(None, JEQ, "enosys", None, clone3), (None, JEQ, None, "allow", clone),
                (None, LD, None, None, 16),  # clone's flags: args[0], low word
                (None, JSET, "allow", "eperm", 0x00010000),  # CLONE_THREAD
                ("allow", RET, None, None, ALLOW), ("eperm", RET, None, None, EPERM),
                ("enosys", RET, None, None, ENOSYS)]
    where = {label: i for i, (label, *_rest) in enumerate(program) if label}

    class SockFilter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                    ("k", ctypes.c_uint32)]

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    filters = (SockFilter * len(program))()
    for i, (_label, code, jt, jf, k) in enumerate(program):
        filters[i] = SockFilter(code, where[jt] - i - 1 if jt else 0, where[jf] - i - 1 if jf else 0, k)
    prog = SockFprog(len(program), filters)
    PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    ok = libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(prog), 0, 0) == 0
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return ok


def _confine(workdir: str) -> dict[str, Any]:
    """Best effort: each step is skipped where the kernel lacks it; returns what was applied."""
    import ctypes

    done: dict[str, Any] = {"no_new_privs": False, "capabilities_dropped": False, "no_fork": False,
                            "landlock": 0}
    if not sys.platform.startswith("linux"):
        return done
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    done["no_new_privs"] = libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
    if os.geteuid() == 0:
        # Root keeps CAP_SYS_RESOURCE (could lift its rlimits) and CAP_KILL: drop everything,
        # from the bounding set too, so nothing it executes gets them back.
        for cap in range(64):
            libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)

        class CapHeader(ctypes.Structure):
            _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

        class CapData(ctypes.Structure):
            _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                        ("inheritable", ctypes.c_uint32)]

        done["capabilities_dropped"] = libc.capset(ctypes.byref(CapHeader(0x20080522, 0)),
                                                   (CapData * 2)()) == 0
    if done["no_new_privs"]:
        done["no_fork"] = _forbid_fork(libc)
    abi = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi < 1 or not done["no_new_privs"]:
        return done

    class RulesetAttr(ctypes.Structure):
        _fields_ = [("fs", ctypes.c_uint64), ("net", ctypes.c_uint64), ("scoped", ctypes.c_uint64)]

    class PathBeneath(ctypes.Structure):
        _pack_ = 1
        _fields_ = [("allowed", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]

    fs_rights = _FS_RIGHTS.get(abi, (1 << 16) - 1)
    attr = RulesetAttr(fs_rights, 0b11 if abi >= 4 else 0, 0b11 if abi >= 6 else 0)
    size = 8 if abi < 4 else 16 if abi < 6 else 24  # the struct grew with the ABI
    ruleset = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                           ctypes.c_uint32(0))
    if ruleset < 0:
        return done
    try:
        read_only = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
        writable_file = _FS_READ_FILE | _FS_WRITE_FILE | (_FS_TRUNCATE if abi >= 3 else 0)
        for path, allowed in (("/", read_only), (workdir, fs_rights), ("/dev/null", writable_file)):
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = PathBeneath(allowed, fd)
                if libc.syscall(_SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1),
                                ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                    return done
            finally:
                os.close(fd)
        if libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0:
            done["landlock"] = int(abi)
    finally:
        os.close(ruleset)
    return done


_NUMPY_ALIASES = {  # removed from NumPy 1.24 / 2.0, still in old course code; same meaning
    "float": float, "int": int, "bool": bool, "object": object, "complex": complex, "str": str,
    "float_": "float64", "complex_": "complex128", "unicode_": "str_", "string_": "bytes_",
    "NaN": "nan", "NAN": "nan", "Inf": "inf", "Infinity": "inf", "infty": "inf", "PINF": "inf",
}


def _restore_numpy_aliases() -> None:
    import warnings

    for alias, target in _NUMPY_ALIASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                getattr(np, alias)
                continue
            except AttributeError:
                pass
        setattr(np, alias, getattr(np, target) if isinstance(target, str) else target)


# ---------------------------------------------------------------------------------------------
# Stub modules for plotting and notebook helpers that may be absent
# ---------------------------------------------------------------------------------------------
class _Stub:
    """Absorbs any use: calls, attributes, indexing, unpacking (`fig, ax = plt.subplots()`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Used as a bare decorator (@interact, @widgets.interact): keep the function.
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], _Stub):
            return args[0]
        return _Stub()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Stub()

    def __setattr__(self, name: str, value: Any) -> None:
        pass

    def __getitem__(self, key: Any) -> Any:
        return _Stub()

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __delitem__(self, key: Any) -> None:
        pass

    def __iter__(self):
        return iter((_Stub(), _Stub()))

    def __len__(self) -> int:
        return 2

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> bool:
        return False

    def __mro_entries__(self, bases: tuple) -> tuple:
        return (object,)

    def __repr__(self) -> str:
        return "<stub>"

    def __add__(self, other: Any) -> Any:
        return _Stub()

    __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __add__


def _passthrough_tqdm(iterable: Any = None, *args: Any, **kwargs: Any) -> Any:
    return iterable if iterable is not None else _Stub()


def _trange(*args: Any, **kwargs: Any) -> range:
    return range(*args)


_GRADER_ROOTS = frozenset({"derive", "checks"})
_STUB_ROOTS = frozenset({"matplotlib", "mpl_toolkits", "pylab", "seaborn", "IPython", "plotly",
                         "ipywidgets", "tqdm"})
# Colab exports start with `from google.colab import drive; drive.mount(...)`; `google` itself is
# stubbed only when no real package (protobuf, cloud libraries) provides it.
_STUB_PREFIXES = ("google.colab",)


def _install_stubs() -> None:
    import builtins
    import importlib.abc
    import importlib.machinery
    import importlib.util
    import types

    class StubModule(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            if self.__name__.partition(".")[0] == "tqdm":
                if name == "tqdm":
                    return _passthrough_tqdm
                if name == "trange":
                    return _trange
            return _Stub()

    class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, fullname, path=None, target=None):
            if fullname.partition(".")[0] in _GRADER_ROOTS:  # the reference lives there
                raise ModuleNotFoundError(f"No module named {fullname!r} (the grader's own package"
                                          " is not available to submissions)", name=fullname)
            if (fullname.partition(".")[0] in _STUB_ROOTS
                    or fullname.startswith(_STUB_PREFIXES)
                    or (fullname == "google" and importlib.machinery.PathFinder.find_spec("google") is None)):
                return importlib.util.spec_from_loader(fullname, self, is_package=True)
            return None

        def create_module(self, spec):
            module = StubModule(spec.name)
            module.__path__ = []
            module.__all__ = []
            return module

        def exec_module(self, module) -> None:
            pass

    for name in list(sys.modules):
        if name.partition(".")[0] in _STUB_ROOTS:
            del sys.modules[name]
    sys.meta_path.insert(0, StubFinder())
    # `site` (skipped by -S) would define exit() and quit(); scripts call them.
    def _quit(code: Any = None) -> None:
        raise SystemExit(code)

    for name in ("exit", "quit"):
        if not hasattr(builtins, name):
            setattr(builtins, name, _quit)
    # Scripts exported from notebooks call these without importing them.
    if not hasattr(builtins, "get_ipython"):
        builtins.get_ipython = _Stub
    if not hasattr(builtins, "display"):
        builtins.display = lambda *args, **kwargs: None


# ---------------------------------------------------------------------------------------------
# Compiling the submission (Python 2, notebook magics, mixed tabs)
# ---------------------------------------------------------------------------------------------
_PY2_PATTERNS = [
    ("a print statement", r"^\s*print\s*$|^\s*print\s+[^\s(=.,)\[+\-*/%<>!]"),
    ("'except E, e'", r"^\s*except\s+[\w.]+\s*,\s*\w+\s*:"),
    ("'raise E, msg'", r"^\s*raise\s+[\w.]+\s*,"),
    ("an exec statement", r"^\s*exec\s+['\"\w]"),
    ("xrange", r"\bxrange\s*\("),
    ("raw_input", r"\braw_input\s*\("),
    ("dict.iteritems()", r"\.iter(items|keys|values)\s*\("),
    ("dict.has_key()", r"\.has_key\s*\("),
    ("a long literal", r"(?<![\w.])\d+[lL]\b"),
    ("an old octal literal", r"(?<![\w.])0\d+\b"),
    ("the <> operator", r"<>"),
    ("backquotes", r"`[^`\n]+`"),
]
# What CPython 3 itself says about Python 2 statements.
_PY2_MESSAGES = ("Missing parentheses in call to 'print'", "Missing parentheses in call to 'exec'",
                 "multiple exception types must be parenthesized")


def _python2_evidence(source: str, error_line: int | None, message: str = "") -> str | None:
    """What makes this failing source look like Python 2 (None when nothing does).

    With a SyntaxError only the line the compiler stopped at is examined (string contents and
    comments blanked), so a docstring mentioning `print x` or backquotes does not count; without
    one (an undecodable file) every line is, for the unambiguous statements only."""
    import re

    lines = source.splitlines()

    def code(text: str) -> str:
        return re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", '""', text).split("#", 1)[0]

    if error_line and 0 < error_line <= len(lines):
        text = code(lines[error_line - 1])
        for what, pattern in _PY2_PATTERNS:
            if re.search(pattern, text):
                return f"line {error_line}: {what}"
        if any(hint in message for hint in _PY2_MESSAGES):
            return f"line {error_line}: {message.split('.')[0].lower()}"
        return None
    for number, raw_line in enumerate(lines, 1):
        for what, pattern in _PY2_PATTERNS[:8]:
            if re.search(pattern, code(raw_line)):
                return f"line {number}: {what}"
    return None


def _comment_magics(source: str) -> str:
    """Notebook lines (`%matplotlib inline`, `!pip install x`) become `pass`, lines kept."""
    import re

    return "\n".join(re.sub(r"^(\s*)[%!].*$", r"\1pass", line) for line in source.split("\n"))


def _expand_tabs(source: str, size: int) -> str:
    out = []
    for line in source.split("\n"):
        stripped = line.lstrip(" \t")
        out.append(line[: len(line) - len(stripped)].expandtabs(size) + stripped)
    return "\n".join(out)


def compile_submission(path: str) -> Any:
    import ast
    import importlib.util

    global _submission_file
    _submission_file = path
    try:
        raw = open(path, "rb").read()
    except OSError as exc:
        raise Fail("import", f"cannot read the submission: {exc.strerror}") from None
    try:
        source = importlib.util.decode_source(raw)
    except (UnicodeDecodeError, SyntaxError) as exc:
        evidence = _python2_evidence(raw.decode("latin-1"), None)  # Python 2 defaulted to ASCII/latin-1
        if evidence:
            raise Fail("import", f"looks like Python 2 code ({evidence}); {_PY2_HINT}") from None
        raise Fail("import", f"the submission is not valid UTF-8 text: {_one_line(str(exc), 120)}") from None

    def attempt(text: str):
        return compile(text, path, "exec", dont_inherit=True)

    try:
        return attempt(source)
    except (SyntaxError, ValueError) as exc:
        first = exc
    text = source
    error: BaseException = first
    if isinstance(first, SyntaxError) and any(l.lstrip()[:1] in ("%", "!") for l in source.split("\n")):
        text = _comment_magics(source)
        try:
            return attempt(text)
        except (SyntaxError, ValueError) as exc:
            error = exc
    if isinstance(error, TabError):
        # Python 3 refuses tabs mixed with spaces; Python 2 read a tab as 8 columns. Accept the
        # file only if the reading is unambiguous (8 and 4 columns give the same program).
        trees = []
        for size in (8, 4):
            try:
                trees.append((attempt(_expand_tabs(text, size)), ast.dump(ast.parse(_expand_tabs(text, size)))))
            except (SyntaxError, ValueError):
                pass
        if len(trees) == 1 or (len(trees) == 2 and trees[0][1] == trees[1][1]):
            return trees[0][0]
    line = getattr(error, "lineno", None)
    msg = getattr(error, "msg", None) or _safe_str(error)
    evidence = _python2_evidence(text, line, msg)
    if evidence:
        raise Fail("import", f"looks like Python 2 code ({evidence}); {_PY2_HINT}", line)
    where = f" (line {line})" if line else ""
    raise Fail("import", f"{type(error).__name__}: {_one_line(msg, 200)}{where}", line)


# ---------------------------------------------------------------------------------------------
# Calling the submission
# ---------------------------------------------------------------------------------------------
_ROLE_NAMES = {
    "D": ("input_size", "input_dim", "n_input", "num_inputs", "input_dimension", "in_features", "D"),
    "H": ("hidden_size", "hidden_dim", "n_hidden", "num_hidden", "hidden_units", "H"),
    "C": ("output_size", "num_classes", "output_dim", "n_classes", "n_output", "num_outputs",
          "out_features", "C"),
}
_STD_NAMES = ("std", "weight_scale", "init_std", "weight_std")


def _same(now: Any, pristine: np.ndarray) -> bool:
    """Whether `now` still holds exactly the bytes, shape and dtype the parent sent."""
    if not isinstance(now, np.ndarray) or now.shape != pristine.shape or now.dtype != pristine.dtype:
        return False
    if now.nbytes % 8 == 0 and now.flags.c_contiguous and pristine.flags.c_contiguous and now.size:
        # Compare as 8-byte words: bit-exact (NaN == NaN, -0.0 != 0.0) and fast.
        return bool(np.array_equal(now.reshape(-1).view(np.int64), pristine.reshape(-1).view(np.int64)))
    return now.tobytes() == pristine.tobytes()


def _as_float_array(value: Any, what: str) -> np.ndarray:
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor
        try:
            value = value.detach().cpu().numpy()
        except Exception:
            pass
    try:
        a = np.asarray(value)
    except Exception:
        a = None
    if a is None or a.dtype.kind not in NUMERIC_KINDS:
        raise Fail("api", f"{what} is {type(value).__name__}, not an array of real numbers")
    # No copy when already float64: the reply is written before any submission code runs again.
    return np.asarray(a, dtype=np.float64)


def _as_loss(value: Any, where: str) -> float:
    try:
        a = np.asarray(value.detach().cpu().numpy() if hasattr(value, "detach") else value)
    except Exception:
        a = None
    if a is None or a.dtype.kind not in "iuf" or a.size != 1:
        shape = f" of shape {a.shape}" if a is not None and a.dtype.kind in "iuf" else ""
        raise Fail("api", f"the loss returned by {where} is {type(value).__name__}{shape}, not a real number")
    return float(a.reshape(-1)[0])


class Runner:
    """Holds the imported submission and calls it in the detected API."""

    def __init__(self, module: Any, api: str) -> None:
        import inspect

        self.module = module
        cls = getattr(module, "TwoLayerNet", None)
        fn = getattr(module, "loss_and_grads", None)
        found = sorted(n for n, v in vars(module).items()
                       if not n.startswith("_") and (isinstance(v, type) or inspect.isfunction(v))
                       and getattr(v, "__module__", None) == module.__name__)
        listing = f" (it defines: {', '.join(found[:8])})" if found else " (it defines no class or function)"
        if api == "auto":
            api = "twolayernet" if isinstance(cls, type) else "function" if callable(fn) else ""
        if api == "twolayernet":
            if not isinstance(cls, type):
                raise Fail("api", f"no class TwoLayerNet in the submission{listing}")
            if not callable(getattr(cls, "loss", None)):
                raise Fail("api", "class TwoLayerNet has no method loss(X, y=None, reg=0.0)")
            self._plan_class(cls)
        elif api == "function":
            if not callable(fn):
                raise Fail("api", f"no function loss_and_grads(params, X, y, reg) in the submission{listing}")
            self.fn = fn
        else:
            raise Fail("api", "no class TwoLayerNet and no function loss_and_grads(params, X, y, reg)"
                       f" in the submission{listing}")
        self.api = api
        self.nets: dict[tuple[int, int, int], Any] = {}

    # -- the class API ----------------------------------------------------------------------
    def _plan_class(self, cls: type) -> None:
        import inspect

        self.cls = cls
        self.ctor_names: dict[str, str] | None = None  # role -> keyword
        self.std_name: str | None = "std"
        try:
            sig = inspect.signature(cls)
        except (TypeError, ValueError):
            self.ctor_names = {"D": "input_size", "H": "hidden_size", "C": "output_size"}
        else:
            params = [p for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            names = [p.name for p in params]
            roles = {role: next((n for n in aliases if n in names), None) for role, aliases in _ROLE_NAMES.items()}
            takes_kwargs = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
            if None in roles.values() and takes_kwargs and len(params) < 3:
                roles = {"D": "input_size", "H": "hidden_size", "C": "output_size"}  # via **kwargs
            elif None in roles.values():
                # Unknown names: the first three parameters, in the course order D, H, C.
                if len(params) < 3:
                    raise Fail("api", f"TwoLayerNet{sig} does not take (input_size, hidden_size, output_size)")
                roles = dict(zip("DHC", names[:3]))
            self.ctor_names = roles
            self.std_name = next((n for n in _STD_NAMES if n in names), None)
            filled = set(roles.values()) | {self.std_name}
            missing = [p.name for p in params if p.default is p.empty and p.name not in filled]
            if missing:
                raise Fail("api", f"TwoLayerNet{sig} requires {', '.join(missing)}, which the grader cannot supply")
        self.loss_reg = "keyword"
        try:
            lsig = inspect.signature(cls.loss)
        except (TypeError, ValueError):
            return
        kinds = {p.kind for p in lsig.parameters.values()}
        if "reg" in lsig.parameters or inspect.Parameter.VAR_KEYWORD in kinds:
            self.loss_reg = "keyword"
        else:
            positional = [p for p in lsig.parameters.values()
                          if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            self.loss_reg = "positional" if len(positional) >= 4 else "attribute"  # self, X, y, reg

    def _net(self, params: Mapping[str, np.ndarray], X: np.ndarray) -> Any:
        W1, W2 = params.get("W1"), params.get("W2")
        D = W1.shape[0] if W1 is not None and W1.ndim == 2 else X.shape[1]
        H = W1.shape[1] if W1 is not None and W1.ndim == 2 else 0
        C = W2.shape[1] if W2 is not None and W2.ndim == 2 else 0
        key = (D, H, C)
        net = self.nets.get(key)
        if net is None:
            kwargs = {self.ctor_names[r]: v for r, v in zip("DHC", key)}
            if self.std_name:
                kwargs[self.std_name] = 1e-4
            net = self.cls(**kwargs)
            if len(self.nets) >= 8:
                self.nets.clear()
            self.nets[key] = net
        return net

    def call(self, params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray | None, reg: float
             ) -> tuple[Any, Mapping[str, Any] | None]:
        """The raw output and the dict that held the params during the call."""
        if self.api == "function":
            return self.fn(params, X, y, reg), params
        net = self._net(params, X)
        net.params = params
        if y is None:
            out = net.loss(X)
        elif self.loss_reg == "keyword":
            out = net.loss(X, y, reg=reg)
        elif self.loss_reg == "positional":
            out = net.loss(X, y, reg)
        else:
            try:
                net.reg = reg
            except Exception:
                raise Fail("api", "TwoLayerNet.loss takes no reg argument and reg cannot be set") from None
            out = net.loss(X, y)
        holder = getattr(net, "params", None)
        return out, holder if isinstance(holder, Mapping) else {}

    @property
    def where(self) -> str:
        return "TwoLayerNet.loss" if self.api == "twolayernet" else "loss_and_grads"


def _mutated(given: Mapping[str, Any], pristine: Mapping[str, np.ndarray], names: list[str],
             holder: Mapping[str, Any]) -> list[str]:
    """Inputs changed in place, and params whose entry in the dict the submission holds (net.params,
    or the dict passed to loss_and_grads) no longer has the values sent (a step taken in loss)."""
    out = []
    for key, array in given.items():
        changed = not _same(array, pristine[key])
        if key in names and not changed:
            now = holder.get(key)
            changed = now is not array and not _same(now, pristine[key])
        if changed:
            out.append(key)
    return out


def handle(runner: Runner, header: Mapping[str, Any], arrays: Mapping[str, np.ndarray], channel: _Channel
           ) -> tuple[dict[str, Any], list[tuple[str, np.ndarray]]]:
    """One request. `arrays` are views of the received frame: the pristine values, never given
    to the submission, which gets fresh writable copies (and so cannot affect later calls)."""
    op = header["op"]
    reg = float(header.get("reg", 0.0))
    names = header["params"]
    if op == "losses":
        values = []
        mutated: set[str] = set()
        last_tick = time.monotonic()
        for i in range(int(header["count"])):
            pristine = {n: arrays[f"{i}:{n}"] for n in names} | {"X": arrays["X"], "y": arrays["y"]}
            given = {k: np.array(v) for k, v in pristine.items()}
            params = {n: given[n] for n in names}
            out, holder = runner.call(params, given["X"], given["y"], reg)
            if not isinstance(out, (tuple, list)) or len(out) < 1:
                raise Fail("api", f"{runner.where} returned {type(out).__name__} instead of (loss, grads)")
            values.append(_as_loss(out[0], runner.where))
            mutated.update(_mutated(given, pristine, names, holder))
            if time.monotonic() - last_tick > 0.5:  # progress: the parent's timeout is per loss
                if os.getpid() != _harness_pid:
                    os._exit(0)
                channel.send({"status": "tick", "seq": header["seq"]})
                last_tick = time.monotonic()
        order = [*names, "X", "y"]
        return ({"mutated": [n for n in order if n in mutated]},
                [("losses", np.array(values, dtype=np.float64))])
    pristine = {n: arrays[f"p:{n}"] for n in names} | {"X": arrays["X"]}
    if op == "loss":
        pristine["y"] = arrays["y"]
    given = {k: np.array(v) for k, v in pristine.items()}
    params = {n: given[n] for n in names}
    out, holder = runner.call(params, given["X"], given.get("y"), reg)
    mutated = _mutated(given, pristine, names, holder)
    if op == "scores":
        if isinstance(out, tuple):
            raise Fail("api", f"{runner.where} with y=None returned a tuple; it should return the scores array")
        return {"mutated": mutated}, [("scores", _as_float_array(out, f"the y=None output of {runner.where}"))]
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        got = f"a {len(out)}-tuple" if isinstance(out, (tuple, list)) else type(out).__name__
        raise Fail("api", f"{runner.where} returned {got} instead of (loss, grads)")
    loss = _as_loss(out[0], runner.where)
    grads = out[1]
    if not isinstance(grads, Mapping):
        raise Fail("api", f"the grads returned by {runner.where} are {type(grads).__name__}, not a dict")
    for n in names:
        if n not in grads:
            have = ", ".join(sorted(str(k) for k in grads)[:8]) or "nothing"
            raise Fail("missing-gradient", f"grads has no '{n}' (it has {have})")
    result = [("loss", np.array(loss, dtype=np.float64))]
    for key, value in grads.items():
        if not isinstance(key, str):
            continue
        if key in names:
            result.append((f"g:{key}", _as_float_array(value, f"grads['{key}']")))
        else:  # extra entries are passed on when they are arrays, ignored otherwise
            try:
                result.append((f"g:{key}", _as_float_array(value, key)))
            except Fail:
                pass
    return {"mutated": mutated}, result


def _within_budget(arrays: list[tuple[str, np.ndarray]], budget: int
                   ) -> tuple[list[tuple[str, np.ndarray]], dict[str, list[int]]]:
    """Arrays that fit in the reply budget, and the shapes of those that do not. A broadcasting
    bug can make a full-size gradient of shape (N, D, H), half a gigabyte: its shape is all the
    grader needs (to say `shape`), so only the shape travels."""
    kept, oversized = [], {}
    for name, array in arrays:
        if array.nbytes <= budget:
            kept.append((name, array))
            budget -= array.nbytes
        else:
            oversized[name] = list(array.shape)
    return kept, oversized


# ---------------------------------------------------------------------------------------------
# Main loop
# ---------------------------------------------------------------------------------------------
def main(argv: list[str]) -> None:
    global _memory_reserve, _harness_pid
    import importlib
    import types

    _harness_pid = harness_pid = os.getpid()
    channel = _Channel(int(argv[1]), int(argv[2]))
    try:
        cfg, _ = channel.recv()
        np.random.seed(0)  # deterministic constructors (std * randn)
        _set_limits(cfg)
        try:
            confinement = _confine(os.getcwd()) if cfg.get("confine", True) else {}
        except Exception as exc:  # an unknown kernel or libc: grade unconfined rather than not at all
            os.write(2, f"sandbox: confinement skipped ({type(exc).__name__}: {exc})\n".encode())
            confinement = {}
        if not confinement.get("no_fork"):
            _limit_processes()
        _restore_numpy_aliases()
        _redirect_output(int(cfg["output_cap"]))
        _install_stubs()
        _memory_reserve = bytearray(4 << 20)
        channel.send({"status": "ready", "confinement": confinement})
    except MemoryError:  # memory_mb below what the interpreter and NumPy need
        os._exit(EXIT_OUT_OF_MEMORY)
    except OSError:
        os._exit(EXIT_CHANNEL_LOST)
    except Exception:  # a harness bug: no student code has run yet
        import traceback

        os.write(2, traceback.format_exc().encode(errors="replace"))
        os._exit(EXIT_HARNESS_FAILED)

    def reply(seq: int, header: dict[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> None:
        if os.getpid() != harness_pid:  # a fork of the submission returned here: vanish quietly
            os._exit(0)
        _flush_output()
        try:
            channel.send({**header, "seq": seq}, arrays)
        except MemoryError:
            os._exit(EXIT_OUT_OF_MEMORY)
        except OSError:  # the submission closed or broke our pipe
            os._exit(EXIT_CHANNEL_LOST)

    # Import under another name than __main__, so `if __name__ == "__main__":` does not run.
    runner = None
    try:
        code = compile_submission(cfg["path"])
        module = types.ModuleType("submission")
        module.__file__ = cfg["path"]
        sys.modules["submission"] = module
        sys.argv = [cfg["path"]]
        sys.path.append(os.path.dirname(cfg["path"]))  # helpers beside it, after the real libs
        importlib.invalidate_caches()
        exec(code, module.__dict__)
        runner = Runner(module, cfg["api"])
        reply(0, {"status": "ok", "api": runner.api})
    except BaseException as exc:  # noqa: BLE001 - every failure becomes an error kind
        try:
            reply(0, {"status": "error", **classify(exc)})
        except BaseException:
            os._exit(EXIT_OUT_OF_MEMORY)
        os._exit(0)

    while True:
        try:
            header, arrays = channel.recv()
        except MemoryError:
            os._exit(EXIT_OUT_OF_MEMORY)
        except (OSError, FrameError):
            os._exit(EXIT_CHANNEL_LOST)
        if header.get("op") == "close":
            _flush_output()
            os._exit(0)
        seq = header.get("seq", -1)
        try:
            out_header, out_arrays = handle(runner, header, arrays, channel)
            sent = sum(a.nbytes for a in arrays.values())
            out_arrays, oversized = _within_budget(out_arrays, REPLY_SLACK // 2 + 4 * sent)
            reply(seq, {"status": "ok", **out_header, "oversized": oversized}, out_arrays)
        except BaseException as exc:  # noqa: BLE001
            try:
                err = classify(exc)
            except BaseException:
                os._exit(EXIT_OUT_OF_MEMORY)
            reply(seq, {"status": "error", **err})
            if _memory_reserve is None:
                try:
                    _memory_reserve = bytearray(4 << 20)
                except MemoryError:
                    os._exit(EXIT_OUT_OF_MEMORY)


if __name__ == "__main__":
    main(sys.argv)
