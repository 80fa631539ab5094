r"""Braces used as brackets: ``\sum_i \left\{ -y_i \frac{1}{h_i} + (1 - y_i) \frac{1}{1 - h_i} \right\}``.

Notes in some traditions (and some Japanese and Korean courses) bracket an expression with braces
where others write parentheses, ``\{ f(g(x)) \}' = f'(g(x)) g'(x)``. Read as a set they were "set
braces", and the step was never judged. A pair of braces whose content is an expression (an
operation, a call or a power in it) and nothing a set is written with (no comma, colon, bar,
semicolon or ``\in`` at its top level) is read as parentheses; a set (``\{1, 2, 3\}``, ``\{x : x >
0\}``, ``\{x\}``) and a cases brace (brace_cases.py) stay as they were.
"""

from __future__ import annotations

__all__ = ["grouping_braces"]

Tokens = list[tuple[str, bool]]

#: what a set is written with, at the braces' top level
_SET_MARKS = {",", ":", "|", ";", r"\mid", r"\in", r"\vert", r"\colon", r"\setminus", r"\ldots", r"\dots", r"\cdots"}
#: what makes the content an expression rather than one element
_EXPRESSION_MARKS = {"+", "-", r"\frac", r"\cdot", r"\sum", r"\prod", "(", r"\log", r"\ln", r"\exp", "^", r"\partial"}
_OPEN, _CLOSE = r"\{", r"\}"


def _matching(toks: Tokens, start: int) -> int | None:
    depth = 0
    for k in range(start, len(toks)):
        depth += (toks[k][0] == _OPEN) - (toks[k][0] == _CLOSE)
        if depth == 0:
            return k
    return None


def _expression(content: list[str]) -> bool:
    depth = 0
    marked = False
    for t in content:
        depth += (t in ("{", "(", "[", _OPEN, r"\left")) - (t in ("}", ")", "]", _CLOSE, r"\right"))
        if depth == 0 and t in _SET_MARKS:
            return False
        marked = marked or t in _EXPRESSION_MARKS
    return marked


def grouping_braces(toks: Tokens) -> Tokens:
    """The tokens with each pair of grouping braces written as parentheses (module docstring)."""
    if not any(t == _OPEN for t, _ in toks):
        return toks
    out = list(toks)
    for k, (t, _) in enumerate(out):
        if t != _OPEN:
            continue
        end = _matching(out, k)
        if end is None or not _expression([u for u, _ in out[k + 1 : end]]):
            continue
        out[k] = ("(", out[k][1])
        out[end] = (")", out[end][1])
    return out
