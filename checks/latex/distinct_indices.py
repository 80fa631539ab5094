r"""A step refuted only where two of its index letters are equal may be meant for them apart.

``\frac{\partial}{\partial x_i}\frac{e^{x_z}}{\sum_j e^{x_j}} = -\frac{e^{x_z} e^{x_i}}{(\sum_j
e^{x_j})^2}`` under "For not $i$ th item, denote by $z$": the off-diagonal case of the softmax
Jacobian, its condition said in words the condition reader does not take. Judged over every i and
z it fails at i = z, and was called wrong. A counterexample at two equal index values is weighed
again with those indices apart (``z \neq i`` as the step's condition): if the step then holds, it
is the case the document may well mean, and the verdict is inconclusive, saying so. A step wrong
for distinct indices too stays wrong; a step stated under conditions already is left alone (they
were checked).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["DISTINCT", "distinct_indices"]

DISTINCT = (
    "; but only where two of its indices are equal: with them apart the step holds (the case the"
    " document may mean, its condition unstated or not read)"
)


def distinct_indices(step: Step, counterexample: dict[str, Any] | None) -> Step | None:
    """The step with its counterexample's equal index letters made distinct, or None."""
    if not counterexample or step.conditions:
        return None
    letters = [i for i in counterexample.get("indices", ()) if len(i) == 1 and i.isalpha()]
    point = counterexample.get("point", {})
    for k, a in enumerate(letters):
        for b in letters[k + 1 :]:
            if a in point and point.get(a) == point.get(b):
                return replace(step, conditions=(f"{a} \\neq {b}",))
    return None
