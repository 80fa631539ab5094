r"""A cost summed over examples, differentiated by one example's quantity.

``J = \frac{1}{m}\sum_{i=1}^m \mathcal{L}^{(i)}`` with ``\mathcal{L}^{(i)} = -[y^{(i)}\log a^{(i)} + …]``,
then ``\frac{\partial J}{\partial a^{(i)}} = -\frac{1}{m}[\frac{y^{(i)}}{a^{(i)}} - …]``: the i of the
derivative is ONE example, the sum's i runs over all of them. Read at sizes, J holds a^{(1)},
a^{(2)} …, never the a^{(i)} the step writes, and the step was left unread ("its dependence is
not stated"). A reader sees that only the i-th term of the sum depends on a^{(i)}, so
``\frac{\partial J}{\partial a^{(i)}}`` is the sum's coefficient times the derivative of that one
term: the step is judged once more with ``\frac{1}{m}\frac{\partial}{\partial a^{(i)}}(\mathcal{L}^{(i)})``
in place of the derivative. A sum over another letter (``\sum_k \mathcal{L}^{(k)}``) has its
example labels renamed to the step's letter first.

Only where that reading is exact: the cost's one definition before the step (not assigned
twice) is a coefficient times one sum running to the end of the value; the variable carries the
example label ``(i)`` (a superscript or subscript in brackets); every name of the summand the
document defines carries that label too (a name shared by all examples, defined from them, such
as a batch mean, may depend on a^{(i)} through every term: not read). Then the reading's verdict
is the step's, ``ok`` or ``wrong``; anything else leaves the first verdict.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.text_groups import brace_group_end
from derive.checks.latex.unread_derivatives import NOT_CONTAINED

__all__ = ["example_term_reading", "settle_example_sums"]

_FRACTION = re.compile(r"\\[dt]?frac\s*\{")
#: a derivative's numerator and denominator open with ∂ (or an upright or italic d)
_DIFFERENTIAL = re.compile(r"\s*(\\partial|d(?![A-Za-z])|\\mathrm\s*\{\s*d\s*\})")
#: the example label in a name: ^{(i)}, _{(i)}, ^{[2](i)}
_LABEL = re.compile(r"\((?P<letter>[a-z])\)")
#: \sum_{i=1}^{m}, \sum_{i=1}^m, \sum_i, \sum_{i}: the summed letter
_SUM = re.compile(
    r"\\sum(?:\\limits)?\s*_\s*(?:\{\s*(?P<a>[a-z])\s*(?:=\s*[0-9]+\s*)?\}|(?P<b>[a-z]))"
    r"(?:\s*\^\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
)
#: a coefficient before the sum: a sign, numbers, a size letter, \frac of those (no other name)
_COEFFICIENT = re.compile(r"\s*-?\s*(?:\\[dt]?frac\s*\{\s*[0-9]+\s*\}\s*\{\s*[0-9]*\s*[A-Za-z]?\s*\}|[0-9]+)?\s*")
_WHY = "read as one example's term of {name}'s sum over examples (only that term holds {var}): {message}"


def _derivatives(side: str) -> list[tuple[int, int, str, str]]:
    """(start, end, numerator, variable) of each derivative written as a fraction ∂N/∂V in the side."""
    found = []
    for m in _FRACTION.finditer(side):
        top_end = brace_group_end(side, m.end() - 1)
        if top_end < 0 or top_end >= len(side):
            continue
        bottom = top_end + len(side[top_end:]) - len(side[top_end:].lstrip())
        if bottom >= len(side) or side[bottom] != "{":
            continue
        end = brace_group_end(side, bottom)
        top, low = side[m.end() : top_end - 1], side[bottom + 1 : end - 1]
        up, down = _DIFFERENTIAL.match(top), _DIFFERENTIAL.match(low)
        if end > 0 and up and down and up.group(1) == down.group(1) and top[up.end() :].strip():
            found.append((m.start(), end, top[up.end() :].strip(), low[down.end() :].strip()))
    return found


def _one_name(text: str, notation: Notation) -> str | None:
    """The canonical name the text writes, if it writes exactly one plain name."""
    read = normalize(text, notation)
    if read.problems or read.derivatives or read.sums or len(read.symbol_names) != 1:
        return None
    return next(iter(read.symbol_names))


def _split_sum(value: str) -> tuple[str, str, str] | None:
    """(coefficient, summed letter, summand) of a value ``c \\sum_{k=1}^{m} T`` whose one sum runs to the end."""
    found = list(_SUM.finditer(value))
    if len(found) != 1:
        return None
    m = found[0]
    coefficient, summand = value[: m.start()], value[m.end() :].strip()
    if not _COEFFICIENT.fullmatch(coefficient) or not summand:
        return None
    if summand.startswith("{") and brace_group_end(summand, 0) == len(summand):
        summand = summand[1:-1]
    return coefficient.strip(), m.group("a") or m.group("b"), summand


def _renamed(summand: str, letter: str, to: str) -> str | None:
    """The summand with its example labels (``(k)``) written with ``to``; None where the letter
    is used otherwise too (a subscript k, a k in a formula): renaming it would change more."""
    if letter == to:
        return summand
    out = re.sub(rf"\(\s*{letter}\s*\)", f"({to})", summand)
    if re.search(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", out) or re.search(rf"\(\s*{to}\s*\)", summand):
        return None
    return out


def example_term_reading(side: str, document: Any, notation: Notation, at: tuple[int, int]) -> tuple[str, str] | None:
    r"""(the side with each ∂N/∂V of a sum over examples read as its one term, the name N) or None."""
    twice = {r.name for r in [*document.reassigned, *document.redefined]}
    defined = {d.name for d in document.defs}
    out, shift, names = side, 0, []
    for start, end, top, low in _derivatives(side):
        name, var = _one_name(top, notation), _one_name(low, notation)
        label = _LABEL.search(var or "")
        if name is None or var is None or label is None or name in twice:
            continue
        values = [d for d in document.defs if d.name == name and not d.letters and (d.line, d.column) < at]
        split = _split_sum(values[-1].rhs) if len(values) == 1 else None
        if split is None:
            continue
        coefficient, letter, summand = split
        term = _renamed(summand, letter, label.group("letter"))
        if term is None:
            continue
        read = normalize(term, notation)
        if read.problems or var not in read.symbol_names and not (read.symbol_names & defined):
            continue
        tag = f"({label.group('letter')})"
        if any(n in defined and tag not in n for n in read.symbol_names):
            continue  # a name shared by every example, defined from them (a batch mean): not one term's
        reading = f"\\left({coefficient}\\frac{{\\partial}}{{\\partial {low}}}\\left({term}\\right)\\right)"
        out = out[: start + shift] + reading + out[end + shift :]
        shift += len(reading) - (end - start)
        names.append(name)
    return (out, names[0]) if names else None


def settle_example_sums(judged: list[Any], document: Any, notation: Notation, again: Any) -> list[Any]:
    """``judged`` with each step left unread for a dependence not stated judged again with every
    derivative of a cost summed over examples read as its one example's term; that reading's
    ``ok`` or ``wrong`` is the step's, any other verdict leaves the first."""
    tasks, where, said = [], [], []
    for k, result in enumerate(judged):
        step = result.step
        if result.status != "unparsed" or NOT_CONTAINED not in result.message:
            continue
        at = (step.line, step.column)
        lhs, rhs = (
            example_term_reading(step.lhs, document, notation, at),
            example_term_reading(step.rhs, document, notation, at),
        )
        if lhs is None and rhs is None:
            continue
        name = (lhs or rhs)[1]
        var = _derivatives(step.lhs if lhs else step.rhs)[0][3]
        new = replace(step, lhs=lhs[0] if lhs else step.lhs, rhs=rhs[0] if rhs else step.rhs)
        tasks.append((new, document.for_step(step.line, step.column, step.rhs, derivative=True)))
        where.append(k)
        said.append(_WHY.format(name=name, var=var, message="{message}"))
    if not tasks:
        return judged
    out = list(judged)
    for k, verdict, why in zip(where, again.run(tasks), said, strict=True):
        if verdict["status"] in ("ok", "wrong"):
            message = why.replace("{message}", verdict["message"])
            out[k] = replace(
                out[k],
                status=verdict["status"],
                counterexample=verdict.get("counterexample"),
                message=message,
                method=verdict.get("method", ""),
            )
    return out
