r"""A run of terms with one term written differently in the middle: ``T_1 + T_2 + \dots + X + \dots
+ T_n``, read as the sum of the pattern with the i-th term replaced by X.

Derivations of the softmax gradient write the sum they are simplifying with the one term that
differs slipped in between two ellipses: ``p_iy_1 + p_iy_2 + \dots + (p_i - y_i) + \dots +
p_iy_n``. The run before the first ellipsis and the term after the second one must follow one
pattern (as in :mod:`derive.checks.latex.ellipsis_sums`: a counter 1, 2, … in the same places,
a size letter in the last term), and X must name exactly one index letter in its subscripts
(``i``), which is neither the size nor the counter: X is then the term at that index, and the
run is ``\sum_{k=1, k \ne i}^{n} T_k + X``. Anything less certain (X with two index letters or
none, a run that does not follow one pattern, different signs) is left as written, and the
reader says "an ellipsis".
"""

from __future__ import annotations

import re

# the pattern rules are ellipsis_sums' own, so that both read a run the same way
from derive.checks.latex.ellipsis_sums import (
    FRESH,
    Tokens,
    each_ellipsis,
    group_bounds,
    plain,
    run_start,
    running,
    split_terms,
)

__all__ = ["ellipsis_runs"]


def ellipsis_runs(toks: Tokens) -> Tokens:
    """Every ``T_1 + … + X + … + T_n`` of the side rewritten, when its pattern is clear."""
    return each_ellipsis(toks, _rewrite_at)


def _text(toks: Tokens, term: tuple[int, int, str]) -> list[str]:
    return plain([t for t, _ in toks[term[0] : term[1]]])


def _rewrite_at(toks: Tokens, at: int, width: int) -> Tokens | None:
    """The run whose first ellipsis is at ``at`` as a sum with one term replaced, or None."""
    start, end = group_bounds(toks, at)
    terms = split_terms(toks, start, end)
    here = next((n for n, (s, e, _) in enumerate(terms) if s == at and e == at + width), None)
    if here is None or here == 0 or here + 3 >= len(terms):
        return None
    second = terms[here + 2]
    sign = terms[here][2]
    if _text(toks, second) not in ([t] for t in _ELLIPSES) and _text(toks, second) != [".", ".", "."]:
        return None
    if any(terms[k][2] != sign for k in (here + 1, here + 2, here + 3)):
        return None
    last, after = _text(toks, terms[here - 1]), _text(toks, terms[here + 3])
    found = running(last, after)
    if found is None:
        return None
    places, value, letter = found
    first, value = run_start(toks, terms, here - 1, last, places, value, sign)
    lead = terms[first][2]
    if value != 1 or not (lead == sign or (sign == "+" and lead == "")):
        return None
    special = _text(toks, terms[here + 1])
    position = _own_term_at(special, last, places, letter) or _position(special, letter, last)
    used = {t for t, _ in toks}
    index = next((c for c in FRESH if c not in used), None)
    if position is None or index is None:
        return None
    body = [(index, False) if j in places else (t, False) for j, t in enumerate(last)]
    total = [(r"\sum", False), ("_", False), ("{", False), (index, False), ("=", False), ("1", False)]
    total += [(",", False), (index, False), (r"\ne", False), (position, False), ("}", False)]
    total += [("^", False), ("{", False), (letter, False), ("}", False), ("{", False), *body, ("}", False)]
    total += [(sign or "+", False), ("(", False), *toks[terms[here + 1][0] : terms[here + 1][1]], (")", False)]
    return toks[: terms[first][0]] + total + toks[terms[here + 3][1] :]


def _own_term_at(special: list[str], pattern: list[str], places: list[int], size: str) -> str | None:
    r"""The letter X is the pattern's own term at (``e^{z_i}`` between ``e^{z_1} + \ldots`` and
    ``\ldots + e^{z_K}``), or None. Such a run is the whole sum: its i-th term is written, not
    replaced, which holds wherever 1 ≤ i ≤ K, as the writer places it."""
    if len(special) != len(pattern):
        return None
    differ = [j for j, (a, b) in enumerate(zip(special, pattern, strict=True)) if a != b]
    letters = {special[j] for j in differ}
    if differ != places or len(letters) != 1:
        return None
    letter = letters.pop()
    if not re.fullmatch(r"[A-Za-z]", letter) or letter == size:
        return None
    return letter


_ELLIPSES = (r"\dots", r"\cdots", r"\ldots", r"\dotsb", r"\dotsc", r"\dotsm")


def _position(special: list[str], size: str, pattern: list[str]) -> str | None:
    """The one index letter X's subscripts name (``i`` in ``p_i - y_i``), or None."""
    letters: set[str] = set()
    for k, t in enumerate(special[:-1]):
        if t != "_":
            continue
        script = special[k + 1]
        if script == "{":
            close = special.index("}", k + 2)
            script_toks = special[k + 2 : close]
        else:
            script_toks = [script]
        for s in script_toks:
            if re.fullmatch(r"[A-Za-z]", s):
                letters.add(s)
            elif s not in (",",) and not s.isdigit():
                return None  # x_{i-1}, a label or a command: not one plain index
    if len(letters) != 1:
        return None
    letter = letters.pop()
    if letter == size or letter not in pattern:
        # the size letter is the last term's; an index the pattern never uses cannot be its
        # position among the pattern's terms with any certainty
        return None
    return letter
