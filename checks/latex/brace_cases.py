r"""A brace opened before an array and closed by nothing is a cases environment.

``\left\{ \begin{array}{ll} 0, & x < 0 \\ \frac{\partial L}{\partial y}, & x \geq 0 \end{array}
\right.`` is how cases are written without amsmath (older notes, MathJax habits). Read as a set
brace around a matrix it was "set braces". The tokens become ``\begin{cases} … \end{cases}``, which
both readers and cases_steps know; only where the array is the whole content between ``\left\{``
and ``\right.`` (an array inside other brackets is a matrix).
"""

from __future__ import annotations

from derive.checks.latex.bare_groups import brace_close

__all__ = ["brace_cases"]

Tokens = list[tuple[str, bool]]

_BEGIN_ARRAY = ["\\begin", "{", "a", "r", "r", "a", "y", "}"]
_END_ARRAY = ["\\end", "{", "a", "r", "r", "a", "y", "}"]


def _environment(word: str, edge: str) -> Tokens:
    return [(edge, False), ("{", False), *((c, False) for c in word), ("}", False)]


def brace_cases(toks: Tokens) -> Tokens:
    """The tokens with each ``\\left\\{ \\begin{array}{…} … \\end{array} \\right.`` as a cases environment."""
    if not any(t == "\\right" for t, _ in toks):
        return toks
    out = list(toks)
    k = 0
    while k + 10 < len(out):
        if [t for t, _ in out[k : k + 2]] == ["\\left", "\\{"] and [t for t, _ in out[k + 2 : k + 10]] == _BEGIN_ARRAY:
            start = k + 10
            if start < len(out) and out[start][0] == "{":  # the column specification {ll}
                close = brace_close(out, start)
                end = _end(out, close + 1) if close is not None else None
                if end is not None:
                    body = out[close + 1 : end]
                    after = end + 9 + (end + 9 < len(out) and out[end + 9][0] == ".")
                    out[k:after] = [*_environment("cases", "\\begin"), *body, *_environment("cases", "\\end")]
        k += 1
    return out


def _end(toks: Tokens, k: int) -> int | None:
    """Where ``\\end{array} \\right .`` closing the array opened before k starts, if it does (the
    final dot may be cut off with a sentence's end by the chain reader)."""
    depth = 0
    for j in range(k, len(toks) - 8):
        word = toks[j][0]
        if word == "\\begin":
            depth += 1
        elif word == "\\end":
            if depth == 0:
                tail = [t for t, _ in toks[j : j + 10]]
                return j if tail in ([*_END_ARRAY, "\\right", "."], [*_END_ARRAY, "\\right"]) else None
            depth -= 1
    return None
