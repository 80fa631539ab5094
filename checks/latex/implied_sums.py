r"""The index of a sum written without one: ``\sum e^{z_j}``, ``\sum y_i = 1``,
``p_i - \sum y_j p_i``, ``z_i = \sum w_{ij} x_j``.

The sum applies to the product after it (up to a top-level + or −, as with a written index).
Its index is the one letter that subscripts names in that product and subscripts nothing else
in the expression around it: a letter also used outside the sum is a free index there
(``p_i``), not the one summed over. Of several such letters, the one repeated in two
subscripts is summed (``w_{ij} x_j``: j, Einstein's reading), a letter written once is free.
No such letter, or several, and the sum is not read: the bound index is never guessed.
"""

from __future__ import annotations

import re

__all__ = ["implied_index"]

_OPEN = ("{", "(", "[")
_CLOSE = ("}", ")", "]")


def implied_index(toks: list[str], start: int, k: int) -> str | None:
    """The index of the sum whose ``\\sum`` is at ``start`` and whose summand starts at ``k`` in
    ``toks`` (the tokens of the expression around it), or None when it is not clear."""
    end = _summand_end(toks, k)
    inside = _subscript_letters(toks[k:end])
    if inside is None:
        return None
    outside = _loose_letters(toks[:start]) | _loose_letters(toks[end:])
    candidates = inside - outside
    if len(candidates) > 1:
        # w_{ij} x_j: the letter repeated in two subscripts is the one summed (Einstein's reading);
        # a letter written once is free
        candidates = {c for c in candidates if _subscripts_with(toks[k:end], c) >= 2}
    return candidates.pop() if len(candidates) == 1 else None


def _subscripts_with(toks: list[str], letter: str) -> int:
    """How many subscripts of ``toks`` hold ``letter``."""
    count = 0
    for j, t in enumerate(toks):
        if t == "_" and j + 1 < len(toks):
            sub = [toks[j + 1]]
            if toks[j + 1] == "{":
                close = toks.index("}", j + 1) if "}" in toks[j + 1 :] else len(toks)
                sub = toks[j + 2 : close]
            count += letter in sub
    return count


def _summand_end(toks: list[str], k: int) -> int:
    """Where the product after the sum ends: a top-level + or −, a relation, or the group's end."""
    depth = 0
    for j in range(k, len(toks)):
        t = toks[j]
        depth += (t in _OPEN) - (t in _CLOSE)
        if depth < 0 or (depth == 0 and j > k and (t in ("+", "-", "=") or t == r"\sum") and toks[j - 1] != "^"):
            return j
    return len(toks)


def _subscript_letters(toks: list[str]) -> set[str] | None:
    """Letters written in subscripts (``x_j``, ``w_{ij}``, ``x_{k+1}``); None when a subscript
    holds something other than letters, digits and + −, which may name anything."""
    letters: set[str] = set()
    for j, t in enumerate(toks):
        if t != "_" or j + 1 >= len(toks):
            continue
        if toks[j + 1] == "{":
            depth, m = 0, j + 1
            while m < len(toks):
                depth += (toks[m] == "{") - (toks[m] == "}")
                if depth == 0:
                    break
                m += 1
            sub = toks[j + 2 : m]
        else:
            sub = [toks[j + 1]]
        if not all(re.fullmatch(r"[A-Za-z]|\d+|[+-]", s) for s in sub):
            return None
        letters |= {s for s in sub if s.isalpha()}
    return letters


def _loose_letters(toks: list[str]) -> set[str]:
    """Every letter written anywhere in a subscript (``W_{\\text{out}}`` gives o, u, t): outside
    the sum, more letters only rule out more candidates."""
    letters: set[str] = set()
    depth = 0
    in_sub = False
    for j, t in enumerate(toks):
        if t == "_" and j + 1 < len(toks):
            in_sub, depth = True, 0
            if toks[j + 1] != "{":
                letters |= {toks[j + 1]} if toks[j + 1].isalpha() else set()
                in_sub = False
            continue
        if in_sub:
            depth += (t == "{") - (t == "}")
            if re.fullmatch(r"[A-Za-z]", t):
                letters.add(t)
            if depth == 0:
                in_sub = False
    return letters
