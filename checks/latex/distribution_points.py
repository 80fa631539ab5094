r"""A counterexample under "these entries sum to one" must be a distribution: every entry in [0, 1].

stated_facts and index_calls judge a step again where a family sums to one (``p_n = 1 - p_1 - … -
p_{n-1}``): labels one-hot or stated to sum to one, or ``p(y)`` summed over its outcome. That world
still lets an entry be negative or above one. A proof of speculative decoding (hunt 32,
CXP-2024/DL-hw, Assignment 6) writes ``\sum_y q(y) \min(1, p(y)/q(y)) = \sum_y \min(q(y), p(y))``,
true for any distributions p and q; it was called wrong at p_1 = -1, q_1 = -2 (so p_2 = 2, q_2 = 3),
"a point where the sums are one" — but no distribution.

Where such a counterexample has an entry (written or implied by the sum) outside [0, 1], the step
is judged once more at entries that are a distribution (family k at size n: (k+1, k+2, …, k+n)
over their sum, so two families differ); ``wrong`` there stands, with that point; otherwise the
verdict is no refutation (the caller keeps the first verdict, a ``wrong`` made inconclusive).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["distribution_checked"]


def distribution_checked(
    under: dict[str, Any], swap: dict[Any, Any], judge_at: Callable[[dict[Any, Any]], dict[str, Any]]
) -> tuple[dict[str, Any], str]:
    """(``under``, "") when its counterexample is a distribution's point or cannot be read; else (the
    verdict at a distribution's entries, the entry of ``under``'s point outside [0, 1])."""
    outside = _outside_unit(under.get("counterexample"), swap)
    if not outside:
        return under, ""
    fixed = _distribution_entries(swap)
    if not fixed:
        return {**under, "status": "inconclusive", "counterexample": None}, outside
    again = judge_at(fixed)
    if again["status"] == "wrong":
        shown = ", ".join(f"{s.name} = {v}" for s, v in sorted(fixed.items(), key=lambda kv: kv[0].name))
        return {**again, "message": f"{again['message']} (entries that are a distribution: {shown})"}, outside
    return {**again, "status": "inconclusive", "counterexample": None}, outside


def _outside_unit(counterexample: Any, swap: dict[Any, Any]) -> str:
    """The first entry, written or implied by ``swap``, outside [0, 1] at the counterexample's point
    (``p_{2} = 2``); "" when every entry is inside or a value cannot be read."""
    import sympy as sp

    point = counterexample.get("point") if isinstance(counterexample, dict) else None
    if not isinstance(point, dict) or not swap:
        return ""
    values: dict[Any, Any] = {}
    for symbol in _free_entries(swap):
        try:
            values[symbol] = sp.Rational(str(point[symbol.name]))
        except (KeyError, TypeError, ValueError):
            return ""
    entries = [*((s, v) for s, v in values.items()), *((last, expr.xreplace(values)) for last, expr in swap.items())]
    for symbol, value in entries:
        if value.is_number and (value < 0 or value > 1):
            return f"{symbol.name} = {value}"
    return ""


def _free_entries(swap: dict[Any, Any]) -> list[Any]:
    """The entries left free by ``swap`` (p_1 of p_2 → 1 − p_1), in name order."""
    free = {s for expr in swap.values() for s in getattr(expr, "free_symbols", ())}
    return sorted(free, key=lambda s: s.name)


def _distribution_entries(swap: dict[Any, Any]) -> dict[Any, Any]:
    """Values of the free entries that make every family a distribution with positive entries
    (module docstring); {} when a family's entries cannot be told apart."""
    import sympy as sp

    fixed: dict[Any, Any] = {}
    for k, (_, expr) in enumerate(sorted(swap.items(), key=lambda kv: kv[0].name)):
        others = sorted(getattr(expr, "free_symbols", ()), key=lambda s: s.name)
        if not others:
            continue  # a one-hot entry (y_m = [m = k]): nothing free
        if any(s in fixed for s in others):
            return {}
        size = len(others) + 1
        weights = [sp.Integer(k + m + 1) for m in range(size)]
        total = sum(weights)
        fixed.update({s: w / total for s, w in zip(others, weights, strict=False)})
    return fixed
