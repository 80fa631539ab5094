r"""A row marked with a limit at its end states its equalities in that limit, not exactly.

Physics and statistics notes close a row with where it holds: ``= -\frac{u N^2}{2V} = -\frac{u
n}{2} N \quad (N \rightarrow \infty)``, ``\frac{N(N-1)}{2} = \frac{N^2}{2} \quad \text{for large }
N``, ``\approx \ldots, \ n \to \infty``. The mark is read with the last link of the row (which it
leaves unread), but it governs every equality of the row: ``\frac{N(N-1)}{2} = \frac{N^2}{2}`` is
true as N grows and false at N = 2, so a point where the sides differ refutes nothing. A ``wrong``
step that ends on a row so marked (the mark on its line, at or after it) is judged again in that
limit: ``\lim_{N \to \infty} \frac{lhs}{rhs} = 1`` (the sides agree to leading order), or
``\lim lhs = 0`` where the right side is 0. Wrong there too (a factor 2 lost), it stays wrong,
saying so; otherwise (it holds in the limit, the limit is not read, or the mark names no variable:
``\text{asymptotically}``) it is held back, inconclusive, quoting the mark.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.results import StepResult

__all__ = ["hold_limit_rows", "limit_mark"]

_SPACE = r"(?:\s|\\q?quad(?![A-Za-z])|\\[,;:! ]|~|,)"
_TENDS = r"(?:\\to|\\rightarrow|\\longrightarrow|\\searrow|\\nearrow)(?![A-Za-z])"
#: a name tending to a limit: N \to \infty, n \rightarrow \infty, \epsilon \to 0, x \to 0^+
_LIMIT = (
    r"(?:\\text\s*\{\s*(?:as|for|when|if|with)\s*\}\s*|(?:as|for|when)\s+)?"
    r"\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*" + _TENDS + r"\s*[+-]?\s*(?:\\infty|0)(?:\s*\^\s*\{?[+-]\}?)?"
)
#: words of a limit: for large N, when n is large, asymptotically, N \gg 1
_WORDS = (
    r"\\text\s*\{[^{}]*\b(?:large|small|big|asymptotic(?:ally)?|limit|leading order)\b[^{}]*\}"
    r"(?:\s*\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)?"
    r"|\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?\s*\\gg\s*1"
)
#: the mark at the end of a side: after a space or comma, maybe in parentheses
_MARK = re.compile(_SPACE + r"+\(?\s*(?:" + _LIMIT + "|" + _WORDS + r")\s*\)?\s*[.,;]?\s*$")


def limit_mark(side: str) -> str | None:
    """The limit that closes ``side`` (``(N \\rightarrow \\infty)``, ``\\text{for large } N``), or None."""
    m = _MARK.search(side)
    return m.group(0).strip(" ,~") if m else None


#: the variable a mark sends to its limit, and where: N \to \infty, x \to 0, "for large N"
_VARIABLE = re.compile(
    r"(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*" + _TENDS + r"\s*(?P<to>\\infty|0)"
    r"|\\text\s*\{[^{}]*\b(?:large|big)\b[^{}]*\}\s*(?P<large>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)"
)


def _in_the_limit(lhs: str, rhs: str, mark: str) -> tuple[str, str] | None:
    """The step read in the mark's limit: (\\lim … \\frac{lhs}{rhs}, 1), or (\\lim … lhs, 0)."""
    m = _VARIABLE.search(mark)
    if m is None:
        return None
    name, to = (m.group("name"), m.group("to")) if m.group("name") else (m.group("large"), r"\infty")
    if name in {"as", "for", "when", "if", "with"}:
        return None
    under = rf"\lim_{{{name} \to {to}}}"
    if rhs.strip() == "0":
        return rf"{under} \left({lhs}\right)", "0"
    return rf"{under} \frac{{{lhs}}}{{{rhs}}}", "1"


def hold_limit_rows(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """``judged`` with each ``wrong`` step on a row that a limit mark closes judged in that limit,
    and held back unless wrong there too (module docstring); ``again`` is a rejudge.Rejudge."""
    marks: dict[int, list[tuple[int, str]]] = {}
    for result in judged:
        mark = limit_mark(result.step.rhs)
        if mark is not None:
            marks.setdefault(result.step.line, []).append((result.step.column, mark))
    out, tasks, where = list(judged), [], []
    for k, result in enumerate(judged):
        found = [m for column, m in marks.get(result.step.line, []) if column >= result.step.column]
        if result.status != "wrong" or not found:
            continue
        out[k] = result.held(
            result.message + f"; but its row ends with {found[0]}: an equality in that limit, not exactly"
        )
        limit = _in_the_limit(result.step.lhs, result.step.rhs, found[0])
        if limit is not None:
            step = replace(result.step, lhs=limit[0], rhs=limit[1])
            tasks.append((step, document.for_step(step.line, step.column, step.rhs)))
            where.append(k)
    for k, verdict in zip(where, again.run(tasks), strict=True):
        if verdict["status"] == "wrong":
            out[k] = replace(
                judged[k], message=judged[k].message + f"; wrong in the limit of its row too: {verdict['message']}"
            )
    return out
