r"""A sum in a bare brace group is typeset without brackets: ``{3}\cdot{3+2^{4}}`` shows 3·3+2⁴.

Order-of-operations exercises wrap every operand in braces for TeX, ``{3}\cdot{3+2^{4}}
\overset{E}{=} {3}\cdot{3}+16``, ``{6}\cdot{5^{2}+14} = {6}\cdot{25}+14``. A bare group (after an
operator, an opening bracket or at the start, not a command's argument, a power or an index) is
not shown, so the reader sees 3·3 + 2⁴ = 25; read as a bracket it is 3·(3 + 16) = 57, and a
correct step was called wrong. Both readings are possible (an author may use braces for brackets),
so the brackets reading stays, and only a ``wrong`` is weighed again with every such group's
braces dropped: where the step is not wrong then, it is held back, inconclusive, saying so. Wrong
either way, it stays wrong. Groups that open with a sign are bare_groups' (spliced already).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.results import StepResult

__all__ = ["settle_brace_sums", "unbraced_sums"]

#: what may stand right before a bare group: the start, an operator, an opening bracket, a relation
_BEFORE = re.compile(r"(?:^|[=+\-*/(\[,]|\\(?:cdot|times|div|pm|mp|ast|left\(|left\[|quad|qquad|[,;:! ]))\s*$")


def _group_end(text: str, start: int) -> int | None:
    depth = 0
    for k in range(start, len(text)):
        if text[k] == "\\":
            continue
        depth += (text[k] == "{") - (text[k] == "}")
        if depth == 0:
            return k
    return None


def _sums_at_top(inner: str) -> bool:
    """Does the group's content hold a + or − outside its own braces and brackets (not leading)?"""
    depth = 0
    for k, c in enumerate(inner):
        depth += (c in "{([") - (c in "})]")
        if depth == 0 and c in "+-" and inner[:k].strip() and (k == 0 or inner[k - 1] != "\\"):
            return True
    return False


def unbraced_sums(text: str) -> str | None:
    """``text`` with the braces of each bare group holding a sum dropped, or None when there is none."""
    out, last, changed = [], 0, False
    k = 0
    while k < len(text):
        if text[k] == "{" and (k == 0 or text[k - 1] != "\\") and _BEFORE.search(text[:k]):
            end = _group_end(text, k)
            if end is not None and _sums_at_top(text[k + 1 : end]):
                out += [text[last:k], " ", text[k + 1 : end], " "]
                last, k, changed = end + 1, end + 1, True
                continue
        k += 1
    return "".join([*out, text[last:]]) if changed else None


def settle_brace_sums(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that holds a sum in a bare group judged again without those
    braces, and held back where it is not wrong then (module docstring); ``again`` is a Rejudge."""
    tasks, where = [], []
    for k, result in enumerate(judged):
        step = result.step
        lhs, rhs = unbraced_sums(step.lhs), unbraced_sums(step.rhs)
        if result.status != "wrong" or (lhs is None and rhs is None):
            continue
        step = replace(step, lhs=lhs if lhs is not None else step.lhs, rhs=rhs if rhs is not None else step.rhs)
        tasks.append((step, document.for_step(step.line, step.column, step.rhs)))
        where.append(k)
    out = list(judged)
    for k, verdict in zip(where, again.run(tasks), strict=True):
        if verdict["status"] != "wrong":
            why = f"; but a sum in bare braces is typeset without brackets, and read so the step is {verdict['status']}"
            out[k] = judged[k].held(judged[k].message + why)
    return out
