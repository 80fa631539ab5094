r"""A value that opens a list of numbers going on: ``m = 1, 2, 3, \dots``.

"The phase is δ = mπ, m = 1, 2, 3, …" says which values m runs over, not that m is 1. The chain
splitter already ends a range ``l = 1, \ldots, L`` at its ellipsis (no claim, no definition); a
list that writes a few numbers before the ellipsis was cut at its first comma instead, leaving
``m = 1`` as a chain, so m was taken to be 1 everywhere after it: a later ``\frac{2d}{m+1} -
\frac{2d}{m} = …`` written for a general m was judged at m = 1 and called wrong (and a wrong step
true at m = 1 would have been called ok). :func:`numbers_go_on` tells the splitter that the
comma after ``1`` continues such a list.
"""

from __future__ import annotations

import re

__all__ = ["numbers_go_on"]

#: a number as one token (1, 0.5, -2)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: an ellipsis, as a command or typed
_ELLIPSES = {r"\ldots", r"\dots", r"\cdots", r"\dotsc", r"\dotso", "…", "⋯"}


def numbers_go_on(toks: list[str], k: int) -> bool:
    r"""Do the tokens from ``k`` (just after a comma) list numbers, comma after comma, up to an
    ellipsis (``2, 3, \dots``)? A name or any other term in the list: no."""
    numbers = 0
    while k < len(toks):
        t = toks[k].strip()
        if not t or t in ("{", "}"):
            k += 1
        elif t in _ELLIPSES or toks[k : k + 3] == [".", ".", "."]:
            return numbers > 0
        elif _NUMBER.fullmatch(t) and k + 1 < len(toks):
            numbers += 1
            k += 1
            while k < len(toks) and not toks[k].strip():
                k += 1
            if k >= len(toks) or toks[k] != ",":
                return False
            k += 1
        else:
            return False
    return False
