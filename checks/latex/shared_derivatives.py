r"""A step that carries a derivative it cannot read from one side to the other.

Chain-rule steps written as the page computes them (micrograd notes, index-form backprop) hold a
derivative the reader has no form for: by an expression (``\frac{\partial o}{\partial (x_2 w_2)}``),
by an entry written with brackets (``\frac{\partial C}{\partial A_i[r, 0]}``). Such a step was
"a derivative written in a form not read", although it only multiplies that derivative by a factor
it works out: ``\frac{\partial o}{\partial (x2w2)} \times \frac{\partial (x2w2)}{\partial x2} =
\frac{\partial o}{\partial (x2w2)}(w2)``. When every derivative left unread is written, the same,
on both sides, the step is judged once more with each of them one unknown value (a fresh name):
if it then holds, it holds whatever they are, and it is ok. Anything else keeps the first verdict:
never wrong. Not for steps with transposes or bold names (an unknown matrix does not commute), nor
with a sum or a run of terms (a derivative by ``h_j`` varies with the sum's ``j``; one unknown value
does not, and ``\sum_j c\, a_j = \sum_j c\, b_j`` says nothing of ``\sum_j c_j a_j = \sum_j c_j b_j``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.text_groups import brace_group_end

__all__ = ["settle_shared_derivatives", "shared_fractions"]

_UNREAD_FORM = "a derivative written in a form not read"
_FRACTION = re.compile(r"\\[dt]?frac\s*\{")
#: a derivative's numerator and denominator open with ∂ or d
_DIFFERENTIAL = re.compile(r"\s*(?:\\partial|d|\\mathrm\s*\{\s*d\s*\})(?![A-Za-z])")
_MATRIX_MARKS = re.compile(
    r"\^\s*\{?\s*(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\})(?![A-Za-z])|\\mathbf|\\boldsymbol|\\bm(?![A-Za-z])"
)
#: a sum or a run of terms: a derivative inside may vary with the running index, one unknown value may not
_RUNS = re.compile(r"\\(?:sum|prod|cdots|ldots|dots)(?![A-Za-z])|\.\.\.")
_FRESH = ("\\varrho", "\\vartheta", "\\varsigma")


def _fractions(side: str) -> list[tuple[int, int]]:
    """(start, end) of each derivative written as a fraction in the side."""
    found = []
    for m in _FRACTION.finditer(side):
        top_end = brace_group_end(side, m.end() - 1)
        if top_end < 0 or top_end >= len(side):
            continue
        rest = side[top_end:]
        gap = len(rest) - len(rest.lstrip())
        bottom = top_end + gap
        if bottom >= len(side) or side[bottom] != "{":
            continue
        end = brace_group_end(side, bottom)
        top, low = side[m.end() : top_end - 1], side[bottom + 1 : end - 1]
        if end > 0 and _DIFFERENTIAL.match(top) and _DIFFERENTIAL.match(low):
            found.append((m.start(), end))
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")


def shared_fractions(lhs: str, rhs: str) -> dict[str, str] | None:
    """Each derivative written on both sides (spacing aside) → a fresh name, or None if none is."""
    left = {_key(lhs[a:b]) for a, b in _fractions(lhs)}
    right = {_key(rhs[a:b]) for a, b in _fractions(rhs)}
    shared = sorted(left & right)
    fresh = next((f for f in _FRESH if f not in lhs and f not in rhs), None)
    if not shared or fresh is None:
        return None
    return {text: f"{fresh}_{{{n}}}" for n, text in enumerate(shared, 1)}


def _replaced(side: str, names: dict[str, str]) -> str:
    out, k = [], 0
    for a, b in _fractions(side):
        if a < k:
            continue
        name = names.get(_key(side[a:b]))
        if name is not None:
            out.append(side[k:a] + f" {name} ")
            k = b
    return "".join(out) + side[k:]


def settle_shared_derivatives(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each step unread for a derivative's form judged once more with the derivatives
    it writes on both sides as unknown values, and ok where it then holds; ``again`` a rejudge.Rejudge."""
    tasks, where, used = [], [], []
    for k, result in enumerate(judged):
        step = result.step
        if result.status != "unparsed" or _UNREAD_FORM not in result.message:
            continue
        if any(pattern.search(side) for pattern in (_MATRIX_MARKS, _RUNS) for side in (step.lhs, step.rhs)):
            continue
        names = shared_fractions(step.lhs, step.rhs)
        if names is None:
            continue
        typed, scalar = document.for_step(step.line, step.column, step.rhs)
        if any(name.split("_")[0] in key for key in (*typed, *scalar) for name in names.values()):
            continue  # the document gives the fresh letter a value of its own
        tasks.append((replace(step, lhs=_replaced(step.lhs, names), rhs=_replaced(step.rhs, names)), (typed, scalar)))
        where.append(k)
        used.append(names)
    said = "holds whatever the derivatives it writes on both sides are ({}: each one unknown value)"
    why = [said.format(", ".join(sorted(names))) for names in used]
    return again.confirm(judged, tasks, where, why)
