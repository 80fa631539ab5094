"""A class's submissions: which paths are submissions, and grading them (in parallel with
``jobs`` > 1). A grader bug or a dead worker costs the submissions concerned, never the class
report.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from derive.checks.grading.records import GradeResult, error_result
from derive.checks.grading.submissions import is_regular_file

from derive.errors import DeriveError

__all__ = ["SUFFIXES", "collect", "grade_all"]

SUFFIXES = (".py", ".ipynb")


def _holds_submission(directory: Path) -> bool:
    return any(p.suffix in SUFFIXES and is_regular_file(p) for p in directory.rglob("*"))


def collect(paths: tuple[Path, ...] | list[Path], single: bool) -> list[tuple[Path, str]]:
    """(path, label) of every submission: a .py file or notebook; in a directory, each such
    file and each sub-directory holding one (or, with ``single``, the directory itself).
    Raises DeriveError (exit 2) for a path that is missing or neither a regular file nor a
    directory (a FIFO, a device: reading those would block or never end)."""
    found: list[tuple[Path, str]] = []
    for path in dict.fromkeys(paths):  # a path given twice is graded once
        if not path.exists():
            raise DeriveError(f"{path}: no such file or directory")
        if not path.is_dir():
            if not is_regular_file(path):
                raise DeriveError(f"{path}: not a regular file (a FIFO or a device?)")
            if path.suffix not in SUFFIXES:
                raise DeriveError(f"{path}: a submission is a .py file, a notebook (.ipynb) or a directory of them")
            found.append((path, str(path)))
        elif single:
            found.append((path, str(path)))
        else:
            entries = sorted(p for p in path.iterdir() if not p.name.startswith((".", "__")))
            subs = [
                p
                for p in entries
                if (p.suffix in SUFFIXES and is_regular_file(p)) or (p.is_dir() and _holds_submission(p))
            ]
            if not subs:
                raise DeriveError(f"{path}: holds no submissions (.py files, notebooks or directories with one)")
            found += [(p, str(p)) for p in subs]
    return list(dict.fromkeys(found))


def grade_one(args: tuple[Path, str, dict[str, Any]]) -> GradeResult:
    from derive.checks.grading.grader import grade_path
    from derive.checks.grading.rubric import apply_rubric

    path, label, options = args
    try:
        return grade_path(path, label, **options)
    except Exception as exc:  # noqa: BLE001 -- a grader bug must cost one submission, never the class report
        error = RuntimeError(f"internal grader error ({type(exc).__name__}: {exc}); please report it")
        return apply_rubric(error_result(label, error), options.get("rubric"))


def grade_all(
    submissions: list[tuple[Path, str]], options: dict[str, Any], jobs: int, advance: Callable[[], None] = lambda: None
) -> list[GradeResult]:
    """Every submission's result, in the order given; ``advance`` is called after each."""
    work = [(path, label, options) for path, label in submissions]
    results: dict[str, GradeResult] = {}
    if jobs == 1 or len(work) == 1:
        for item in work:
            results[item[1]] = grade_one(item)
            advance()
        return [results[label] for _, label in submissions]
    import multiprocessing

    # spawn: the workers start clean (no copy of a progress bar's thread or of locks).
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(grade_one, item): item[1] for item in work}
        for future in as_completed(futures):
            label = futures[future]
            try:
                results[label] = future.result()
            except Exception as exc:  # noqa: BLE001 -- a dead worker (BrokenProcessPool) costs its submissions only
                error = RuntimeError(f"internal grader error ({type(exc).__name__}: {exc})")
                from derive.checks.grading.rubric import apply_rubric

                results[label] = apply_rubric(error_result(label, error), options.get("rubric"))
            advance()
    return [results[label] for _, label in submissions]
