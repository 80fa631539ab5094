r"""A bracket the author opened and never closed: ``x_i f(x)(1 - f(x) = x_i f (1 - f)``.

Typed derivations drop a closing bracket now and then; the side was "an unbalanced (" and the
step was never judged, although every reader closes it at the end of the side, where it is
plainly meant to close. A step unread for that alone is judged once more with the missing
closing brackets put at the end of its side (``\right)`` after a ``\left(``); if it then holds it
is ok, saying so. Anything else keeps the first verdict: a guessed bracket is never the ground of
a wrong.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["closed_side", "settle_open_brackets"]

_UNBALANCED = "an unbalanced ("
#: brackets in the order written: \left( and ( open, \right) and ) close
_BRACKETS = re.compile(r"\\left\s*\(|\\right\s*\)|\\[A-Za-z]+|\\.|[()]")
#: at most this many brackets are closed: more is no dropped bracket but a side not understood
_MOST = 2


def closed_side(side: str) -> str | None:
    """The side with its open brackets closed at the end, or None when none is open (or a closing
    bracket has no opening one, or too many are open)."""
    opened: list[str] = []
    for m in _BRACKETS.finditer(side):
        token = m.group(0)
        if token == "(" or token.startswith("\\left"):
            opened.append(")" if token == "(" else "\\right)")
        elif token == ")" or token.startswith("\\right"):
            if not opened:
                return None
            opened.pop()
    if not opened or len(opened) > _MOST:
        return None
    return side + " " + " ".join(reversed(opened))


def settle_open_brackets(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each step unread for an open bracket judged again with it closed at the end
    of its side, and ok where it then holds; ``again`` is a rejudge.Rejudge."""
    why = "holds with the bracket left open closed at the end of its side ({message})"
    return again.confirm_rewritten(judged, document, _UNBALANCED, closed_side, why)
