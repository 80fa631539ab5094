r"""``[\vec{R}\cdot\vec{P}, H] = -[H, \vec{R}\cdot\vec{P}]``: a bracket turned round, a commutator.

Quantum mechanics opens a commutator so: ``[A, B] = -[B, A]``, the antisymmetry of the commutator
(and of a Lie bracket, a Poisson bracket). Read as a row of two values, as machine-learning notes
write ``[\delta_1, \delta_2]`` (norm_tuples), the step says A = −B entry by entry and was refuted;
nobody writes a row equal to minus its own entries swapped.

A ``wrong`` step whose one side is a square bracket of two entries and whose other side is the
same bracket with its entries swapped and a minus sign before it is held back, inconclusive,
saying so: what the bracket is, the document does not say where the step can see. ``[A, B] =
[B, A]`` (false for a commutator, unless A and B commute) and a row equal to another row
(``[a, b] = [b, c]``) are read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_swapped_brackets", "swapped_pair"]

_WHY = (
    "; but one side is the other's bracket with its entries swapped, as a commutator is opened "
    "([A, B] = −[B, A]): read as a row of two values it is refuted, and what the bracket is is not stated"
)


def _pair(side: str) -> tuple[str, str] | None:
    """The two entries of a side that is one square bracket ``[X, Y]`` (``\\left[ … \\right]``), or None."""
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])", "", side).strip()
    if not (text.startswith("[") and text.endswith("]")):
        return None
    depth, cut = 0, None
    for k, ch in enumerate(text[1:-1], start=1):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return None  # the first bracket closes before the end: [a] + [b]
        if ch == "," and depth == 0:
            if cut is not None:
                return None  # three entries
            cut = k
    if cut is None or depth != 0:
        return None
    return text[1:cut].strip(), text[cut + 1 : -1].strip()


def _same(one: str, other: str) -> bool:
    return re.sub(r"\s+", "", one) == re.sub(r"\s+", "", other)


def swapped_pair(lhs: str, rhs: str) -> bool:
    """Is one side ``[X, Y]`` and the other ``-[Y, X]``?"""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        negated = re.match(r"\s*-\s*", other)
        first = _pair(one)
        second = _pair(other[negated.end() :]) if negated else None
        if first and second and _same(first[0], second[1]) and _same(first[1], second[0]):
            return not _same(first[0], first[1])
    return False


def hold_swapped_brackets(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each wrong step ``[A, B] = -[B, A]`` held back (module docstring)."""
    return hold_wrongs(judged, lambda r: _WHY if swapped_pair(r.step.lhs, r.step.rhs) else None)
