r"""A norm typed with two plain bars: ``||W||_F`` is ``\|W\|_F`` (students type ``||`` for the
double bar). Only a pair of adjacent bars closed by the next adjacent pair, with no single bar
between them, is read so; ``|x||y|`` (a product of absolute values) is left as written."""

from __future__ import annotations

__all__ = ["double_bars"]

Tokens = list[tuple[str, bool]]


def double_bars(toks: Tokens) -> Tokens:
    """Each ``|`` ``|`` … ``|`` ``|`` with no other bar inside becomes ``\\|`` … ``\\|``."""
    if sum(t == "|" for t, _ in toks) < 4:
        return toks
    out = list(toks)
    k = 0
    while k + 1 < len(out):
        if not _pair(out, k):
            k += 1
            continue
        j = k + 2
        while j < len(out) and out[j][0] != "|":
            j += 1
        if j == k + 2 or not _pair(out, j):
            k = j + 1
            continue
        out[k : k + 2] = [(r"\|", out[k][1])]
        out[j - 1 : j + 1] = [(r"\|", out[j - 1][1])]
        k = j
    return out


def _pair(toks: Tokens, k: int) -> bool:
    """Two bars written together (the second not preceded by a space)."""
    return k + 1 < len(toks) and toks[k][0] == "|" and toks[k + 1][0] == "|" and not toks[k + 1][1]
