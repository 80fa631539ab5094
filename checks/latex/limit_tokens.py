r"""In a side that takes a limit, ``\Delta x`` / ``\Delta{x}`` / ``\delta x`` is the increment of x:
one name (``\Delta_{x}``), not Δ times x. Elsewhere Δ stays a name of its own (``\Delta\theta =
\alpha(y-h)x`` is an update, read as written). Works on the cleaned token list, before the
first-principles rewrite (first_principles.py), which then sees the same name in the limit's
subscript and in the quotient's denominator.
"""

from __future__ import annotations

import re

__all__ = ["chain_limits", "delta_increments"]

Tokens = list[tuple[str, bool]]

#: \lim with its subscript (one brace level inside), and a \lim written without one
_SUBSCRIPTED = re.compile(r"\\lim(?:\s*\\limits)?\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+)")
_BARE = re.compile(r"\\lim(?![A-Za-z])(?!\s*(?:\\limits\s*)?_)")
_INCREMENTS = {r"\Delta", r"\delta"}
_LETTER = re.compile(r"[A-Za-z]")


def delta_increments(toks: Tokens) -> Tokens:
    r"""In a side that takes a limit, each ``\Delta x`` / ``\Delta{x}`` as the one name ``\Delta_{x}``
    (the increment of x); any other side is returned as it is."""
    if not any(t == r"\lim" for t, _ in toks):
        return toks
    out: Tokens = []
    k = 0
    while k < len(toks):
        t, spaced = toks[k]
        letter = _increment_letter(toks, k) if t in _INCREMENTS else None
        if letter is None:
            out.append(toks[k])
            k += 1
            continue
        name, width = letter
        out += [(t, spaced), ("_", False), ("{", False), (name, False), ("}", False)]
        k += width
    return out


def _increment_letter(toks: Tokens, k: int) -> tuple[str, int] | None:
    """(letter, tokens used) of ``\\Delta x`` or ``\\Delta{x}`` at k, or None."""
    nxt = [t for t, _ in toks[k + 1 : k + 4]]
    if nxt[:1] and _LETTER.fullmatch(nxt[0]) and nxt[1:2] != ["_"]:
        return nxt[0], 2
    if len(nxt) == 3 and nxt[0] == "{" and _LETTER.fullmatch(nxt[1]) and nxt[2] == "}":
        return nxt[1], 4
    return None


def chain_limits(terms: list[str]) -> list[str] | None:
    r"""The terms of a chain with each bare ``\lim`` given the subscript the chain wrote
    (``\lim_{\Delta x\to0} f = \lim g = \lim h``: the same limit throughout); None when no term
    has a bare ``\lim``, or the chain's subscripts are not one and the same."""
    subscripts = {m.group(1) for term in terms for m in _SUBSCRIPTED.finditer(term)}
    if len(subscripts) != 1 or not any(_BARE.search(term) for term in terms):
        return None
    (sub,) = subscripts
    return [_BARE.sub(lambda _: "\\lim_" + sub, term) for term in terms]
