r"""A derivative written with two index letters beside its diagonal twin is the off-diagonal case.

Softmax write-ups split the Jacobian into cases and number them rather than state them: "2:"
``\frac{\partial P_i}{\partial o_i} = P_i(1 - P_i)``, then "3:" ``\frac{\partial P_j}{\partial o_i}
= -P_j P_i``, with no "for j ≠ i" anywhere (a CSC411 report). Judged for every i and j, case 3
fails at i = j and was called wrong four times. A document that also writes the derivative with
the two letters made one (its diagonal twin, ``∂P_i/∂o_i``, anywhere in it) treats i = j as a case
of its own, so the step with both letters is meant for them apart: a ``wrong`` refuted only where
they are equal is judged again under ``j \neq i``, and held if it then holds
(:func:`hold_diagonal_twins`). Where the twin is absent the claim is for every i and j (the
off-diagonal form written for all of them, the δ_ij term forgotten, stays wrong), and a step wrong
with the letters apart stays wrong. distinct_indices does the same where the prose just before the
step writes both letters.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial
from typing import Any

from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import squeezed

__all__ = ["hold_diagonal_twins"]

#: index values in a counterexample's "where" (``size = 2, i = 1, j = 1``): one-letter names only
_INDEX_VALUE = re.compile(r"(?<![A-Za-z_\\])([A-Za-z]) = (-?\d+)")
#: a derivative's head: the step's left side starts with one (\frac{\partial P_j}{\partial o_i}, ∂P_j/∂o_i)
_DERIVATIVE = re.compile(r"\\partial|\\frac\s*\{\s*d|\bd\s*/\s*d")


_squeeze = partial(squeezed, spacing=True)  # squeezed_text: names compared as written


def _as_letter(text: str, old: str, new: str) -> str:
    """``text`` with the index letter ``old`` written ``new`` (a lone letter: not inside a command
    or a longer name)."""
    return re.sub(rf"(?<![A-Za-z\\]){old}(?![A-Za-z])", new, text)


def _equal_pairs(result: StepResult) -> list[tuple[str, str]]:
    """The pairs of index letters the counterexample sets equal (i = 1, j = 1), in order."""
    where = str((result.counterexample or {}).get("where", ""))
    values = _INDEX_VALUE.findall(where)
    return [(a, b) for k, (a, x) in enumerate(values) for b, y in values[k + 1 :] if x == y]


def _twin(result: StepResult, heads: set[str]) -> tuple[str, str] | None:
    """The pair of equal letters whose diagonal twin the document writes, or None."""
    lhs = result.step.lhs
    if not _DERIVATIVE.search(lhs):
        return None
    for a, b in _equal_pairs(result):
        for old, new in ((a, b), (b, a)):
            twin = _squeeze(_as_letter(lhs, old, new))
            if twin != _squeeze(lhs) and twin in heads:
                return a, b
    return None


def hold_diagonal_twins(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that holds with its equal index letters apart held, where
    the document writes its diagonal twin (module docstring); ``document`` is a
    doc_definitions.DocumentDefinitions, ``again`` a rejudge.Rejudge."""
    heads = {_squeeze(r.step.lhs) for r in judged}
    tasks, where, pairs = [], [], []
    for k, result in enumerate(judged):
        if result.status != "wrong" or result.step.conditions:
            continue
        pair = _twin(result, heads)
        if pair is None:
            continue
        step = result.step
        definitions = document.for_step(step.line, step.column, step.rhs)
        tasks.append((replace(step, conditions=(f"{pair[0]} \\neq {pair[1]}",)), definitions))
        where.append(k)
        pairs.append(pair)
    if not tasks:
        return judged
    out = list(judged)
    for k, (a, b), verdict in zip(where, pairs, again.run(tasks), strict=True):
        if verdict["status"] == "ok":
            why = (
                f"; but only where {a} = {b}: with them apart the step holds, and the document writes the"
                f" case {a} = {b} as a derivative of its own (the case this step is meant for is {a} ≠ {b})"
            )
            out[k] = out[k].held(out[k].message + why)
    return out
