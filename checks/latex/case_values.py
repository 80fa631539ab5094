r"""A value a name is given under a case, used after a later case about that name the reader did not
read: "當 $t^{\star} = \frac{F}{4}$ 時 …" (when t* = F/4), then "當 $((t^{\star} + 1) \bmod F) =
\frac{F}{2}$ 時" and ``|f(t^{\star} + 2) - 2f(t^{\star} + 1) + f(t^{\star})| = |1 - 0|``.

A post on periodic functions (ProFatXuanAll.github.io, LSTM timing) takes the extremes of their
discrete derivatives case by case: each case says where t* is ("when t* = F/4", "when (t* + 1) mod
F = F/2"). The reader takes ``t* = F/4`` as t*'s value, reads no value from the later case (mod is
not read), and judged the last case's step with t* = F/4: wrong, though it is right where that case
puts t*. A value stated after a supposing word (if, when, 當 … : ``leading_supposition`` of
unread_clauses) holds for its case only; once a later formula after a supposing word speaks of the
same name without giving it a value the reader takes (``name = …``), the name's place is that new
case's, which the reader does not know. A ``wrong`` that used the name's value (the name is not among
the counterexample's free names) on a step after such a later case is held back (inconclusive, with
both lines). A step refuted before the new case, one whose name was free, and a name whose later case
gives it a plain value (``當 $t^{\star} = 0$ 時``: that value is read) are judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import squeezed
from derive.checks.latex.unread_clauses import leading_supposition

__all__ = ["hold_case_values"]

#: an inline formula: $…$ (not $$), its content in group 1
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)([^$\n]+?)(?<![\\$])\$(?!\$)")
#: a plain name: t^{\star}, x_1, \alpha, \mathbf{y}
_NAME = r"(?:\\[A-Za-z]+\s*\{\s*[A-Za-z]\s*\}|\\?[A-Za-z]+)(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))*"
#: a plain name given a value: t^{\star} = …, x_1 = … (group 1: the name)
_VALUE = re.compile(rf"\s*({_NAME})\s*=(?!=)")
#: a value that is only another name (``i = k``, ``p_i = p_j``): two names made one, not a value
_NAME_ONLY = re.compile(rf"\s*{_NAME}\s*")


def _mentions(text: str, name: str) -> bool:
    """Does the LaTeX write the name (as written, spaces and braces aside, not inside a longer name)?"""
    return re.search(r"(?<![\\A-Za-z])" + re.escape(squeezed(name)) + r"(?![A-Za-z])", squeezed(text)) is not None


def _cases(lines: list[str]) -> list[tuple[int, str, str, int]]:
    """(line, supposing word, formula, the word's column) of each inline formula after a supposing word
    in its sentence ("if $z = x_1 - x_2$, $\\sigma(z) = …$": both after one if, at one column)."""
    found = []
    for number, line in enumerate(lines, start=1):
        for m in _INLINE.finditer(line):
            supposed = leading_supposition(lines, number, m.start(1) + 1)
            if supposed:
                found.append((number, supposed[0], m.group(1), supposed[1]))
    return found


def _free(result: StepResult, name: str) -> bool:
    """Is the name (by its letter) among the counterexample's free names, or one its conditions set?"""
    found = result.counterexample if isinstance(result.counterexample, dict) else {}
    letter = re.sub(r"^\\(?:mathbf|boldsymbol|bm|hat|bar|tilde)\s*", "", squeezed(name))[:1]
    keys = [re.sub(r"^\\(?:mathbf|boldsymbol|bm|hat|bar|tilde)", "", squeezed(str(k))) for k in found.get("point", {})]
    where = re.findall(r"(?<![\\A-Za-z])([A-Za-z])", str(found.get("where", "")))
    return any(key.lstrip("\\")[:1] == letter for key in keys) or letter in where


def _stale(result: StepResult, cases: list[tuple[int, str, str, int]]) -> str | None:
    """Why the step's refutation may rest on a case's value that a later, unread case replaced."""
    step = result.step
    written = f"{step.lhs} {step.rhs}"
    before = [case for case in cases if case[0] < step.line]
    for k, (line, word, formula, column) in enumerate(before):
        valued = _VALUE.match(formula)
        name = valued.group(1) if valued else ""
        if not name or _NAME_ONLY.fullmatch(formula[valued.end() :]) or not _mentions(written, name):
            continue
        if _free(result, name):
            continue
        # a later case has its own supposing word: the consequent of the same "if" is no new case
        later = [c for c in before[k + 1 :] if (c[0], c[3]) > (line, column) and _mentions(c[2], name)]
        if not later:
            continue
        at, said, latest, _ = later[-1]
        again = _VALUE.match(latest)
        if again and squeezed(again.group(1)) == squeezed(name):
            continue  # the latest case gives the name a plain value, which the reader takes
        return (
            f"{name} was given its value under a case (line {line}: {word} ${formula.strip()}$), and a later"
            f" case (line {at}: {said} ${latest.strip()}$) places {name} otherwise, which is not read"
        )
    return None


def hold_case_values(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` that used a name's value from a case a later unread case replaced
    held back."""
    lines = text.split("\n")
    cases = [] if not any(r.status == "wrong" for r in judged) else _cases(lines)
    if not cases:
        return judged
    out = []
    for result in judged:
        if result.status == "wrong" and (why := _stale(result, cases)):
            result = result.held(f"{result.message}; but {why}")
        out.append(result)
    return out
