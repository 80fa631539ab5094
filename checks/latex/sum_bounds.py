"""Sums with shifted bounds: ``\\sum_{i=0}^{N-1}``, ``\\sum_{k=2}^{K+1}``, ``\\sum_{j=10}^{n}``.

A start is a small integer (``0``, ``2``, ``-1``, ``10``); an end may be a size name plus or minus a
small integer. The sum is recorded with its size name as the end (so N itself, wherever the step
uses it, is the size the checker expands at) and the integer as a shift of that end: at size N the
index runs from the start to N + shift. Anything else keeps the reason it is not read.

A step with such a sum (or any sum ending in a size name) has its free indices take only the
values every size-bounded sum of the step runs over (x_k against Σ_{i=0}^{N-1} x_i: k in 0..N-1,
never N, which no sum reaches), N on either side (1/N, x_N) is the size, and a size at which a sum
would run backwards past empty (Σ_{i=3}^{N-1} at N = 2: the writer assumes N ≥ 3) is not evidence
either way.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

#: a normalised side (normalize.Normalized; not imported: normalize reads its sums through this module)
Normalized = Any

__all__ = [
    "MAX_BOUND",
    "end_shift",
    "expansions",
    "free_values",
    "read_start",
    "shifted",
    "size_fits",
    "sized_letters",
    "unsized",
]

#: The largest start or shift read (a sum from 100 is not a small expansion).
MAX_BOUND = 20

_INT = re.compile(r"\d+")


def read_start(toks: list[str]) -> int | None:
    """The start of ``i=0``, ``i=10``, ``i=-1`` (tokens after the =), or None."""
    sign = 1
    if len(toks) == 2 and toks[0] == "-":
        sign, toks = -1, toks[1:]
    if len(toks) != 1 or not _INT.fullmatch(toks[0]) or int(toks[0]) > MAX_BOUND:
        return None
    return sign * int(toks[0])


def end_shift(rest: list[str]) -> int | None:
    """The shift of an end's tokens after its size name: ``- 1`` → -1, ``+ 2`` → 2, or None."""
    if len(rest) != 2 or rest[0] not in ("+", "-") or not _INT.fullmatch(rest[1]):
        return None
    value = int(rest[1])
    if value > MAX_BOUND:
        return None
    return value if rest[0] == "+" else -value


def shifted(norms: list[Normalized]) -> bool:
    """Does the step have a sum this module reads (a shifted end, a start other than a digit) or
    one whose end is a size name? Such steps get the free-index range, the size guard and N as
    the size on both sides below; steps whose sums all end in numbers are expanded as before.
    (Measured: 1/m on the left of Σ_{i=1}^{m} dw^{(i)} read as the size took held-out 109 -> 111.)"""
    return any(norm.sum_shifts for norm in norms) or any(
        upper and not upper.isdigit() for norm in norms for _, _, upper in norm.sums.values()
    )


def _bounds(norms: list[Normalized], size: int) -> list[tuple[int, int]]:
    """(start, end) at this size of every sum whose end is a size name."""
    out = []
    for norm in norms:
        for n, (_, lower, upper) in norm.sums.items():
            if upper and not upper.isdigit():
                out.append((lower, size + norm.sum_shifts.get(n, 0)))
    return out


def size_fits(norms: list[Normalized], size: int) -> bool:
    """False when a size-bounded sum would run backwards past empty at this size (its start more
    than one past its end): the writer assumes a larger size there."""
    return all(lower <= end + 1 for lower, end in _bounds(norms, size))


def free_values(norms: list[Normalized], size: int) -> range:
    """The values a free index takes at this size: those every size-bounded sum runs over."""
    bounds = _bounds(norms, size)
    if not bounds:
        return range(1, size + 1)
    return range(max(lo for lo, _ in bounds), min(hi for _, hi in bounds) + 1)


def sized_letters(norms: list[Normalized], size: int) -> dict[str, int]:
    """Size names that are one letter, each at this size: in a step with a shifted sum, N on the
    other side and the subscript of x_n (Σ_{i=1}^{n-1} x_i + x_n) are the size, never a free index."""
    names = {upper for norm in norms for _, _, upper in norm.sums.values() if upper and not upper.isdigit()}
    return {name: size for name in names if len(name) == 1 and name.isalpha()}


def unsized(norms: list[Normalized], free: list[str]) -> list[str]:
    """The free indices of a step, less its one-letter size names when it has a shifted sum."""
    if not shifted(norms):
        return free
    return [f for f in free if f not in sized_letters(norms, 0)]


def expansions(
    norms: list[Normalized], free: list[str], sizes: tuple[int, ...]
) -> Iterator[tuple[int, dict[str, int], dict[str, int]]]:
    """(size, free index values, size letters' values) of every instance a step is expanded at:
    as before, indices in 1..size, for a step without a shifted sum; with one, indices in the
    range its sums share and sizes at which no sum runs backwards, with N = size."""
    new_shape = shifted(norms)
    for size in sizes:
        if new_shape and not size_fits(norms, size):
            continue  # a sum that would run backwards here: the writer assumes a larger size
        values = free_values(norms, size) if new_shape else range(1, size + 1)
        fixed = sized_letters(norms, size) if new_shape else {}
        for chosen in itertools.product(values, repeat=len(free)):
            yield size, dict(zip(free, chosen, strict=True)), fixed
