r"""A name applied to the index of a sum is the family's entry there: ``\sum_k P(k)\log Q(k)``.

Information theory writes a distribution as a function of its outcome (``H(p, q) = -\sum_x p(x)
\log q(x)``, ``D_{KL}(P\|Q) = \sum_k P(k)\log\frac{P(k)}{Q(k)}``): p(x) is the probability of
outcome x, the entry of p at x. Where a sum of the side runs over the letter in the bracket, the
letter is an index, and a function of an index is a sequence: ``P(k)`` is ``P_k``, whatever P is,
so the reading needs no guess about f(x) being f·x (nobody sums p·x over x to mean p·Σx).

Only a plain name (one letter or a Greek letter, no script: ``h_m(i)`` is left as it was) applied
to a lone letter, with no power before the bracket, that the notation and the document do not
define as a function (those are read as theirs), never Euler's e, a layer letter (``\delta^{l\,(j)}``:
layer l of example j) or a letter a sum runs over; a number in the bracket (``Q(1)``: counted from
0 or 1?) and a letter no sum of the side runs over are not read so.

Such a family is most likely a distribution, which sums to one: ``\sum_x p(x)\log\frac{p(x)}{1/n} =
\sum_x p(x)\log p(x) + \log n`` holds only there. The reading does not assume it (no ``ok`` from a
guess), but a ``wrong`` must also fail where each such family sums to one
(:func:`as_distributions`), else the step is inconclusive, saying why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["as_distributions", "distribution_families", "index_entry"]

#: ``p(x)``, ``\mathcal{P}``-free: a plain name applied to one letter, as written in a side's source
_CALL = re.compile(r"(?<![A-Za-z\\])([A-Za-z]|\\[A-Za-z]+)\s*(?:\\left\s*)?\(\s*([A-Za-z])\s*(?:\\right\s*)?\)")

#: Euler's e, and the layer letters: ``\delta^{l\,(j)}`` is layer l of example j, no entry l_j
_NOT_FAMILIES = frozenset({"e", "l", "L", r"\ell"})


def index_entry(reader: Any, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
    """(the entry's placeholder, index after the bracket) for ``name(letter)`` at ``k`` (just after
    the name), where a sum of the side runs over the letter; else None."""
    toks = reader.toks
    if power or k + 2 >= len(toks) or toks[k] != "(" or toks[k + 2] != ")":
        return None
    letter, indices = toks[k + 1], {s[0] for s in reader.r.sums.values()}
    if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name) or name in _NOT_FAMILIES or name in indices:
        return None
    if name in reader.notation.doc_functions or name in reader.notation.constants:
        return None
    if not re.fullmatch(r"[A-Za-z]", letter) or letter not in indices:
        return None
    return reader.postfix(reader.symbol("symbol", f"{name}_{{{letter}}}"), k + 3)


def distribution_families(sides: tuple[Any, ...], named: dict[str, Any] | None) -> frozenset[str]:
    """The families read as entries from ``name(letter)`` in the sides or the definitions they use."""
    reached = [named[n][1] for side in sides for n in side.symbol_names if named and n in named]
    found = set()
    for norm in [*sides, *reached]:
        for m in _CALL.finditer(getattr(norm, "source", "")):
            if f"{m.group(1)}_{{{m.group(2)}}}" in getattr(norm, "symbol_names", ()):
                found.add(m.group(1))
    return frozenset(found)


def as_distributions(
    out: dict[str, Any],
    sides: tuple[Any, ...],
    named: dict[str, Any] | None,
    rejudge: Callable[[frozenset[str]], dict[str, Any]],
) -> dict[str, Any]:
    """A ``wrong`` verdict judged again with each family read from ``name(letter)`` summing to one
    (``rejudge(families)``): wrong only if it fails there too, else inconclusive."""
    families = distribution_families(sides, named) if out["status"] == "wrong" else frozenset()
    if not families:
        return out
    under = rejudge(families)
    if under["status"] == "wrong":
        return under
    shown = ", ".join(sorted(families))
    why = f"; but {shown}, written as a function of an outcome, may be a distribution: where it sums to one"
    why += " the step is not refuted"
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
