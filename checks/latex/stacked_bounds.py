r"""A sum's subscript written on stacked lines is its parts side by side: ``\sum_{\substack{k=1 \\ k \neq i}}``.

amsmath's ``\substack{k = 1 \\ k \neq i}`` (or a one-column ``\begin{array}{c} … \end{array}`` in
its place) under a sum sets its start and its condition on two lines. The sum reader takes them
written on one line with a comma (``\sum_{k=1, k \neq i}``, index_sums.read_sum_subscript); so the
stack becomes that: its rows joined by commas. Only a stack that is the whole subscript group of a
script mark is rewritten (an array anywhere else is a matrix, read as such or not at all).
"""

from __future__ import annotations

from derive.checks.latex.bare_groups import brace_close

__all__ = ["stacked_bounds"]

Tokens = list[tuple[str, bool]]

_ROW = "\\\\"


def stacked_bounds(toks: Tokens) -> Tokens:
    """The tokens with each stacked subscript written on one line."""
    if not any(t in (r"\substack", r"\begin") for t, _ in toks):
        return toks
    out = list(toks)
    k = 0
    while k + 2 < len(out):
        stack = _stack(out, k + 2) if out[k][0] == "_" and out[k + 1][0] == "{" else None
        if stack is not None and stack[2] < len(out) and out[stack[2]][0] == "}":
            rows = [(",", False) if t == _ROW else (t, s) for t, s in out[stack[0] : stack[1]]]
            out[k + 2 : stack[2]] = rows
        k += 1
    return out


def _stack(toks: Tokens, k: int) -> tuple[int, int, int] | None:
    """(rows' start, rows' end, index after the stack) of a \\substack{…} or a one-column array at k."""
    if toks[k][0] == r"\substack" and k + 1 < len(toks) and toks[k + 1][0] == "{":
        end = brace_close(toks, k + 1)
        return (k + 2, end, end + 1) if end is not None else None
    if _text(toks, k, 11) not in (r"\begin{array}{c}", r"\begin{array}{l}"):
        return None
    for j in range(k + 11, len(toks)):
        if _text(toks, j, 8) == r"\end{array}":
            return k + 11, j, j + 8
    return None


def _text(toks: Tokens, k: int, n: int) -> str:
    return "".join(t for t, _ in toks[k : k + n])
