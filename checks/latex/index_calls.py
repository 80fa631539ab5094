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
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["index_entry"]

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
