r"""Entries the document states sum to one, written out: ``T_1 + T_2 + T_3 = 1``.

A worked softmax example with three classes ends ``P_1(T_1 + T_2 + T_3) - T_1 = P_1 - T_1``, right
because it noted "$T_1 + T_2 + T_3 = 1$: the labels' probabilities sum to one". stated_facts reads
a family stated to sum to one in a sum (``\sum_k y_k = 1``) for steps with sums; this reads the
statement written entry by entry, and a step with no sum that is not proved as written is judged
again with the last entry put as 1 minus the others: ``ok`` when it holds there; ``wrong`` only
with a counterexample there (where the statement holds), never where it does not; else the first
verdict stands.

A statement is one formula: two or more entries of one name with number subscripts, each once,
added, equal to 1. A step that writes nothing but entries of the statement (``\beta_1 = \beta_3``
in a document that also tries ``\beta_1 + \beta_3 = 1``) is not judged under it: it reads as
another constraint on the same entries (a hypothesis, a case), which the statement does not refute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.results import held_back

__all__ = ["stated_entry_sums", "with_entry_sums"]

#: an entry: a letter or a command (\hat{y} too) with a number subscript
_ENTRY = r"(?P<base>(?:\\(?:hat|tilde|bar)\s*\{\s*)?\\?[A-Za-z]+\s*\}?)\s*_\s*\{?\s*(?P<n>\d+)\s*\}?"
_TERM = re.compile(_ENTRY)
_ANOTHER = _ENTRY.replace("?P<base>", "?:").replace("?P<n>", "?:")
_SUM_IS_ONE = re.compile(r"^\s*" + _ENTRY + r"(?:\s*\+\s*" + _ANOTHER + r")+\s*=\s*1\s*$")


def _base(text: str) -> str:
    return re.sub(r"\s+", "", text)


def stated_entry_sums(formulas: list[str]) -> tuple[tuple[str, ...], ...]:
    """The entry names (as the reader names them: ``T_{1}``) of each statement ``T_1 + … = 1``."""
    out: list[tuple[str, ...]] = []
    for formula in formulas:
        if _SUM_IS_ONE.match(formula) is None:
            continue
        terms = [(_base(m.group("base")), m.group("n")) for m in _TERM.finditer(formula.split("=")[0])]
        bases = {b for b, _ in terms}
        numbers = [n for _, n in terms]
        if len(bases) != 1 or len(set(numbers)) != len(numbers) or len(numbers) < 2:
            continue
        base = bases.pop()
        names = tuple(f"{base}_{{{n}}}" for n in numbers)
        if names not in out:
            out.append(names)
    return tuple(out)


def with_entry_sums(
    out: dict[str, Any],
    lhs: Any,
    rhs: Any,
    sums: tuple[tuple[str, ...], ...],
    judge: Callable[[Any, Any], dict[str, Any]],
) -> dict[str, Any]:
    """The verdict of a step not proved as written, under the statements it writes every entry of
    (never the statement itself, written again: it would prove itself)."""
    import sympy as sp

    if out["status"] == "ok" or not sums:
        return out
    symbols = {s.name: s for s in (lhs.free_symbols | rhs.free_symbols) if isinstance(s, sp.Symbol)}
    for names in sums:
        if not all(n in symbols for n in names) or _is_the_statement(lhs, rhs, names):
            continue
        if set(symbols) <= set(names):  # β_1 = β_3 beside β_1 + β_3 = 1: another constraint, no consequence
            continue
        last = symbols[names[-1]]
        swap = {last: 1 - sum(symbols[n] for n in names[:-1])}
        under = judge(lhs.xreplace(swap), rhs.xreplace(swap))
        stated = " + ".join(names) + " = 1"
        if under["status"] == "ok":
            return {**under, "message": f"{under['message']}, using the document's statement {stated}"}
        if under["status"] == "wrong":
            return {**under, "message": f"{under['message']} (a point where the document's {stated} holds)"}
        if out["status"] == "wrong":  # refuted only where the statement fails: no counterexample
            note = f"; under the document's {stated} it is not refuted"
            return held_back(out, note)
    return out


def _is_the_statement(lhs: Any, rhs: Any, names: tuple[str, ...]) -> bool:
    """Is the step ``T_1 + T_2 + T_3 = 1`` (in any order, either way round)?"""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        if one == 1 and {s.name for s in other.free_symbols} == set(names):
            return True
    return False
