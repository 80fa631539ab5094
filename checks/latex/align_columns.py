r"""Equations set side by side in one row of an ``align``, one per pair of columns.

An ``align`` row is made of column pairs: ``&`` number 1, 3, 5 … aligns a relation inside an
equation, ``&`` number 2, 4 … starts the next equation. A batch-normalisation notebook (the
seventeenth hunt) writes its forward pass two equations a row:

    & \mu=\frac{1}{N}\sum_{k=1}^N x_k  &  v=\frac{1}{N}\sum_{k=1}^N (x_k-\mu)^2 \\

Read as one chain with the ``&`` dropped, its step ``\frac{1}{N}\sum x_k \; v = \frac{1}{N}\sum
(x_k-\mu)^2`` multiplied the mean by v and was called wrong. A row is cut at such an ``&`` only
where the part before it and the part after it each state an ``=`` of their own (outside braces)
and the part after does not start with one: ``A &=& B`` (eqnarray), ``A &= B && \text{(rule)}``
(a remark column), ``&= B & \text{if } x > 0`` and ``&= B, & \text{when } C = 2`` (a column opening
with a condition word) keep their row whole.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from derive.checks.latex.annotation_column import top_level
from derive.checks.latex.conditions import TRIGGERS

__all__ = ["equation_columns"]

#: a column that opens with a condition word (``& \text{when } C = 2``) is the condition of its row
_CONDITION = re.compile(
    r"(?:\\q?quad\s*)*(?:\\(?:text|mbox|textrm|mathrm)\s*\{\s*)?(?:"
    + "|".join(TRIGGERS)
    + r"|otherwise|else|si|für|falls|wenn|pour|para|cuando|donde|quando)\b",
    re.I,
)


class _Sliceable(Protocol):
    text: str

    def slice(self, start: int, end: int) -> _Sliceable: ...


Row = TypeVar("Row", bound=_Sliceable)


def equation_columns(row: Row) -> list[Row]:
    """The row's equations, cut at every second top-level ``&`` that starts one (see above)."""
    amps, equals = top_level(row.text, "&"), top_level(row.text, "=")
    if len(amps) < 2:
        return [row]
    parts: list[Row] = []
    start = 0
    for k in range(1, len(amps), 2):
        cut = amps[k]
        end = amps[k + 2] if k + 2 < len(amps) else len(row.text)
        after = row.text[cut + 1 : end].lstrip(" &\t\n")
        states = any(start <= e < cut for e in equals) and any(cut < e < end for e in equals)
        if states and not after.startswith("=") and not _CONDITION.match(after):
            parts.append(row.slice(start, cut))
            start = cut + 1
    parts.append(row.slice(start, len(row.text)))
    return parts
