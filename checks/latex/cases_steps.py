r"""A step onto a ``cases`` environment is one step per case: ``\frac{\partial L}{\partial \lambda_i}
= \begin{cases} S_y - 1 & \text{si } i = y \\ S_i & \text{si } i \neq y \end{cases}``.

A reader checks each case under its condition, and a wrong case is the one to point at; the
whole environment judged as one Piecewise hid which row was wrong, and rows holding chains of
their own (``-\frac{\sigma'(u_j)}{\sigma(u_j)} = \sigma(u_j) - 1 & \text{for } j = j^*``) were not
read at all. So such a step (an environment written over several lines) is followed, for each
row, by the left side = the row's value under the row's condition, placed at the row (and each
``=`` inside the row a step under it too). Two
cases environments side by side with the same conditions (``= \begin{cases} … \end{cases} =
\begin{cases} … \end{cases}``, a derivation carried on case by case) are compared row by row.

Only where every row's condition is read: a relation as conditions.as_conditions reads it (with
the trigger words of any language it knows), or "otherwise" (sinon, sonst …) for the last row
when the one other row has one condition to negate. Anything else keeps the whole step as it
was: a row judged without its condition could be called wrong where it is not meant.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.conditions import as_conditions
from derive.checks.latex.steps import Step
from derive.checks.latex.tex_names import says_otherwise

__all__ = ["case_by_case", "per_case_steps"]

#: a cases environment, or an array opened by \left\{ and closed by \right. (brace_cases.py)
_ENVIRONMENT = re.compile(
    r"\\begin\{cases\*?\}(?P<body>.*)\\end\{cases\*?\}"
    r"|\\left\s*\\\{\s*\\begin\{array\}\s*\{[lcr|]+\}(?P<array>.*)\\end\{array\}\s*\\right\s*\.?",
    re.S,
)
_NEGATION = {"=": r"\neq", r"\neq": "=", ">": r"\leq", r"\leq": ">", "<": r"\geq", r"\geq": "<"}
#: (value, its index in the side's text, condition text) of one case
Case = tuple[str, int, str]


def per_case_steps(steps: list[Step]) -> list[Step]:
    """The steps, each one onto a cases environment laid out over lines followed by its steps case
    by case. The whole step stays: it is what the document writes, and a reader who counts it as
    one step finds it at its line. An environment on one line is left whole (its cases would be
    steps on the same line as the whole, which the reader sees as one)."""
    out: list[Step] = []
    for step in steps:
        cases = _case_steps(step) or []
        out.extend([step, *cases] if any(case.line != step.line for case in cases) else [step])
    return out


def case_by_case(step: Step, out: dict[str, Any], judge: Callable[[Step], dict[str, Any]]) -> dict[str, Any]:
    """A step with one side a cases environment that was not read whole (``unparsed``: a condition
    the Piecewise reader does not take, such as a label's value ``y = 1``, or an index equality whose
    letters index nothing), judged row by row: the other side = the row's value, under the row's
    condition (each ``=`` inside a row a step of its own). ``ok`` when every row holds; ``wrong``
    when one row is refuted (under its condition, which the judges take as an assumption: a
    counterexample outside it is never one); else ``inconclusive`` naming the first row not judged.
    A side whose conditions are not all read keeps the first verdict."""
    if out["status"] != "unparsed" or step.relation != "=":
        return out
    rows = _rows(step)
    if not rows:
        return out
    verdicts = [(row, judge(row)) for row in rows]
    for row, again in verdicts:
        if again["status"] == "wrong":
            return {**again, "message": f"in the case {_said(row)}, {row.lhs} = {row.rhs}: {again['message']}"}
    if all(again["status"] == "ok" for _, again in verdicts):
        said = "; ".join(f"{_said(row)}: {again['message']}" for row, again in verdicts)
        return {**out, "status": "ok", "counterexample": None, "message": f"case by case ({said})", "method": "cases"}
    row, again = next((r, a) for r, a in verdicts if a["status"] != "ok")
    if all(a["status"] == "unparsed" for _, a in verdicts):
        return out
    why = f"case by case, the case {_said(row)} ({row.lhs} = {row.rhs}) is not judged: {again['message']}"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why, "method": "cases"}


def _said(row: Step) -> str:
    return ", ".join(row.conditions) or "(no condition)"


def _rows(step: Step) -> list[Step] | None:
    """The row steps of a step whose one side (and only one) is a cases environment whose every
    condition is read, the step's own conditions kept; None otherwise."""
    left, right = _cases(step.lhs), _cases(step.rhs)
    if (left is None) == (right is None):
        return None
    cases, other = (right, step.lhs) if right is not None else (left, step.rhs)
    conditions = _conditions([c for _, _, c in cases])
    if conditions is None:
        return None
    rows: list[Step] = []
    for (value, _, _), condition in zip(cases, conditions, strict=True):
        under = tuple(dict.fromkeys(step.conditions + condition))
        if left is not None:  # the row's value = the right side (a chain in a left row is not read)
            if len(_chain(value, 0)) > 1 or len(_split(value, 0, "=")) > 1:
                return None
            rows.append(replace(step, lhs=value, rhs=other, conditions=under))
            continue
        before = other
        for term, _ in _chain(value, 0):
            if not term:
                return None
            rows.append(replace(step, lhs=before, rhs=term, conditions=under))
            before = term
    return rows


def _case_steps(step: Step) -> list[Step] | None:
    right = _cases(step.rhs) if step.relation == "=" and step.places else None
    conditions = _conditions([c for _, _, c in right]) if right else None
    if right is None or conditions is None:
        return None
    left = _cases(step.lhs)
    if left is not None:  # case by case: the same conditions in the same order
        if [_conditions([c for _, _, c in left])] != [conditions]:
            return None
        rows = zip(left, right, conditions, strict=True)
        return [_at(step, lv, rv, where, cond) for (lv, _, _), (rv, where, _), cond in rows]
    out: list[Step] = []
    for (value, where, _), condition in zip(right, conditions, strict=True):
        before = step.lhs
        for term, at in _chain(value, where):
            if not term:
                return None
            out.append(_at(step, before, term, at, condition))
            before = term
    return out


def _at(step: Step, lhs: str, rhs: str, where: int, condition: tuple[str, ...]) -> Step:
    line, column = _place(step.places, where)
    conditions = tuple(dict.fromkeys(step.conditions + condition))
    return replace(step, line=line, column=column, lhs=lhs, rhs=rhs, conditions=conditions, places=())


def _place(places: tuple[tuple[int, int, int], ...], index: int) -> tuple[int, int]:
    """(line, column) of the character at ``index`` of the side whose token places these are."""
    start, line, column = max((p for p in places if p[0] <= index), default=places[0])
    return line, column + index - start


def _cases(side: str) -> list[Case] | None:
    """The cases of a side that is one cases environment, or None."""
    m = _ENVIRONMENT.fullmatch(side.strip())
    part = "body" if m is not None and m.group("body") is not None else "array"
    if m is None or r"\begin{cases" in m.group(part) or r"\begin{array" in m.group(part):
        return None
    lead = len(side) - len(side.lstrip())
    cases: list[Case] = []
    for row, at in _split(m.group(part), m.start(part) + lead, "\\\\"):
        if not row.strip():
            continue
        parts = _split(row, at, "&")
        if len(parts) != 2:
            return None
        (value, where), (condition, _) = parts
        value = re.sub(r"[,;.]\s*$", "", value.rstrip())
        cases.append((value.strip(), where + len(value) - len(value.lstrip()), condition))
    return cases if len(cases) >= 2 else None


def _split(text: str, at: int, mark: str) -> list[tuple[str, int]]:
    """``text`` cut at each top-level ``mark``: (piece, index of the piece in the side)."""
    pieces: list[tuple[str, int]] = []
    depth, start, k = 0, 0, 0
    while k < len(text):
        if text.startswith(("\\begin", "\\left"), k) or text[k] in "{([":
            depth += 1
        elif text.startswith(("\\end", "\\right"), k) or text[k] in "})]":
            depth -= 1
        if depth == 0 and text.startswith(mark, k):
            pieces.append((text[start:k], at + start))
            start = k + len(mark)
            k = start
            continue
        k += 2 if text[k] == "\\" and not text.startswith(mark, k) else 1
    pieces.append((text[start:], at + start))
    return pieces


def _chain(value: str, at: int) -> list[tuple[str, int]]:
    """The terms of a case's value joined by top-level ``=``, each with its index in the side."""
    terms = _split(value, at, "=")
    return [(t.strip(), where + len(t) - len(t.lstrip())) for t, where in terms][1:] if len(terms) > 1 else [
        (value, at)
    ]


def _conditions(texts: list[str]) -> list[tuple[str, ...]] | None:
    """Each case's conditions, or None when one is not read (module docstring)."""
    read: list[tuple[str, ...] | None] = []
    for text in texts:
        if says_otherwise(text):  # otherwise, sinon, w przeciwnym razie, c.c. (tex_names)
            read.append(None)
            continue
        text = re.sub(r",?\s*\\forall.*$", "", text.strip(), flags=re.S)  # "i \neq y, \forall i \in [1, C]"
        found = tuple(as_conditions(text))
        if not found:
            return None
        read.append(found)
    if None in read[:-1]:
        return None
    if read and read[-1] is None:
        others = [c for c in read[:-1] if c is not None]
        negated = _negation(others[0]) if len(others) == 1 and len(others[0]) == 1 else None
        if negated is None:
            return None
        read[-1] = (negated,)
    return [c for c in read if c is not None]


def _negation(condition: tuple[str, ...]) -> str | None:
    lhs, rel, rhs = condition[0].split(" ", 2) if condition[0].count(" ") >= 2 else ("", "", "")
    return f"{lhs} {_NEGATION[rel]} {rhs}" if rel in _NEGATION else None
