r"""Logarithms to a base, read as a quotient of natural logarithms.

``\log_2 x``, ``\log_{10}(1 + x)``, ``\log_a x`` are ``\frac{\log(x)}{\log(2)}`` and so on: the
change of base. The argument is a bracket right after the base, or one name (with its scripts)
or number; anything else (``\log_a \frac{x}{y}``, ``\log_a xy``, ``\log_2 4/6``, where the
argument's end is a matter of reading) is left as written, and the reader says "a subscript on the function log".

Works on the cleaned token list.
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import FONTS, GREEK

__all__ = ["log_bases"]

Tokens = list[tuple[str, bool]]

_PAIRS = {"(": ")", "[": "]", "{": "}"}


def log_bases(toks: Tokens) -> Tokens:
    """Every ``\\log_b X`` with a clear argument as ``\\frac{\\log(X)}{\\log(b)}``."""
    k = 0
    while k < len(toks):
        if _plain_log(toks, k):  # log_a x typed without the backslash: the same logarithm
            toks = toks[:k] + [(r"\log", toks[k][1])] + toks[k + 3 :]
        if toks[k][0] == r"\log" and k + 1 < len(toks) and toks[k + 1][0] == "_":
            try:
                done = _rewrite(toks, k)
            except IndexError:  # malformed input: left as written
                done = None
            if done is not None:
                toks = done
        k += 1
    return toks


def _plain_log(toks: Tokens, k: int) -> bool:
    """The letters l o g, not ending a longer word, with a subscript after them, at k."""
    if [t for t, _ in toks[k : k + 4]] != ["l", "o", "g", "_"]:
        return False
    return k == 0 or not re.fullmatch(r"[A-Za-z]", toks[k - 1][0]) or toks[k][1]


def _unit_end(toks: Tokens, k: int) -> int | None:
    """The index after one bracket group, or one name with its scripts, or one number, at k."""
    if k >= len(toks):
        return None
    t = toks[k][0]
    if t in _PAIRS:
        depth = 0
        for j in range(k, len(toks)):
            depth += (toks[j][0] == t) - (toks[j][0] == _PAIRS[t])
            if depth == 0:
                return j + 1
        return None
    if re.fullmatch(r"\d+(\.\d+)?", t):
        return k + 1
    if t == r"\frac":  # a fraction as a power: e^\frac{1}{x}
        first = _unit_end(toks, k + 1)
        return _unit_end(toks, first) if first is not None else None
    if t in FONTS:
        end = _unit_end(toks, k + 1)
    elif re.fullmatch(r"[A-Za-z]", t) or (t.startswith("\\") and t[1:] in GREEK):
        end = k + 1
    else:
        return None
    while end is not None and end < len(toks) and toks[end][0] in ("_", "^"):
        end = _unit_end(toks, end + 1)
    return end


def _rewrite(toks: Tokens, k: int) -> Tokens | None:
    base_end = _unit_end(toks, k + 2)
    if base_end is None:
        return None
    base = [t for t, _ in toks[k + 2 : base_end]]
    if base[0] == "{":
        base = base[1:-1]
    arg_end = _unit_end(toks, base_end)
    if arg_end is None:
        return None
    glued = arg_end < len(toks) and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", toks[arg_end][0]) is not None
    if glued and toks[base_end][0] not in _PAIRS:
        return None  # \log_a xy: where the argument ends is not clear
    if arg_end < len(toks) and toks[arg_end][0] == "/" and toks[base_end][0] not in _PAIRS:
        return None  # \log_2 4/6: log₂(4/6) on the page, or (log₂ 4)/6? not clear either
    arg = [t for t, _ in toks[base_end:arg_end]]
    if arg[0] in _PAIRS:
        arg = arg[1:-1]
    out = [r"\frac", "{", r"\log", "(", *arg, ")", "}", "{", r"\log", "(", *base, ")", "}"]
    return toks[:k] + [(t, False) for t in out] + toks[arg_end:]
