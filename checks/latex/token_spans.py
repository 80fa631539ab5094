"""One scan for the rewrites of a token list kept as two lists (tokens, spacing before each):
a rewrite tries each index and either keeps that token or puts a replacement in.

The replacement takes the spacing of the token it starts at, and its other tokens none (they
are one name: ``w 5`` -> ``w _ { 5 }``), which is what every rewrite of these lists wants.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["argument_end", "each_span", "each_token_span", "group_end", "word_group_end"]


def each_span(
    toks: list[str], spaced: list[bool], at: Callable[[int], tuple[list[str], int] | None]
) -> tuple[list[str], list[bool]]:
    """(tokens, spacing) with ``at(k)`` tried at each index k: (replacement, next index) puts the
    replacement in, None keeps ``toks[k]``."""
    out: list[str] = []
    gaps: list[bool] = []
    k = 0
    while k < len(toks):
        found = at(k)
        if found is None:
            out.append(toks[k])
            gaps.append(spaced[k])
            k += 1
            continue
        replacement, end = found
        out += replacement
        gaps += [spaced[k]] + [False] * (len(replacement) - 1)
        k = end
    return out, gaps


def each_token_span(
    toks: list[tuple[str, bool]],
    at: Callable[[list[tuple[str, bool]], int, list[tuple[str, bool]]], tuple[list[tuple[str, bool]], int] | None],
) -> list[tuple[str, bool]]:
    """The same scan over (token, spacing) pairs: ``at(toks, k, out)`` (``out``: what is already
    written) gives (replacement pairs, next index), or None to keep ``toks[k]``."""
    out: list[tuple[str, bool]] = []
    k = 0
    while k < len(toks):
        found = at(toks, k, out)
        if found is None:
            out.append(toks[k])
            k += 1
        else:
            replacement, k = found
            out += replacement
    return out


def group_end(
    toks: list[tuple[str, bool]], k: int, not_alone: tuple[str, ...] = ("}", "^", "_")
) -> int | None:
    """The index after the brace group at k, or after the single token at k unless it is one of
    ``not_alone`` (a closing brace or a script mark is no argument); None when there is none."""
    if k >= len(toks):
        return None
    if toks[k][0] != "{":
        return k + 1 if toks[k][0] not in not_alone else None
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == "{") - (toks[j][0] == "}")
        if depth == 0:
            return j + 1
    return None


def word_group_end(words: list[str], k: int) -> int | None:
    """:func:`group_end` over plain tokens (no spacing flags), any single token an argument: the
    index after the brace group or the token at k; None past the end or for an unclosed group."""
    if k >= len(words):
        return None
    if words[k] != "{":
        return k + 1
    depth = 0
    for j in range(k, len(words)):
        depth += (words[j] == "{") - (words[j] == "}")
        if depth == 0:
            return j + 1
    return None


def argument_end(toks: list[tuple[str, bool]], k: int) -> int | None:
    """The index after the brace group or single token at k, where a slash, =, or script mark is
    no argument either (the rewrites of token_rewrites.py and written_forms.py)."""
    return group_end(toks, k, ("}", "/", "=", "^", "_"))

