r"""A worked example's latest values, to confirm a step: ``w = 0.5``, an update ``w = 0.3``, then
``w x = 0.3 \cdot 2``.

A name given a number and then another (an update in a worked example) has two values by the
step; which one it means is the reader's guess, so the step is judged with the name free and, if
that fails, left inconclusive ("has more than one value … not judged"). A reader takes the value
written last before the step, as the example goes on. That reading is tried here for such steps,
and only to confirm: where the step holds with every such name at its latest value (and the names
defined from them at their definitions, evaluated with it), it is ``ok``, saying with which values;
anything else stays as it was here (the first value may be the one meant).

Then each step still held for ONE such name is judged with every number the document gave it
before the step (the first and each update): wrong with each, it is wrong whichever value is meant,
and for the name free too (what holds for every value holds for each), so it is ``wrong``, saying
so with each counterexample (:func:`refute_with_every_value`). Not tried: a step that writes the
name alone on one side (the update itself), a name given a value that is no number before the
step, or several such names at once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.notation import identifier_name
from derive.checks.latex.restated_values import with_notation_values
from derive.checks.latex.results import StepResult
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed

from derive.errors import DeriveError

__all__ = ["confirm_with_latest", "refute_with_every_value"]

#: the note checker._hold_ambiguous gives a step it does not judge for a name's two values
_HELD = "has more than one value in the document by here"
#: numbers one name is judged with at most (each is one more judgement)
_MOST_VALUES = 4


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


def refute_with_every_value(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """Each step still held for ONE reassigned name judged again with every number the document
    gave that name before it: wrong with each, it is wrong whichever the author meant (and for the
    name free as well, since what holds for every value holds for each)."""
    tasks, where, values = [], [], []
    for k, result in enumerate(judged):
        if result.status != "inconclusive" or _HELD not in result.message:
            continue
        numbers = _every_number(document, result.step, again.notation)
        if numbers is None:
            continue
        name, given = numbers
        typed, scalar = document.for_step(result.step.line, result.step.column, result.step.rhs)
        try:
            read = [(parse_typed(v, again.notation), normalize(v, again.notation)) for v in given]
        except Unreadable:
            continue
        for value, (typed_value, scalar_value) in zip(given, read, strict=True):
            tasks.append((result.step, ({**typed, name: typed_value}, {**scalar, name: ("", scalar_value)})))
            where.append(k)
            values.append((name, value))
    verdicts: dict[int, list[tuple[tuple[str, str], dict[str, Any]]]] = {}
    for k, verdict, value in zip(where, again.run(tasks) if tasks else [], values, strict=True):
        verdicts.setdefault(k, []).append((value, verdict))
    out = list(judged)
    for k, each in verdicts.items():
        if all(verdict["status"] == "wrong" for _, verdict in each):
            name = each[0][0][0]
            said = "; ".join(f"with {name} = {value}, {verdict['message']}" for (_, value), verdict in each)
            why = f"{name} is given {len(each)} values before this step; wrong with each: {said}"
            wrong = replace(out[k], status="wrong", counterexample=each[-1][1]["counterexample"], message=why)
            out[k] = with_notation_values(wrong, document.fallback_for(wrong.step))  # as the first verdict was
    return out


def _every_number(document: Any, step: Any, notation: Notation) -> tuple[str, list[str]] | None:
    """(name, its numbers in order) for the one reassigned name the step uses (or reaches through
    a name defined from it), every value it was given before the step being a number; None for
    none or several such names, a value that is no number or a formula for the name anywhere, or a
    step that writes one name alone on a side (an update ``w = 0.3``, a new value ``z = 1 + 3``)."""
    at = (step.line, step.column)
    earlier = [r for r in document.reassigned if (r.line, r.column) < at]
    names = {r.name for r in earlier if document.step_uses(r, step)}
    if len(names) != 1:
        return None
    name = names.pop()
    mine = [r for r in earlier if r.name == name]
    # a formula for the name anywhere (z = θᵀx beside z = 0 in an example): it may mean that
    formula = any(r.name == name and not r.number for r in document.reassigned)
    formula = formula or any(r.name == name for r in document.redefined)
    if formula or _writes_a_name_alone(step, notation) or _name_written_as_number(step, name):
        return None
    given = list(dict.fromkeys([mine[0].before.strip(), *(r.number for r in mine)]))
    # one number given twice ("at z = 0" in two places): no choice between values to settle
    return (name, given) if 2 <= len(given) <= _MOST_VALUES else None


#: a number power at a side's end: the 2 of ``\\sigma^2``, ``\\sigma^{2}``
_NUMBER_POWER = re.compile(r"\^\s*(?:\{\s*\d+\s*\}|\d)\s*$")
#: a side that is a number as written (25, 0.5, -3)
_NUMBER = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")


def _writes_a_name_alone(step: Any, notation: Notation) -> bool:
    """Is one side of the step one name alone (``w = 0.5 - 0.1 \\cdot 2``, ``z = 1 + 3``), or a number
    power of one (``\\sigma^2 = 25`` in "Problem 1.7 … with β_0 = 100, β_1 = 20, and σ² = 25", after σ =
    10, 2.5 and 4 in earlier problems)? Such a line may give that name a new value for the example,
    not claim one."""
    for side, other in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
        # a power of a name is a new value only against a number (x^2 = x^2 + 1 claims; σ^2 = 25 gives)
        name = _NUMBER_POWER.sub("", side) if _NUMBER.fullmatch(other) else side
        try:
            identifier_name(name, notation=notation)
        except DeriveError:
            continue
        return True
    return False


#: a number as written in a side (37, 0.5)
_WRITTEN_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _name_written_as_number(step: Any, name: str) -> bool:
    """Is one side the other with the name written as one number wherever it stands (``N \\times N =
    37 \\times 37``, a caption's new grid size after N = 25 and N = 22 in earlier runs)? Such a line
    gives the name that number, in the form the other side has; it claims nothing about its old values."""
    pattern = re.compile(r"(?<![A-Za-z\\])" + re.escape(name) + r"(?![A-Za-z])")
    for side, other in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
        if pattern.search(side) is None:
            continue
        for number in set(_WRITTEN_NUMBER.findall(other)):
            if re.sub(r"\s+", "", pattern.sub(number, side)) == re.sub(r"\s+", "", other):
                return True
    return False
