r"""Sums written out with an ellipsis, read as the sum they spell.

``a_1 + a_2 + \dots + a_n``, ``\exp(x_1) + \cdots + \exp(x_n)``, ``p_iy_1 + p_iy_2 + \ldots +
p_iy_n``, ``\frac{\partial L}{\partial p_1}\frac{\partial p_1}{\partial x_i} + \dots +
\frac{\partial L}{\partial p_n}\frac{\partial p_n}{\partial x_i}``, ``-x_0 - x_1 - … - x_m``:
the terms before the ellipsis are one term with a number running 0, 1, 2, … (or 1, 2, …) in
the same places, and the term after it has one letter (n, K, N, m) in those places and is
otherwise the same. That is ``\sum_{k=1}^{n}`` of the term with a fresh index letter k in
those places. Anything else (terms that differ elsewhere, an end such as ``n-1``, numbers that
do not count up by one, an ellipsis at the end of a series) is left as written, and the
reader reports "an ellipsis".

Works on the cleaned token list (spacing dropped, spellings unified, ``\partial J/\partial w``
already a fraction).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "FRESH",
    "each_ellipsis",
    "ellipsis_sums",
    "group_bounds",
    "next_ellipsis",
    "plain",
    "run_start",
    "running",
    "same_but",
    "split_terms",
]

Tokens = list[tuple[str, bool]]

_ELLIPSES = {r"\dots", r"\cdots", r"\ldots", r"\dotsb", r"\dotsc", r"\dotsm"}
_OPEN = ("(", "[", "{")
_CLOSE = (")", "]", "}")
#: index letters tried for the sum, in this order; the first not used in the side is taken
FRESH = "kjimlrstuvpq"


def ellipsis_sums(toks: Tokens) -> Tokens:
    """Every ``T_1 + T_2 + … + T_n`` of the side rewritten as a sum, when its pattern is clear."""
    return each_ellipsis(toks, _rewrite_at)


def each_ellipsis(toks: Tokens, rewrite_at: Callable[[Tokens, int, int], Tokens | None]) -> Tokens:
    """``rewrite_at(toks, index, width)`` tried at every ellipsis in turn, from the start again
    after each rewrite (None: that ellipsis is left as written). Malformed input is left as
    written (the reader then says why)."""
    try:
        return _each_ellipsis(toks, rewrite_at)
    except (IndexError, ValueError):
        return toks


def _each_ellipsis(toks: Tokens, rewrite_at: Callable[[Tokens, int, int], Tokens | None]) -> Tokens:
    start = 0
    for _ in range(len(toks)):
        found = next_ellipsis(toks, start)
        if found is None:
            return toks
        at, width = found
        rewritten = rewrite_at(toks, at, width)
        if rewritten is None:
            start = at + width
        else:
            toks, start = rewritten, 0
    return toks


def next_ellipsis(toks: Tokens, start: int) -> tuple[int, int] | None:
    """(index, number of tokens) of the next ellipsis at or after ``start``."""
    for k in range(start, len(toks)):
        if toks[k][0] in _ELLIPSES:
            return k, 1
        if [t for t, _ in toks[k : k + 3]] == [".", ".", "."]:
            return k, 3
    return None


def group_bounds(toks: Tokens, at: int) -> tuple[int, int]:
    """(start, end) of the bracket group around index ``at``, or the whole list."""
    depth = 0
    start = 0
    for j in range(at - 1, -1, -1):
        depth += (toks[j][0] in _CLOSE) - (toks[j][0] in _OPEN)
        if depth < 0:
            start = j + 1
            break
    depth = 0
    end = len(toks)
    for j in range(at + 1, len(toks)):
        depth += (toks[j][0] in _OPEN) - (toks[j][0] in _CLOSE)
        if depth < 0:
            end = j
            break
    return start, end


def split_terms(toks: Tokens, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, sign) of each term of ``toks[start:end]`` split at its top-level + and −
    (a sign after ^ or _ belongs to a script: ``e^-x``); sign is "" for an unsigned first term."""
    out: list[tuple[int, int, str]] = []
    depth = 0
    term_start, sign = start, ""
    for j in range(start, end):
        t = toks[j][0]
        depth += (t in _OPEN) - (t in _CLOSE)
        script = j > start and toks[j - 1][0] in ("^", "_")
        if depth == 0 and t in ("+", "-") and not script:
            if j > term_start:
                out.append((term_start, j, sign))
            term_start, sign = j + 1, t
    out.append((term_start, end, sign))
    return out


def running(last: list[str], after: list[str]) -> tuple[list[int], int, str] | None:
    """(places, number, letter): where the last term before the ellipsis has one number and the
    term after it one letter, the two being the same elsewhere."""
    if len(last) != len(after):
        return None
    places = [j for j, (a, b) in enumerate(zip(last, after, strict=True)) if a != b]
    if not places:
        return None
    numbers = {last[j] for j in places}
    letters = {after[j] for j in places}
    if len(numbers) != 1 or len(letters) != 1:
        return None
    if any(j > 0 and last[j - 1] in ("(", "[") for j in places):
        return None  # x^{(1)}, W^{[2]}: a layer or sample label, which the reader keeps as a name
    number, letter = numbers.pop(), letters.pop()
    if not number.isdigit() or not re.fullmatch(r"[A-Za-z]", letter) or letter in last:
        return None
    return places, int(number), letter


def _rewrite_at(toks: Tokens, at: int, width: int) -> Tokens | None:
    """The tokens with the sequence around the ellipsis at ``at`` as a sum, or None."""
    start, end = group_bounds(toks, at)
    terms = split_terms(toks, start, end)
    here = next((n for n, (s, e, _) in enumerate(terms) if s <= at < e or s == at), None)
    if here is None or here == 0 or here + 1 >= len(terms):
        return None
    s, e, sign = terms[here]
    if (s, e) != (at, at + width) or terms[here + 1][2] != sign:
        return None  # the ellipsis is a term of its own, between two equal signs
    if here + 2 < len(terms) and terms[here + 2][2] == sign and next_ellipsis(toks, terms[here + 2][0]) == (
        terms[here + 2][0],
        terms[here + 2][1] - terms[here + 2][0],
    ):
        return None  # T_1 + … + T_i + … + T_n: one run with a term at i (ellipsis_runs), not a sum to i
    after = plain([t for t, _ in toks[terms[here + 1][0] : terms[here + 1][1]]])
    last = plain([t for t, _ in toks[terms[here - 1][0] : terms[here - 1][1]]])
    found = running(last, after)
    if found is None:
        return None
    places, value, letter = found
    first, value = run_start(toks, terms, here - 1, last, places, value, sign)
    lead = terms[first][2]
    if value not in (0, 1) or not (lead == sign or (sign == "+" and lead == "")):
        return None
    index = next((c for c in FRESH if c not in {t for t, _ in toks}), None)
    if index is None:
        return None
    body = [(index, False) if j in places else (t, False) for j, t in enumerate(last)]
    total = [(r"\sum", False), ("_", False), ("{", False), (index, False), ("=", False), (str(value), False)]
    total += [("}", False), ("^", False), ("{", False), (letter, False), ("}", False)]
    total += [("{", False), *body, ("}", False)]
    # from the first term (its sign kept) to the end of the term after the ellipsis
    return toks[: terms[first][0]] + total + toks[terms[here + 1][1] :]


def run_start(
    toks: Tokens,
    terms: list[tuple[int, int, str]],
    first: int,
    last: list[str],
    places: list[int],
    value: int,
    sign: str,
) -> tuple[int, int]:
    """Back from term ``first`` (counter ``value``) over the terms of the same sign that are ``last``
    with the counter one less each time: (the run's first term, its counter)."""
    while first > 0 and value > 0 and terms[first][2] == sign:
        earlier = plain([t for t, _ in toks[terms[first - 1][0] : terms[first - 1][1]]])
        if not same_but(earlier, last, places, str(value - 1)):
            break
        first, value = first - 1, value - 1
    return first, value


def same_but(earlier: list[str], last: list[str], places: list[int], number: str) -> bool:
    """Is ``earlier`` the term ``last`` with ``number`` in the running places?"""
    if len(earlier) != len(last):
        return False
    return all((a == number) if j in places else (a == b) for j, (a, b) in enumerate(zip(earlier, last, strict=True)))


def plain(term: list[str]) -> list[str]:
    """``a_{1}`` written as ``a_1``: braces around one token of a script dropped, so that terms
    written both ways compare equal."""
    out: list[str] = []
    k = 0
    while k < len(term):
        if (
            term[k] in ("_", "^")
            and k + 3 < len(term) + 1
            and term[k + 1 : k + 2] == ["{"]
            and term[k + 3 : k + 4] == ["}"]
        ):
            out += [term[k], term[k + 2]]
            k += 4
            continue
        out.append(term[k])
        k += 1
    return out
