"""The sandbox directory: what the child may see, laid out by the parent before it starts.

    derive-sandbox-<pid>-XXXX/
      work/      a copy of the submission (and of its directory, for a directory submission):
                 the child's cwd and HOME, the only place it may write
      harness/   copies of the child's modules (the child never runs derive's installed files)
      lib/       symbolic links to NumPy and the rubric's extra packages: the child's site dir

`read_rules` lists what Landlock lets the child read besides these: the standard library (each
entry except site-packages and dist-packages), the directories of the shared libraries the
interpreter maps (the system's library directories; single files where the directory also holds
Python packages), and the targets of lib/'s links. derive's own files, the grader's home
directory and the caller's working directory are not among them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from derive.checks.grading.sandbox import lifetime
from derive.checks.grading.sandbox.records import SubmissionError

HARNESS = Path(__file__).with_name("harness")
PROTOCOL = Path(__file__).with_name("protocol.py")
MAX_FILE_BYTES = 16 << 20  # one submission file
MAX_TREE_BYTES = 64 << 20  # a directory submission in all
MAX_TREE_FILES = 2000
_SKIPPED_DIRS = frozenset({"__pycache__", ".git", ".ipynb_checkpoints", "node_modules"})
_NOT_STDLIB = frozenset({"site-packages", "dist-packages"})


@dataclass
class Stage:
    root: Path
    workdir: Path
    submission: Path
    harness_main: Path
    lib: Path
    read_paths: list[str] = field(default_factory=list)
    list_paths: list[str] = field(default_factory=list)


def _copy_file(source: Path, target: Path, limit: int) -> int:
    """Copy one regular file without following a link at the end and without blocking on a FIFO
    or a device; returns its size. Anything else is not a submission file."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise SubmissionError("import", f"cannot read the submission {source.name}: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SubmissionError("import", f"{source.name} is not a regular file (a device, FIFO or socket)")
        if info.st_size > limit:
            raise SubmissionError("import", f"{source.name} is larger than {limit >> 20} MB")
        target.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.dup(fd), "rb") as src, open(target, "wb") as dst:
            copied = shutil.copyfileobj(src, dst, 1 << 20) or dst.tell()
        return int(copied)
    finally:
        os.close(fd)


def _copy_tree(root: Path, workdir: Path) -> list[str]:
    """A directory submission: its regular files (links, devices and FIFOs skipped), Python files
    first, then the rest smallest first, while they fit the bounds (a data set handed in with
    the code stays out). Returns what was left out."""
    found = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIPPED_DIRS)
        for name in filenames:
            info = os.lstat(Path(dirpath) / name)
            if stat.S_ISREG(info.st_mode):
                found.append((not name.endswith(".py"), info.st_size, Path(dirpath) / name))
    total, left_out = 0, []
    for count, (_, size, source) in enumerate(sorted(found)):
        if size > MAX_FILE_BYTES or total + size > MAX_TREE_BYTES or count >= MAX_TREE_FILES:
            left_out.append(str(source.relative_to(root)))
            continue
        try:
            total += _copy_file(source, workdir / source.relative_to(root), MAX_FILE_BYTES)
        except SubmissionError:  # changed into something else meanwhile
            left_out.append(str(source.relative_to(root)))
    return left_out


def _package_paths(name: str) -> list[Path]:
    """The files of an importable top-level name (a package's directory, or a module's file),
    and the `<name>.libs` directory of vendored shared libraries beside it (manylinux wheels)."""
    spec = importlib.util.find_spec(name)
    if spec is None:
        raise ValueError(f"package {name!r} is not installed where derive runs")
    if spec.submodule_search_locations:
        paths = [Path(p).resolve() for p in spec.submodule_search_locations]
    elif spec.origin and os.path.isfile(spec.origin):
        paths = [Path(spec.origin).resolve()]
    else:
        raise ValueError(f"package {name!r} has no files to give the sandbox (a built-in module?)")
    libs = paths[0].parent / f"{name}.libs"
    return paths + ([libs.resolve()] if libs.is_dir() else [])


def _link_packages(lib: Path, names: tuple[str, ...]) -> list[str]:
    targets = []
    for name in ("numpy", *names):
        if not name.isidentifier() or name in ("derive", "checks"):
            raise ValueError(f"extra package {name!r} is not an importable top-level name the sandbox may offer")
        for path in _package_paths(name):
            link = lib / path.name
            if not link.exists():
                link.symlink_to(path, target_is_directory=path.is_dir())
            targets.append(str(path))
    return targets


def _stdlib_paths() -> tuple[list[str], list[str]]:
    """Entries of the standard library directories (read) and those directories (list only)."""
    reads, lists = [], []
    for key in ("stdlib", "platstdlib"):
        directory = sysconfig.get_path(key)
        if not directory or not os.path.isdir(directory) or directory in lists:
            continue
        lists.append(directory)
        reads += [os.path.join(directory, e) for e in sorted(os.listdir(directory)) if e not in _NOT_STDLIB]
    return reads, lists


def _library_paths(sensitive: list[str]) -> list[str]:
    """What the dynamic loader needs for extension modules loaded later: the directories of the
    shared libraries mapped now, or the single file where that directory is (an ancestor of) a
    Python path (e.g. libpython beside lib/python3.x)."""
    out = ["/etc/ld.so.cache"]
    try:
        maps = Path("/proc/self/maps").read_text().splitlines()
    except OSError:
        return out
    for line in maps:
        path = line.split(maxsplit=5)[5] if len(line.split(maxsplit=5)) == 6 else ""
        if not path.startswith("/") or ".so" not in path:
            continue
        directory = os.path.dirname(path)
        risky = any(s == directory or s.startswith(directory.rstrip("/") + "/") for s in sensitive)
        out.append(path if risky else directory)
    return sorted(set(out))


def _sensitive() -> list[str]:
    import sys

    here = [str(Path(__file__).resolve().parents[3]), os.getcwd(), os.path.expanduser("~")]
    return [os.path.realpath(p) for p in [*sys.path, *here] if p]


def stage(submission: Path, root: Path | None, packages: tuple[str, ...]) -> Stage:
    """Make the sandbox directory for one submission (file, or `root` directory holding it)."""
    lifetime.sweep()
    tmp = Path(tempfile.mkdtemp(prefix=f"{lifetime.PREFIX}{os.getpid()}-"))
    try:
        workdir, harness, lib = tmp / "work", tmp / "harness", tmp / "lib"
        for d in (workdir, harness, lib):
            d.mkdir()
        if root is not None and root.is_dir():
            _copy_tree(root, workdir)
            try:
                copy = workdir / submission.resolve().relative_to(root.resolve())
            except ValueError:  # made elsewhere (a notebook's code): beside the directory's files
                copy = workdir / submission.name
            _copy_file(submission, copy, MAX_FILE_BYTES)
        else:
            copy = workdir / submission.name
            _copy_file(submission, copy, MAX_FILE_BYTES)
        for source in HARNESS.glob("harness_*.py"):
            shutil.copyfile(source, harness / source.name)
        shutil.copyfile(PROTOCOL, harness / "harness_protocol.py")
        targets = _link_packages(lib, packages)
        reads, lists = _stdlib_paths()
        reads += _library_paths(_sensitive()) + targets + [str(harness), str(lib)]
        return Stage(tmp, workdir, copy, harness / "harness_main.py", lib, reads, lists)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
