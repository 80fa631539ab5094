r"""A family that may be probabilities: ``\sum_{k} p_k(1 - p_k) = 1 - \sum_{k} p_k^2``.

The Gini impurity of class proportions, the softmax's ``\sum_j y_j \hat y_i = \hat y_i``: steps that
hold because a family sums to one, in documents that never say so (the proportions, the one-hot
labels, the softmax outputs are probabilities to anyone reading them). :mod:`stated_facts` uses such
a fact where the document states it; here a step refuted as written, whose sums expand into a whole
family of entries (p_1 … p_K), is judged again with the family's last entry set to one minus the
others. Holding there, it is inconclusive, saying so: the counterexample needs entries that do not
sum to one, which the writer may have ruled out without writing it. A step that fails there too
stays wrong, with the first counterexample.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["holds_with", "with_unstated_sums"]

#: an entry of a family as the reader names it: y_{2}, \hat{y}_{3}, p_{0}
_ENTRY = re.compile(r"(.+)_\{(\d+)\}")


def _families(lhs: Any, rhs: Any) -> dict[str, dict[int, Any]]:
    """Families whose entries here run over a whole range of at least two numbers (a sum expanded)."""
    found: dict[str, dict[int, Any]] = {}
    for symbol in lhs.free_symbols | rhs.free_symbols:
        m = _ENTRY.fullmatch(symbol.name)
        if m is not None:
            found.setdefault(m.group(1), {})[int(m.group(2))] = symbol
    return {
        name: entries
        for name, entries in found.items()
        if len(entries) >= 2 and sorted(entries) == list(range(min(entries), max(entries) + 1))
    }


def holds_with(swap: dict[Any, Any], lhs: Any, rhs: Any, judge: Callable[[Any, Any], dict[str, Any]]) -> bool:
    """Is the step ok with these symbols replaced (a doubt's other reading: unwritten_ranges too)?"""
    try:
        return judge(lhs.xreplace(swap), rhs.xreplace(swap))["status"] == "ok"
    except (TypeError, ValueError, ArithmeticError):
        return False


def with_unstated_sums(
    out: dict[str, Any], lhs: Any, rhs: Any, judge: Callable[[Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    """A ``wrong`` that holds once every whole family here sums to one, made inconclusive (module doc)."""
    import sympy as sp

    if out["status"] != "wrong":
        return out
    families = _families(lhs, rhs)
    if not families:
        return out
    swap = {}
    for entries in families.values():
        last = max(entries)
        swap[entries[last]] = 1 - sp.Add(*(entries[k] for k in entries if k != last))
    if not holds_with(swap, lhs, rhs, judge):
        return out
    names = ", ".join(sorted(families))
    why = f"{out['message']}; but it holds if the entries of {names} sum to one (probabilities?)"
    why += ", which the document does not state"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}
