r"""Brackets that cross a brace group: ``\partial{[\frac{1}{1+e^{-z}}}]`` is typeset as
``∂[1/(1+e^{-z})]`` (TeX's braces only group, they print nothing), so the bracket opened
first inside the group and closed right after it encloses the group's content."""

from __future__ import annotations

from derive.checks.latex.bare_groups import brace_close

__all__ = ["uncross_groups"]

Tokens = list[tuple[str, bool]]

_CLOSER = {"[": "]", "(": ")"}


def uncross_groups(toks: Tokens) -> Tokens:
    """``{[ X }]`` becomes ``{[ X ]}`` where the bracket opened first in the group is the only one
    left open at its end and the token right after the group closes it; anything else is kept."""
    if not any(t == "{" for t, _ in toks):
        return toks
    out = list(toks)
    for k in range(len(out) - 1):
        if out[k][0] != "{" or out[k + 1][0] not in _CLOSER:
            continue
        end = brace_close(out, k)
        if end is None or end + 1 >= len(out) or out[end + 1][0] != _CLOSER[out[k + 1][0]]:
            continue
        if end + 2 < len(out) and out[end + 2][0] == "{":
            continue  # \frac{[a}]{b}: the group was an argument and ] the next one; not a typo
        if _open_brackets(out[k + 2 : end]) == 0:
            out[end], out[end + 1] = (out[end + 1][0], out[end][1]), (out[end][0], out[end + 1][1])
    return out


def _open_brackets(toks: Tokens) -> int:
    """The bracket depth at the end of a stretch, or -1 where it closes more than it opened."""
    depth = 0
    for t, _ in toks:
        depth += (t in ("(", "[")) - (t in (")", "]"))
        if depth < 0:
            return -1
    return depth
