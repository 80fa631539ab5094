r"""``\sum`` written alone as the name of a sum: ``\frac{e_i \sum - e_i e_i}{\sum^2} = \frac{e_i}{\sum}``.

Softmax notes shorten the normaliser ``\sum_k e^{x_k}`` to the bare operator ("denote it ∑", held-out
set 1: ``\frac{e_i}{\sum} \left( \frac{\sum - e_i}{\sum} \right)``); the reader, finding a sum with no
summand, stopped ("a sum without an index"). A step unread for that alone is judged once more with
each ``\sum`` that has no script and no summand after it (what follows is a closing brace, a sign,
a relation or the end, or ``^2`` then one of those) read as one name: if the step then holds, it
holds whatever the sum's value, and it is ok, saying so. Anything else keeps the first verdict
(what the name stands for is the writer's, so a difference is no ground for a wrong: ``\frac{e_i}
{\sum} = p_i`` holds only with the sum's value, which the name does not carry).

A ``\sum`` with no script but a summand (``\frac{e^{z_i}}{\sum e^{z_j}}``, ``-\frac{2}{n}\sum (y_i -
\hat y_i) x_i``) runs over the one index letter its summand writes that nothing before it in the
step writes (j beside ∂y_i/∂z_i; i in ∂L/∂w): a step unread for it alone is judged once more with
the sum written over that letter (``\sum_{j}``, every value of j), and ok where it then holds.
Two such letters, or none, and the step stays unread; any other verdict keeps the first (the
letter is read, not written).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["indexed_bare_sums", "named_bare_sums", "settle_bare_sums", "settle_unindexed_sums"]

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


#: \sum with no script (no _, ^, \limits) and a summand after it
_UNSCRIPTED = re.compile(r"\\sum(?![A-Za-z])(?!\s*(?:_|\^|\\limits|\\nolimits))")
#: the letters of a subscript: x_i, z_{j}, x_{i,d}
_SUBSCRIPT = re.compile(r"_\s*(?:\{(?P<braced>[^{}]*)\}|(?P<bare>[A-Za-z]))")


def _index_letters(text: str) -> list[str]:
    letters = []
    for m in _SUBSCRIPT.finditer(text):
        content = m.group("braced") if m.group("braced") is not None else m.group("bare")
        letters += re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", content)
    return letters


def indexed_bare_sums(side: str, before: str = "") -> str | None:
    """The side with each unscripted ``\\sum`` written over the one index letter after it that
    nothing before it writes (``before``: the other side, for the right side the left); None when
    a sum has no such letter or two, or when there is no such sum."""
    out, last, taken = [], 0, set()
    for m in _UNSCRIPTED.finditer(side):
        if _BARE.match(side, m.start()):
            return None  # a sum with no summand: a name (named_bare_sums), not a sum over a letter
        # an earlier bare sum's letter is bound there: (\sum e^{x_k})^2 after \sum e^{x_k} is k again
        earlier = set(_index_letters(before + " " + side[: m.start()])) - taken
        fresh = sorted(set(_index_letters(side[m.end() :])) - earlier)
        if len(fresh) != 1:
            return None
        out.append(side[last : m.end()] + f"_{{{fresh[0]}}}")
        last = m.end()
        taken.add(fresh[0])
    return "".join(out) + side[last:] if taken else None


def settle_unindexed_sums(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each step unread for a sum without an index judged again with each such sum
    over its one fresh index letter, and ok where it then holds; ``again`` is a rejudge.Rejudge."""
    why = "holds with each \\sum without an index read over the one index letter its summand adds ({message})"

    def rewrite(step: Any) -> tuple[str | None, str | None]:
        # the left side is read beside the right unless the right has bare sums of its own
        lhs = indexed_bare_sums(step.lhs, step.rhs if _UNSCRIPTED.search(step.rhs) is None else "")
        return lhs, indexed_bare_sums(step.rhs, step.lhs)

    return again.confirm_rewritten_steps(judged, document, _UNREAD, rewrite, why)
