r"""Entries a step writes by number fix how long the vector is meant to be.

``\|x\| = \sqrt{x_1^2 + x_2^2}`` (a vector of the plane, ``x = (x_1, x_2)``) was refuted as matrices
at the judge's own size d = 4: the left side summed four entries, the right side the two the step
writes. A step that names a vector's entries by number, up to x_k, and uses the vector whole
cannot be refuted at a length beyond k that the document never fixed: the author may mean a
k-vector. Such a difference is inconclusive, saying so. A length the document fixes (v ∈ ℝ^3)
stands: there ``\|v\|^2 = v_1^2 + v_2^2`` is wrong.
"""

from __future__ import annotations

from typing import Any

__all__ = ["forget_numbered", "note_numbered_entry", "numbered_short"]

_KEY = "numbered"  # world.flags[_KEY]: {vector name: (highest entry written, its length in the draw)}


def note_numbered_entry(world: Any, stem: str, sub: str, shape: tuple[int, ...]) -> None:
    """Remember that the step takes entry ``sub`` (a number) of ``stem``, if it is a vector."""
    dims = [n for n in shape if n > 1]
    if not sub.isdigit() or len(dims) != 1:
        return
    length = dims[0]
    seen: dict[str, tuple[int, int]] = world.flags.setdefault(_KEY, {})
    top = max(int(sub), seen.get(stem, (int(sub), length))[0])
    seen[stem] = (top, length)


def forget_numbered(world: Any, stems: set[str]) -> None:
    """The step also writes these vectors' last entries by their length's letter (s_1, s_2 and s_K
    of a matrix with ellipses): their numbered entries do not fix a shorter length."""
    seen = world.flags.get(_KEY, {})
    for stem in stems & set(seen):
        del seen[stem]


def numbered_short(worlds: list[Any], bad: list[Any]) -> str | None:
    """Why a difference may come from the judge's lengths: a vector whose entries the step writes
    only up to a number below its length in a draw where the sides differ (``x_2`` of a 4-vector),
    a length the judge chose (it differs between draws; a length the document fixes is the same in
    every draw and stands), and in no draw at the written length do the sides differ (there the
    step is read as written: ``x = [x_1; 2 x_2]`` is wrong). None if there is none."""
    lengths: dict[str, set[int]] = {}
    for world in worlds:
        for stem, (_, length) in world.flags.get(_KEY, {}).items():
            lengths.setdefault(stem, set()).add(length)
    for world in bad:
        for stem, (top, length) in sorted(world.flags.get(_KEY, {}).items()):
            written = top - world.origin + 1
            at_written = any(w.flags.get(_KEY, {}).get(stem, (0, 0))[1] == written for w in bad)
            if written < length and len(lengths[stem]) > 1 and not at_written:
                why = f"the step writes {stem}'s entries up to {stem}_{top} and the judge's {stem} has {length}"
                return f"{why}: it may mean {stem} with {written} entries"
    return None
