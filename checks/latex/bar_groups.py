r"""Bars that group like brackets: ``\|y - Xw\|`` and ``|x - 1|`` hold their sum.

The scalar reader ends a derivative operator's operand at the first top-level ``+`` or ``-`` and
calls the step loose there (``\frac{d}{da} w a + b``: of w a, or of w a + b?). A sum between norm or
absolute-value bars is not at the top level: ``\nabla_w \frac{1}{n}\|y - Xw\|^2`` differentiates the
whole norm, and reading its ``-`` as the end of the operand made a dropped 1/n look like a question
of scope (held inconclusive) instead of the error it is.

Bars of one kind are paired in order (first with second, third with fourth) at the bracket depth
where the operand starts; an odd count of one kind (``f(x)|_{x=0}``, ``p(y|x)`` outside brackets)
pairs none of that kind, since which bar closes which is then a guess.
"""

from __future__ import annotations

__all__ = ["inside_bars"]

#: the bars that open and close a group: the double bar (one token, or its two halves) and the single bar
_TOGGLES = {r"\|": "double", r"\Vert": "double", "|": "single"}
_OPENERS = {r"\lVert": "double", r"\lvert": "single"}
_CLOSERS = {r"\rVert": "double", r"\rvert": "single"}
_OPEN = ("{", "(", "[", r"\begin")
_CLOSE = ("}", ")", "]", r"\end")


def inside_bars(toks: list[str], start: int, j: int) -> bool:
    """Whether ``toks[j]`` lies between two paired bars that sit at the bracket depth of
    ``toks[start]`` (the operand's start), bars before ``start`` aside."""
    for first, last in _pairs(toks, start):
        if first < j < last:
            return True
    return False


def _pairs(toks: list[str], start: int) -> list[tuple[int, int]]:
    bars: dict[str, list[tuple[int, str]]] = {"double": [], "single": []}
    depth = 0
    for k in range(start, len(toks)):
        t = toks[k]
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth -= 1
            if depth < 0:
                break  # the bracket around the operand closes
        elif depth == 0 and t in _TOGGLES:
            bars[_TOGGLES[t]].append((k, "toggle"))
        elif depth == 0 and t in _OPENERS:
            bars[_OPENERS[t]].append((k, "open"))
        elif depth == 0 and t in _CLOSERS:
            bars[_CLOSERS[t]].append((k, "close"))
    out: list[tuple[int, int]] = []
    for found in bars.values():
        if len(found) % 2:
            continue  # an unpaired bar: which closes which is a guess
        for (a, kind_a), (b, kind_b) in zip(found[::2], found[1::2], strict=True):
            if kind_a == "close" or kind_b == "open":
                return []  # \rVert before its \lVert: not a grouping this reads
            out.append((a, b))
    return out
