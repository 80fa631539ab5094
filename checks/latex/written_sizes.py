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
    no summed family is written by number that far, or the sums run over different families."""
    names = set().union(*(n.symbol_names for n in norms))
    indices = {index for n in norms for index, _, _ in n.sums.values()}
    by_letter = [m for name in names if (m := re.fullmatch(r"(.+)_\{([a-z])\}", name))]
    summed = {m.group(1) for m in by_letter if m.group(2) in indices}
    by_number = [m for name in names if (m := re.fullmatch(r"(.+)_\{(\d)\}", name))]
    numbered = [int(m.group(2)) for m in by_number if m.group(1) in summed]
    top = max(numbered, default=0)
    return top if 3 <= top <= 6 and len(summed) == 1 else None


def numbered_size(norms: list[Normalized]) -> int | None:
    """The one number every sum of the step runs to from 1 (``\\sum_{k=1}^{2}``: 2), between 2 and
    6; None when the step has no such sum, or sums to different numbers or to a letter."""
    bounds = {(start, end) for n in norms for _, start, end in n.sums.values()}
    if len(bounds) != 1:
        return None
    start, end = next(iter(bounds))
    return int(end) if start == 1 and end.isdigit() and 2 <= int(end) <= 6 else None
