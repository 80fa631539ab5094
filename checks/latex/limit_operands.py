r"""Two limits at the same point whose operands are equal: ``\lim_{x \to \infty} \sigma(x) =
\lim_{x \to \infty} \frac{1}{1 + e^{-x}}``.

A derivation from first principles rewrites the operand of a limit link by link
(``\lim_{\Delta x \to 0} \frac{1}{\Delta x}\log_a(1 + \frac{\Delta x}{x}) = \lim_{\Delta x \to 0}
\log_a(1 + \frac{\Delta x}{x})^{\frac{1}{\Delta x}}``). Where SymPy cannot settle the limits
(limits.py: the step is "a limit SymPy could not settle"), the link still holds when the two
operands are the same function of the limit's variable: the same function has the same limit, or
none on both sides. So such a step is judged once more with the operands in place of the sides;
when they are proved equal the step is ok. Operands that differ say nothing about the limits
(``\lim_{x\to 0} x = \lim_{x \to 0} x^2``), so nothing else changes: the step stays unread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.added_terms import top_terms
from derive.checks.latex.text_groups import brace_group_end

__all__ = ["settle_same_limits"]

_UNSETTLED = "a limit SymPy could not settle"
_LIMIT_HEAD = re.compile(r"\s*\\lim(?:its)?\s*_\s*\{")


def _limit_parts(side: str) -> tuple[str, str] | None:
    """(subscript, operand) of a side that is one limit of one term, else None."""
    head = _LIMIT_HEAD.match(side)
    if head is None:
        return None
    end = brace_group_end(side, head.end() - 1)
    if end < 0:
        return None
    subscript = re.sub(r"[\s{}]", "", side[head.end() : end - 1])
    body = side[end:].strip()
    terms = top_terms(body) if body else None
    if terms is None or len(terms) != 1:  # a limit applies to one product, up to a top-level + or −
        return None
    return subscript, body


def settle_same_limits(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` (StepResults) with each unsettled step between two limits at one point judged
    on its operands, and ok where they are equal; ``document`` is doc_definitions.DocumentDefinitions,
    ``again`` a rejudge.Rejudge."""
    tasks, where = [], []
    for k, result in enumerate(judged):
        if result.status != "unparsed" or _UNSETTLED not in result.message:
            continue
        left, right = _limit_parts(result.step.lhs), _limit_parts(result.step.rhs)
        if left is None or right is None or left[0] != right[0]:
            continue
        typed, scalar = document.for_step(result.step.line, result.step.column, result.step.rhs)
        tasks.append((replace(result.step, lhs=left[1], rhs=right[1]), (typed, scalar)))
        where.append(k)
    why = "both sides are limits at the same point of operands proved equal ({message})"
    return again.confirm(judged, tasks, where, [why] * len(tasks))
