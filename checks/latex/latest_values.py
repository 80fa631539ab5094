r"""A worked example's latest values, to confirm a step: ``w = 0.5``, an update ``w = 0.3``, then
``w x = 0.3 \cdot 2``.

A name given a number and then another (an update in a worked example) has two values by the
step; which one it means is the reader's guess, so the step is judged with the name free and, if
that fails, left inconclusive ("has more than one value … not judged"). A reader takes the value
written last before the step, as the example goes on. That reading is tried here for such steps,
and only to confirm: where the step holds with every such name at its latest value (and the names
defined from them at their definitions, evaluated with it), it is ``ok``, saying with which values;
anything else stays as it was, never ``wrong`` (the first value may be the one meant).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed

__all__ = ["confirm_with_latest"]

#: the note checker._hold_ambiguous gives a step it does not judge for a name's two values
_HELD = "has more than one value in the document by here"


def confirm_with_latest(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """``judged`` with each step held for a reassigned name judged again with the latest numbers
    (module docstring); ``document`` is doc_definitions.DocumentDefinitions, ``again`` a Rejudge."""
    tasks, where, used = [], [], []
    for k, result in enumerate(judged):
        if result.status != "inconclusive" or _HELD not in result.message:
            continue
        latest = _latest_numbers(document, result.step)
        if not latest:
            continue
        typed, scalar = document.for_step(result.step.line, result.step.column, result.step.rhs)
        try:
            typed = {**typed, **{name: parse_typed(value, again.notation) for name, value in latest.items()}}
        except Unreadable:
            continue
        scalar = {**scalar, **{name: ("", normalize(value, again.notation)) for name, value in latest.items()}}
        tasks.append((result.step, (typed, scalar)))
        where.append(k)
        used.append(latest)
    if not tasks:
        return judged
    out = list(judged)
    for k, verdict, latest in zip(where, again.run(tasks), used, strict=True):
        if verdict["status"] == "ok":
            values = ", ".join(f"{name} = {value}" for name, value in sorted(latest.items()))
            why = f"holds with the latest values written before it ({values}): {verdict['message']}"
            out[k] = replace(out[k], status="ok", counterexample=None, message=why, method=verdict.get("method", ""))
    return out


def _latest_numbers(document: Any, step: Any) -> dict[str, str]:
    """name → its latest number before the step, for every reassigned name given one there."""
    latest: dict[str, str] = {}
    for again in sorted(document.reassigned, key=lambda r: (r.line, r.column)):
        if (again.line, again.column) < (step.line, step.column) and again.number:
            latest[again.name] = again.number
    return latest
