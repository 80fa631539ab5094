r"""A step refuted only where two of its index letters are equal may be meant for them apart.

``\frac{\partial}{\partial x_i}\frac{e^{x_z}}{\sum_j e^{x_j}} = -\frac{e^{x_z} e^{x_i}}{(\sum_j
e^{x_j})^2}`` under "For not $i$ th item, denote by $z$": the off-diagonal case of the softmax
Jacobian, its condition said in words the condition reader does not take. Judged over every i and
z it fails at i = z, and was called wrong. Where the prose just before the step speaks of both
index letters (as math: "$i$", "$z$"), a counterexample at two equal values of them is weighed
again with those indices apart (``z \neq i`` as the step's condition): if the step then holds, it
is the case the document may well mean, and the verdict is inconclusive, saying so. Without such
prose the claim is for every i and z, and the off-diagonal form written for all of them (the δ_ij
term forgotten) stays wrong; a step wrong for distinct indices too stays wrong; a step stated
under conditions already is left alone (they were checked).
"""

from __future__ import annotations

import re
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
    spoken = [i for i in letters if _spoken_of(step.context, i)]
    for k, a in enumerate(spoken):
        for b in spoken[k + 1 :]:
            if a in point and point.get(a) == point.get(b):
                return replace(step, conditions=(f"{a} \\neq {b}",))
    return None


def _spoken_of(prose: str, letter: str) -> bool:
    """Does the prose write the letter in its inline math ("For not $i$ th item")?"""
    return any(re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", math) for math in re.findall(r"\$([^$]+)\$", prose))
