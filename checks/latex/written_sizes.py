"""The size a step writes out: ``\\sum_j e^{z_j} = e^{z_1} + e^{z_2} + e^{z_3}`` (three classes in a
worked example) is judged at size 3, the only size at which both sides name the same entries.
The scalar judge otherwise expands sums at sizes 2 and 3, where such a step can only be
inconclusive (z_3 does not exist at size 2).

A step whose sums all run to one number (``G = 1 - \\sum_{k=1}^{2} p_k^2``, the Gini impurity of a
two-class node) is at that size too: a name it uses whose definition sums to a letter (``G = 1 -
\\sum_{k=1}^N p_k^2``) is meant at that many terms here, not at the judge's default size 3."""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Normalized

__all__ = ["numbered_size", "written_size"]


def written_size(norms: list[Normalized]) -> int | None:
    """``\\sum_j e^{z_j} = e^{z_1} + e^{z_2} + e^{z_3}``: a step that writes a summed family's
    entries by number, up to 3 or more, is at that size (three classes in a worked example);
    at sizes 2 and 3 it could only be inconclusive (z_3 does not exist at size 2). None when
    no summed family is written by number that far, or the sums run over different families.

    A sum with a shifted range (``\\sum_{k=0}^{K-1} e^{a_k} = e^{a_0} + e^{a_1} + e^{a_2}``, the
    zero-based sums of a NumPy-minded write-up) is at the size whose range is the entries
    written: K - 1 = 2, so K = 3 (at K = 2 a_2 does not exist, at K = 4 a_3 is missing)."""
    names = set().union(*(n.symbol_names for n in norms))
    indices = {index for n in norms for index, _, _ in n.sums.values()}
    by_letter = [m for name in names if (m := re.fullmatch(r"(.+)_\{([a-z])\}", name))]
    summed = {m.group(1) for m in by_letter if m.group(2) in indices}
    letters = {m.group(2) for m in by_letter if m.group(1) in summed and m.group(2) in indices}
    by_number = [m for name in names if (m := re.fullmatch(r"(.+)_\{(\d)\}", name))]
    numbered = [int(m.group(2)) for m in by_number if m.group(1) in summed]
    if len(summed) != 1 or not numbered:
        return None
    top = max(numbered)
    ranges = _ranges(norms, letters) - {(1, 0)}
    if not ranges:  # Σ_j, Σ_{j=1}^{K}: the last entry written is the size
        return top if 3 <= top <= 6 else None
    if len(ranges) != 1 or len(_ranges(norms, letters)) != 1:
        return None  # the family's sums run over different ranges: which size is meant is open
    start, shift = next(iter(ranges))
    # a shifted range: the entries written must be the whole range, from its start
    count = top - start + 1
    size = top - shift
    return size if min(numbered) == start and 3 <= count <= 6 and 2 <= size <= 6 else None


def _ranges(norms: list[Normalized], letters: set[str]) -> set[tuple[int, int]]:
    """(start, shift of the end) of every sum over one of ``letters`` whose end is a size name or
    unwritten: Σ_{k=0}^{K-1} → (0, -1), Σ_j → (1, 0). A sum to a number is no size's range."""
    return {
        (start, norm.sum_shifts.get(n, 0))
        for norm in norms
        for n, (index, start, end) in norm.sums.items()
        if index in letters and not end.isdigit()
    }


def numbered_size(norms: list[Normalized]) -> int | None:
    """The one number every sum of the step runs to from 1 (``\\sum_{k=1}^{2}``: 2), between 2 and
    6; None when the step has no such sum, or sums to different numbers or to a letter."""
    bounds = {(start, end) for n in norms for _, start, end in n.sums.values()}
    if len(bounds) != 1:
        return None
    start, end = next(iter(bounds))
    return int(end) if start == 1 and end.isdigit() and 2 <= int(end) <= 6 else None
