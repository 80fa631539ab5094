r"""A step that specializes an index to the values its other side writes: ``\frac{e^{z_i}}{\sum_{c=1}^C
e^{z_c}} = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}`` ("when C = 2", a Chinese note showing that the
softmax of two classes is the sigmoid).

The left side is the softmax's entry i for any i; the right side is its entry 1, written out. A
reader takes the line as the case i = 1 (the next lines divide by e^{z_1}); judged for every i it
fails at i = 2 and was called wrong (the seventeenth hunt's rerun). Where a counterexample's free
index letter stands on one side only and the other side writes the same family at numbers instead
(``z_i`` beside ``z_1``, ``z_2``), the step is weighed again at each of those numbers: if it holds
at one, it is the case the document may mean and the verdict is inconclusive, saying so. A step
wrong at every written number stays wrong (``e^{z_i}/\sum_c e^{z_c} = e^{z_1}/(e^{z_1} - e^{z_2})``);
a step stated under conditions is left alone (they were checked).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["SPECIALIZED", "specialized_indices"]

SPECIALIZED = (
    "; but it holds with {} = {}, a value its other side writes in the index's place (the case the document may mean)"
)


#: a base with a one-letter or numeric subscript: z_i, z_{1}, \theta_2
_SUBSCRIPTED = re.compile(r"(\\?[A-Za-z]+)\s*_\s*(?:\{\s*([A-Za-z]|\d+)\s*\}|([A-Za-z]|\d))")


def _subscripts(side: str) -> list[tuple[str, str]]:
    """(base, subscript) of each name with a one-letter or numeric subscript in a side."""
    return [(base, braced or bare) for base, braced, bare in _SUBSCRIPTED.findall(side)]


def specialized_indices(step: Step, counterexample: dict[str, Any] | None) -> list[tuple[Step, str]]:
    """The step under ``letter = n`` for each number n its other side writes in the place of a free
    index letter that only one side writes (with the why to give if it then holds), else []."""
    if not counterexample or step.conditions:
        return []
    # the free index letters the counterexample gave values ("where": "C = 2, i = 2")
    where = re.findall(r"(?<![A-Za-z\\])([a-z])\s*=\s*\d+", str(counterexample.get("where", "")))
    letters = [i for i in [*counterexample.get("indices", ()), *where] if len(i) == 1 and i.isalpha()]
    out: list[tuple[Step, str]] = []
    for letter in letters:
        for one, other in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
            bases = {base for base, sub in _subscripts(one) if sub == letter}
            theirs = _subscripts(other)
            if not bases or any(sub == letter for _, sub in theirs):
                continue
            numbers = sorted({sub for base, sub in theirs if base in bases and sub.isdigit()}, key=int)
            out += [(replace(step, conditions=(f"{letter} = {n}",)), SPECIALIZED.format(letter, n)) for n in numbers]
    return out
