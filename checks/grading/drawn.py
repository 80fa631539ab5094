"""The Hypothesis-drawn problems of a grade, drawn once per (seed, examples) and remembered.

Why: with ``@seed`` and no failing example, Hypothesis's generate phase is deterministic: it
draws the same problems for the same seed, Hypothesis version and strategy whatever the
submission returns. Importing Hypothesis and running its engine is about a quarter of a cold
``derive grade FILE``'s CPU time, yet a passing submission only needs the problems. So the
grader asks here for the list first (``cached``), runs it without Hypothesis and calls on
Hypothesis only when a problem fails, to reproduce that failure and shrink it (the same draws,
so the same first failure; see ``derive.checks.grading.grader``).

Where: memory (a class's worker grades many submissions) and a file under
``$XDG_CACHE_HOME/derive`` (``~/.cache/derive``), named by everything that decides the draws:
seed, examples, Hypothesis's version and the strategy's source (problems.py). A file that is
missing, unreadable or malformed is ignored and drawn again; a directory that cannot be
written leaves the memory cache only. ``DERIVE_DRAWN_CACHE=0`` turns the file off.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from importlib.util import find_spec
from pathlib import Path

import numpy as np
from derive.checks.grading import problems as problems_module
from derive.checks.grading.problems import DEFAULT_REGS, PARAMETERS, Problem, mlp_problems

__all__ = ["cache_file", "cached", "collect", "drawn_problems"]

_MEMORY: dict[tuple[int, int], list[Problem]] = {}
#: The version of the file's layout; a new one makes old files unread (their names differ).
_FORMAT = 1


def drawn_problems(seed: int, examples: int) -> list[Problem]:
    """The problems Hypothesis draws for ``seed`` and ``examples`` when none fails, distinct, in
    the order drawn: from memory, the cache file, or Hypothesis (then remembered)."""
    found = cached(seed, examples)
    if found is not None:
        return found
    found = _read_only(collect(seed, examples))
    _MEMORY[(seed, examples)] = found
    _store(seed, examples, found)
    return found


def cached(seed: int, examples: int) -> list[Problem] | None:
    """The remembered problems, or None when they must be drawn."""
    if (seed, examples) in _MEMORY:
        return _MEMORY[(seed, examples)]
    path = cache_file(seed, examples)
    if path is None or not path.is_file():
        return None
    found = _load(path)
    if found is not None:
        _read_only(found)
        _MEMORY[(seed, examples)] = found
    return found


def collect(seed: int, examples: int) -> list[Problem]:
    """Hypothesis's draws with a property that never fails: the generate phase only (no
    shrinking happens without a failure), under the settings the grader's own property uses."""
    if examples <= 0:
        return []
    from hypothesis import given
    from hypothesis import seed as hypothesis_seed

    seen: dict[bytes, Problem] = {}

    @hypothesis_seed(seed)
    @grading_settings(examples)
    @given(mlp_problems())
    def prop(problem: Problem) -> None:
        seen.setdefault(problem_key(problem), problem)

    prop()
    return list(seen.values())


def grading_settings(examples: int):  # -> hypothesis.settings (imported only when drawing)
    """The settings of every Hypothesis run of a grade: the draws depend on them, so the cached
    list and the grader's shrinking run must share one definition."""
    from hypothesis import HealthCheck, Phase, Verbosity, settings

    return settings(
        max_examples=examples,
        database=None,  # never a .hypothesis directory where the user runs derive
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
        print_blob=False,
    )


def problem_key(problem: Problem) -> bytes:
    """Equal for problems with equal arrays (the grader's memo of what the submission returned)."""
    parts = [problem.X, problem.y.astype(float), np.array([problem.reg])] + [problem.params[k] for k in PARAMETERS]
    return b"|".join(np.ascontiguousarray(p).tobytes() + str(p.shape).encode() for p in parts)


def cache_file(seed: int, examples: int) -> Path | None:
    """The cache file's path for these draws, or None when the file cache is off."""
    if os.environ.get("DERIVE_DRAWN_CACHE", "1") == "0":
        return None
    spec = find_spec("hypothesis")  # not importlib.metadata: its lookup alone costs ~0.08 s
    if spec is None or spec.origin is None:
        return None
    try:  # the installed Hypothesis's own version file: another version draws other problems
        hypothesis_version = (Path(spec.origin).parent / "version.py").read_bytes()
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home directory ("~" unexpanded): never a cache under the cwd
        return None
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}|{seed}|{examples}|".encode() + hypothesis_version)
    digest.update(Path(problems_module.__file__).read_bytes())  # the strategy decides the draws
    return Path(base) / "derive" / f"drawn-{digest.hexdigest()[:24]}.npz"


def _read_only(found: list[Problem]) -> list[Problem]:
    """Remembered problems are shared by every grade of the process, as the fixed problems are
    (problems.py): read-only arrays, so no grade can change what the next one sees."""
    for p in found:
        for array in (p.X, p.y, *p.params.values()):
            array.setflags(write=False)
    return found


def _store(seed: int, examples: int, found: list[Problem]) -> None:
    """Write the file atomically (another worker may read it at the same moment); any OSError
    leaves the memory cache only: the cache saves time, it decides nothing."""
    path = cache_file(seed, examples)
    if path is None:
        return
    arrays: dict[str, np.ndarray] = {"count": np.array([len(found)])}
    for i, p in enumerate(found):
        arrays.update({f"{i}_{k}": p.params[k] for k in PARAMETERS})
        arrays.update({f"{i}_X": p.X, f"{i}_y": p.y, f"{i}_reg": np.array([p.reg])})
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".drawn-", suffix=".npz")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, **arrays)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def _load(path: Path) -> list[Problem] | None:
    """The problems of a cache file, or None for anything but a well-formed file (no pickles)."""
    try:
        with np.load(path, allow_pickle=False) as data:
            found = []
            for i in range(int(data["count"][0])):
                params = {k: np.array(data[f"{i}_{k}"], dtype=float) for k in PARAMETERS}
                X, y = np.array(data[f"{i}_X"], dtype=float), np.array(data[f"{i}_y"], dtype=int)
                reg = float(data[f"{i}_reg"][0])
                found.append(Problem("drawn", params, X, y, reg, tags=("drawn",)))
    except (OSError, EOFError, KeyError, ValueError, IndexError, TypeError, zipfile.BadZipFile):
        return None
    return found if all(_consistent(p) for p in found) else None


def _consistent(p: Problem) -> bool:
    """Shapes that fit together and finite values: a damaged file is drawn again, not graded."""
    W1, b1, W2, b2 = (p.params[k] for k in PARAMETERS)
    if p.X.ndim != 2 or b1.ndim != 1 or b2.ndim != 1 or p.y.ndim != 1:
        return False
    (n, d), h, c = p.X.shape, b1.shape[0], b2.shape[0]
    return (
        W1.shape == (d, h)
        and W2.shape == (h, c)
        and p.y.shape == (n,)
        # values the strategy can draw (multiples of 1/4 within ±2, a listed penalty): a file
        # written by anything but this module holds no arbitrary problems
        and all(bool(np.all((np.abs(a) <= 2) & (a * 4 == np.round(a * 4)))) for a in (p.X, W1, b1, W2, b2))
        and p.reg in DEFAULT_REGS
        and bool(np.all((p.y >= 0) & (p.y < c)))
    )
