"""Display blocks in which no step was found, and why: the annotated view marks them so that a
reader sees what was not read rather than silence."""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.extract import RELATIONS, extract

__all__ = ["blocks_without_steps", "unread_blocks"]

_RELATION = re.compile("|".join(re.escape(r) + (r"(?![A-Za-z])" if r[0] == "\\" else "") for r in RELATIONS))
#: an index's range or a list: "= 1, \ldots", "= 1, ..., n" (steps._ellipsis_after)
_RANGE = re.compile(r"=[^=,]*,\s*(?:\\[lc]?dots|\\dotsc|\.\.\.|…|⋯)")


def _reason(text: str) -> str:
    if _RELATION.search(text) is None:
        return "no relation sign: an expression on its own is not a step"
    if "=" not in text.replace(":=", "").replace("=:", ""):
        return "its relations (≤, <, →, ∈ a set …) are not steps checked here; only = and ∈ ℝ^{…} are"
    if _RANGE.search(text):
        return "its '=' states a range or a list that goes on (l = 1, …, L), not a claim"
    return "its '=' has an empty side, or only defines a name (:=)"



def unread_blocks(text: str, markdown: bool, steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each display block in which no step was found: ``{"line", "column", "text", "reason"}``."""
    lines = {int(s.get("line") or 0) for s in steps}
    unread: list[dict[str, Any]] = []
    for equation in extract(text, markdown=markdown):
        if equation.kind != "display":
            continue
        first = equation.pieces[0].line
        # a row may run over lines (a case of a cases environment after its head): its last run's line
        last = max(max((run[1] for run in p.runs), default=p.line) for p in equation.pieces)
        if any(first <= n <= last for n in lines):
            continue
        unread.append(
            {"line": first, "column": equation.column, "text": equation.text, "reason": _reason(equation.text)}
        )
    return unread


def blocks_without_steps(text: str, markdown: bool, steps: list[dict[str, Any]]) -> dict[int, str]:
    """Line where each display block with no step starts -> the reason it gave none."""
    out: dict[int, str] = {}
    for block in unread_blocks(text, markdown, steps):
        out.setdefault(block["line"], block["reason"])
    return out
