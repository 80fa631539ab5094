"""Child side: limits and confinement, applied before the submission is imported.

- rlimits: address space, CPU time, file size, no core files;
- dies with its parent (PR_SET_PDEATHSIG), checked against the race with the parent's death;
- no new privileges, no capabilities (a root grader);
- seccomp: no new processes, no sockets at all (UDP as well as TCP), no metadata changes
  (chmod, chown, utime, xattrs), no io_uring (it would bypass the filter), no namespaces,
  mounts, ptrace, bpf or keyrings;
- Landlock: reads only below the paths the parent lists (the standard library, NumPy, the
  rubric's packages, the harness, the work directory), writes only in the work directory, no
  TCP, no signals to processes outside the sandbox (ABI 6).
Each step is skipped where the kernel lacks it; `confine` returns what was applied, and the
parent reports the rest as missing protections.
"""

from __future__ import annotations

import ctypes
import errno
import math
import os
import platform
import signal
import sys
from collections.abc import Mapping
from typing import Any

import harness_compile

_SYS_LANDLOCK_CREATE_RULESET, _SYS_LANDLOCK_ADD_RULE, _SYS_LANDLOCK_RESTRICT_SELF = 444, 445, 446
_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS, _PR_CAPBSET_DROP, _PR_SET_SECCOMP, _PR_SET_THP_DISABLE = 1, 38, 24, 22, 41
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_TRUNCATE = 1 << 14
# Handled filesystem rights by ABI version: 13 rights in v1, REFER in v2, TRUNCATE in v3,
# IOCTL_DEV in v5.
_FS_RIGHTS = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 4: (1 << 15) - 1, 5: (1 << 16) - 1}
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE  # what a rule on a file may hold
_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR

# seccomp, per machine: audit arch, then syscall numbers. `fork` lists what is refused outright
# to stop new processes; clone is allowed only with CLONE_THREAD; clone3 says ENOSYS so that libc
# falls back to clone, whose flags a filter can read. `deny` is refused with EPERM.
_X86_64_DENY = (
    41, 53,  # socket, socketpair: no network, no new UNIX sockets
    90, 91, 268, 452, 92, 93, 94, 260,  # chmod, fchmod, fchmodat, fchmodat2, chown, fchown, lchown, fchownat
    132, 235, 261, 280,  # utime, utimes, futimesat, utimensat
    188, 189, 190, 197, 198, 199, 463, 466,  # set/remove xattr (path, link, fd, at)
    425, 426, 427,  # io_uring_setup/enter/register
    101, 310, 311,  # ptrace, process_vm_readv/writev
    272, 308, 165, 166, 161, 155,  # unshare, setns, mount, umount2, chroot, pivot_root
    428, 429, 430, 431, 432, 433, 442,  # the new mount API
    321, 298, 323, 248, 249, 250,  # bpf, perf_event_open, userfaultfd, add_key, request_key, keyctl
)
_AARCH64_DENY = (
    198, 199, 52, 53, 452, 54, 55, 88, 5, 6, 7, 14, 15, 16, 463, 466, 425, 426, 427, 117, 270, 271,
    97, 268, 40, 39, 51, 41, 428, 429, 430, 431, 432, 433, 442, 280, 241, 282, 217, 218, 219,
)
_SECCOMP_ARCH = {
    "x86_64": {"arch": 0xC000003E, "fork": (57, 58), "clone": 56, "clone3": 435, "deny": _X86_64_DENY},
    "aarch64": {"arch": 0xC00000B7, "fork": (), "clone": 220, "clone3": 435, "deny": _AARCH64_DENY},
}


def set_limits(cfg: Mapping[str, Any]) -> None:
    import resource

    def lower(which: int, value: int) -> None:  # soft = hard = value, never above the current hard
        _soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))

    def on_xcpu(signum, frame):
        raise harness_compile.CpuLimitExceeded()

    # Writes past RLIMIT_FSIZE fail with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGXCPU, on_xcpu)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    lower(resource.RLIMIT_FSIZE, int(cfg["fsize_mb"]) << 20)
    lower(resource.RLIMIT_AS, int(cfg["memory_mb"]) << 20)
    # CPU: SIGXCPU at the soft limit (reported as `resources`), SIGKILL two seconds later.
    cpu = max(1, math.ceil(float(cfg["cpu_seconds"])))
    harness_compile.LIMITS.update(memory_mb=int(cfg["memory_mb"]), cpu_seconds=cpu)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    hard_new = cpu + 2 if hard == resource.RLIM_INFINITY else min(cpu + 2, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (min(cpu, hard_new), hard_new))


def limit_processes() -> None:
    """Without seccomp: RLIMIT_NPROC = 1 forbids forks (and threads) for a non-root user; the
    count is per user, root ignores it, and the parent kills the process group in any case."""
    import resource

    if os.getuid() != 0:
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (1, 1))
        except (ValueError, OSError):
            pass


def _libc() -> Any:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return libc


def die_with_parent(parent_pid: int) -> bool:
    """SIGKILL when the parent dies. The parent may have died before the call: then we are
    someone else's child already and leave at once."""
    if not sys.platform.startswith("linux"):
        return False
    ok = _libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent_pid:
        os._exit(0)
    return ok


def _seccomp_program(spec: Mapping[str, Any]) -> list[tuple]:
    """(label, code, jump-if-true label, jump-if-false label, k); labels resolved by the caller."""
    LD, JEQ, JGE, JSET, RET = 0x20, 0x15, 0x35, 0x45, 0x06
    ALLOW, EPERM, ENOSYS = 0x7FFF0000, 0x00050000 | errno.EPERM, 0x00050000 | errno.ENOSYS
    # An unknown architecture (e.g. 32-bit calls on a 64-bit kernel) is killed outright: its
    # syscall numbers differ and would slip past the checks below.
    program = [(None, LD, None, None, 4), (None, JEQ, "nr", "kill", spec["arch"]), ("nr", LD, None, None, 0)]
    if spec["arch"] == 0xC000003E:  # x32 syscall numbers would bypass the checks below
        program.append((None, JGE, "eperm", None, 0x40000000))
    for number in (*spec["fork"], *spec["deny"]):
        program.append((None, JEQ, "eperm", None, number))
    program += [(None, JEQ, "enosys", None, spec["clone3"]), (None, JEQ, None, "allow", spec["clone"]),
                (None, LD, None, None, 16),  # clone's flags: args[0], low word
                (None, JSET, "allow", "eperm", 0x00010000),  # CLONE_THREAD
                ("allow", RET, None, None, ALLOW), ("eperm", RET, None, None, EPERM),
                ("enosys", RET, None, None, ENOSYS), ("kill", RET, None, None, 0x80000000)]
    return program


def install_seccomp(libc: Any) -> bool:
    spec = _SECCOMP_ARCH.get(platform.machine())
    if spec is None:
        return False
    program = _seccomp_program(spec)
    where = {label: i for i, (label, *_rest) in enumerate(program) if label}

    class SockFilter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8),
                    ("k", ctypes.c_uint32)]

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

    filters = (SockFilter * len(program))()
    for i, (_label, code, jt, jf, k) in enumerate(program):
        jump_true, jump_false = (where[jt] - i - 1 if jt else 0), (where[jf] - i - 1 if jf else 0)
        if not (0 <= jump_true < 256 and 0 <= jump_false < 256):
            return False  # a BPF jump is one byte: keep the program short
        filters[i] = SockFilter(code, jump_true, jump_false, k)
    prog = SockFprog(len(program), filters)
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
    ok = libc.prctl(_PR_SET_SECCOMP, 2, ctypes.addressof(prog), 0, 0) == 0  # SECCOMP_MODE_FILTER
    libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    return ok


def _drop_capabilities(libc: Any) -> bool:
    # Root keeps CAP_SYS_RESOURCE (could lift its rlimits) and CAP_KILL: drop everything,
    # from the bounding set too, so nothing it executes gets them back.
    for cap in range(64):
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)

    class CapHeader(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class CapData(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    return libc.capset(ctypes.byref(CapHeader(0x20080522, 0)), (CapData * 2)()) == 0


def _landlock(libc: Any, abi: int, rules: list[tuple[str, int]]) -> bool:
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
        return False
    try:
        for path, allowed in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # a listed path that does not exist needs no rule
            try:
                if not os.path.isdir(path):
                    allowed &= _FILE_RIGHTS
                rule = PathBeneath(allowed & fs_rights, fd)
                if libc.syscall(_SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1),
                                ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                    return False
            finally:
                os.close(fd)
        return libc.syscall(_SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) == 0
    finally:
        os.close(ruleset)


def _rules(cfg: Mapping[str, Any], workdir: str, abi: int) -> list[tuple[str, int]]:
    """Read-only paths the parent listed, the work directory (everything), /dev/null."""
    writable_file = _FS_READ_FILE | _FS_WRITE_FILE | (_FS_TRUNCATE if abi >= 3 else 0)
    reads = [str(p) for p in cfg.get("read_paths", []) if isinstance(p, str)]
    listable = [str(p) for p in cfg.get("list_paths", []) if isinstance(p, str)]
    rules = [(p, _READ) for p in reads] + [(p, _FS_READ_DIR) for p in listable]
    rules += [(workdir, (1 << 16) - 1), ("/dev/null", writable_file), ("/dev/urandom", _FS_READ_FILE),
              (f"/proc/{os.getpid()}", _FS_READ_FILE | _FS_READ_DIR)]
    return rules


def confine(cfg: Mapping[str, Any], workdir: str) -> dict[str, Any]:
    """Best effort: each step is skipped where the kernel lacks it; returns what was applied."""
    done: dict[str, Any] = {"no_new_privs": False, "capabilities_dropped": False, "no_fork": False,
                            "seccomp": False, "landlock": 0}
    if not sys.platform.startswith("linux"):
        return done
    libc = _libc()
    # No transparent huge pages: their compaction stalls make a memory bomb's speed (and so the
    # error kind, resources or timeout) depend on the machine's recent history.
    libc.prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0)
    done["no_new_privs"] = libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
    if os.geteuid() == 0:
        done["capabilities_dropped"] = _drop_capabilities(libc)
    abi = libc.syscall(_SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    if abi >= 1 and done["no_new_privs"] and _landlock(libc, int(abi), _rules(cfg, workdir, int(abi))):
        done["landlock"] = int(abi)
    if done["no_new_privs"]:  # last: Landlock's own set-up needs none of what the filter refuses
        done["seccomp"] = done["no_fork"] = install_seccomp(libc)
    return done
