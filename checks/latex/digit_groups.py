r"""Digits grouped by threes with a space between are one number: ``50 880``, ``51\,300``, ``1\,000\,000``.

A parameter count is written ``(785 \cdot 64) + (64 \cdot 10) = 50 880`` or, in the SI style,
``50\,880``. TeX sets the first as 50880 (spaces do not print in math) and the second with a thin
space between the groups: both are fifty thousand eight hundred and eighty. Read as two numbers
side by side they were a product, 50 · 880 = 44 000, and a correct count was called wrong.

So a run of one to three digits followed, after whitespace, ``\,`` or ``\!``, by exactly three
digits (then possibly more such groups) is one number. Not where the first digits are a
subscript's or a power's (``x_1 200``: the subscript takes its one digit), nor after a decimal
point (``0.5 100`` is left alone), nor for groups of other lengths (``2 3``): those are not how
anyone groups digits, and are left to the reader as before.
"""

from __future__ import annotations

import re

__all__ = ["digit_groups"]

Tokens = list[tuple[str, bool]]

_LEAD = re.compile(r"\d{1,3}")
_GROUP = re.compile(r"\d{3}(?:\.\d+)?")
#: what may stand between two groups besides whitespace: the thin space and its negative
_THIN = {r"\,", r"\!"}


def digit_groups(toks: Tokens) -> Tokens:
    """The tokens with each space-grouped number joined into one token."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        word, spaced = toks[k]
        k += 1
        scripted = bool(out) and out[-1][0] in ("_", "^", ".")
        if not _LEAD.fullmatch(word) or scripted:
            out.append((word, spaced))
            continue
        while (step := _next_group(toks, k)) is not None:
            word += toks[step][0]
            k = step + 1
            if "." in word:
                break
        out.append((word, spaced))
    return out


def _next_group(toks: Tokens, k: int) -> int | None:
    """Where the next group of three digits starts, if one follows at ``k`` after a space."""
    j = k + 1 if k < len(toks) and toks[k][0] in _THIN else k
    if j >= len(toks) or not _GROUP.fullmatch(toks[j][0]):
        return None
    return j if (j > k or toks[j][1]) else None
