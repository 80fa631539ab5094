r"""``\sum`` written alone as the name of a sum: ``\frac{e_i \sum - e_i e_i}{\sum^2} = \frac{e_i}{\sum}``.

Softmax notes shorten the normaliser ``\sum_k e^{x_k}`` to the bare operator ("denote it ∑", held-out
set 1: ``\frac{e_i}{\sum} \left( \frac{\sum - e_i}{\sum} \right)``); the reader, finding a sum with no
summand, stopped ("a sum without an index"). A step unread for that alone is judged once more with
each ``\sum`` that has no script and no summand after it (what follows is a closing brace, a sign,
a relation or the end, or ``^2`` then one of those) read as one name: if the step then holds, it
holds whatever the sum's value, and it is ok, saying so. Anything else keeps the first verdict
(what the name stands for is the writer's, so a difference is no ground for a wrong: ``\frac{e_i}
{\sum} = p_i`` holds only with the sum's value, which the name does not carry).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["named_bare_sums", "settle_bare_sums"]

_UNREAD = "a sum without an index"
#: the name the bare operator is read as (a capital sigma, as it is printed)
_NAME = r"\Sigma"
#: \sum with no script and no summand: a closing brace or bracket, a sign, a relation, or the end
_BARE = re.compile(r"\\sum(?![A-Za-z])(?=\s*(?:\^\s*\{?\s*\d\s*\}?)?\s*(?:[})\]+\-=]|\\right|\\cdot|$))")


def named_bare_sums(side: str) -> str | None:
    """The side with each bare ``\\sum`` read as the name ``\\Sigma``; None when there is none, or
    when the side already writes ``\\Sigma`` (two meanings for one name)."""
    if _NAME in side or _BARE.search(side) is None:
        return None
    return _BARE.sub(lambda _m: _NAME + " ", side)


def settle_bare_sums(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each step unread for a sum without an index judged again with the bare sums
    as one name, and ok where it then holds; ``again`` is a rejudge.Rejudge."""
    why = "holds with the bare \\sum read as one name, whatever the sum's value ({message})"
    return again.confirm_rewritten(judged, document, _UNREAD, named_bare_sums, why)
