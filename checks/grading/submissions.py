"""What a submission is on disk: a .py file, a Jupyter notebook (.ipynb), or a directory
holding one; and the checks that keep odd paths (a FIFO named x.py, /dev/zero, a huge file)
from hanging or crashing the grader.

A notebook is read with nbformat as data: its code cells, in order, become one .py file in a
private temporary directory, which the sandbox then imports like any submission. Nothing of
the notebook runs in the grading process. IPython magics (``%time``, ``%%timeit``, ``!pip``)
are not Python: those lines are commented out and the grade notes how many.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["MAX_SOURCE_BYTES", "Prepared", "is_regular_file", "notebook_source", "prepare", "submission_file"]

#: A submission larger than this is not a gradient implementation (and reading it would cost).
MAX_SOURCE_BYTES = 8 << 20
#: File names courses use for the network, tried first when a directory is one submission.
_PREFERRED = ("neural_net.py", "two_layer_net.py", "twolayernet.py", "submission.py", "solution.py")
_SUFFIXES = (".py", ".ipynb")


def _error(kind: str, message: str) -> Exception:
    from derive.checks.grading.records import submission_error_type

    return submission_error_type()(kind, message)


def is_regular_file(path: Path) -> bool:
    """A regular file (symlinks followed): not a FIFO, a device or a socket, which would block
    or never end when read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _read_limited(path: Path) -> bytes:
    if not is_regular_file(path):
        raise _error("api", f"{path} is not a regular file")
    with open(path, "rb") as f:
        data = f.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise _error("api", f"{path} is larger than {MAX_SOURCE_BYTES >> 20} MB; a submission is a source file")
    return data


def submission_file(path: Any) -> Path:
    """The file of a submission: the file itself, or, in a directory, the one that defines
    ``TwoLayerNet`` or ``loss_and_grads`` (courses' usual file names first, .py before .ipynb)."""
    path = Path(path)
    if not path.is_dir():
        if not is_regular_file(path):
            raise _error("api", f"{path} is not a regular file (a FIFO, a device or missing)")
        return path
    unreadable = (OSError, UnicodeError, type(_error("api", "")))
    candidates = sorted(
        p
        for p in path.rglob("*")
        if p.suffix in _SUFFIXES
        and "__pycache__" not in p.parts
        and ".ipynb_checkpoints" not in p.parts
        and not p.name.startswith("test_")
        and is_regular_file(p)
    )
    candidates.sort(key=lambda p: (p.name not in _PREFERRED, p.suffix != ".py", len(p.parts), str(p)))
    for p in candidates:
        try:
            text = _read_limited(p).decode("utf-8", errors="replace")
        except unreadable:  # an unreadable or oversized candidate is skipped, not fatal
            continue
        # Choosing the file is the only thing read from its text; nothing in it is executed here.
        if "TwoLayerNet" in text or "loss_and_grads" in text:
            return p
    if candidates:
        return candidates[0]
    raise _error("api", f"{path} holds no .py file or notebook")


def notebook_source(data: bytes, name: str = "notebook") -> tuple[str, int]:
    """The code cells of a notebook as one Python source, and how many magic lines were
    commented out. Raises the runners' SubmissionError (kind ``import``) for a file that is
    not a notebook."""
    import nbformat

    try:
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 -- nbformat raises many types for a broken file; all mean "not a notebook"
        raise _error("import", f"{name} is not a readable Jupyter notebook ({type(exc).__name__})") from None
    parts: list[str] = []
    magics = 0
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        lines = []
        for line in str(cell.get("source", "")).splitlines():
            if line.lstrip().startswith(("%", "!")):
                magics += 1
                lines.append("# (IPython magic, not run by the grader) " + line)
            else:
                lines.append(line)
        parts.append(f"# ---- code cell {i + 1}\n" + "\n".join(lines))
    return "\n\n".join(parts) + "\n", magics


@dataclass
class Prepared:
    """The .py file the sandbox imports, and what preparing it noted."""

    path: Path
    notes: list[str] = field(default_factory=list)
    _tmp: tempfile.TemporaryDirectory | None = None

    def cleanup(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


def prepare(path: Any) -> Prepared:
    """The submission's file, ready to import: a notebook becomes a .py in a private directory."""
    target = submission_file(path)
    if target.suffix != ".ipynb":
        return Prepared(target)
    source, magics = notebook_source(_read_limited(target), target.name)
    tmp = tempfile.TemporaryDirectory(prefix="derive-notebook-")
    out = Path(tmp.name) / (target.stem.replace("-", "_").replace(" ", "_") + ".py")
    out.write_text(source, encoding="utf-8")
    notes = [
        f"notebook {target.name}: code cells only"
        + (f", {magics} IPython magic line(s) commented out" if magics else "")
    ]
    return Prepared(out, notes, tmp)
