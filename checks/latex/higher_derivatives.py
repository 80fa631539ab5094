r"""Higher derivatives in Leibniz's notation, rewritten as first derivatives taken in turn.

Hessians, Newton steps and convexity proofs write ``\frac{\partial^2 \ell}{\partial w_i \partial w_j}``,
``\frac{\partial^2 L}{\partial w^2}``, ``\frac{d^2 f}{dx^2}`` and the operator ``\frac{\partial^2}{\partial
x \partial y}``; the reader had no form for them ("a higher derivative", "a derivative written in a
form not read"). The order on top must be a number and the differentials below must add up to it
(``\partial x^2`` counts two, ``\partial x\,\partial y`` one each); the fraction is then the first
derivatives one after another, the last one taking what is differentiated:
``\frac{\partial^2 F}{\partial x \partial y}`` → ``(\frac{\partial}{\partial x}(\frac{\partial F}{\partial
y}))`` and the operator ``\frac{\partial^2}{\partial x^2}`` → ``\frac{\partial}{\partial x}\frac{\partial}
{\partial x}``, which the reader takes exactly (SymPy differentiates; the order of mixed partials
of the smooth functions read here does not matter). Anything else (orders that do not add up, a
power that is not a number, a differential by an expression) is left as written.
"""

from __future__ import annotations

from derive.checks.latex.tex_names import FONTS
from derive.checks.latex.token_spans import argument_end

__all__ = ["higher_derivatives"]

Tokens = list[tuple[str, bool]]

#: spacing between the differentials below the bar
_SPACES = {r"\,", r"\;", r"\!", r"\:", "\\ ", r"\quad"}
#: commands that are no name to differentiate by
_NOT_NAMES = {r"\partial", r"\frac", r"\left", r"\right", r"\cdot", r"\times", r"\sum", r"\prod"}


def _order(toks: Tokens, k: int) -> tuple[int, int] | None:
    """(order, index after it) of ``^2`` or ``^{2}`` at k, or None."""
    if k >= len(toks) or toks[k][0] != "^":
        return None
    if k + 1 < len(toks) and toks[k + 1][0].isdigit():
        return int(toks[k + 1][0]), k + 2
    if toks[k + 1 : k + 2] == [("{", False)] and k + 3 < len(toks) and toks[k + 2][0].isdigit():
        if toks[k + 3][0] == "}":
            return int(toks[k + 2][0]), k + 4
    return None


def _differential(toks: Tokens, k: int, end: int) -> tuple[Tokens, int, int] | None:
    """(variable, order, index after) of ``\\partial x^2`` / ``d w_i`` at k, within [k, end)."""
    if toks[k][0] not in (r"\partial", "d") or k + 1 >= end:
        return None
    j = k + 1
    t = toks[j][0]
    if t in FONTS:
        name_end = argument_end(toks, j + 1)
    elif (len(t) == 1 and t.isalpha()) or (t.startswith("\\") and t[1:].isalpha() and t not in _NOT_NAMES):
        name_end = j + 1
    else:
        return None
    order, after = 1, name_end
    while name_end is not None and name_end < end and toks[name_end][0] in ("_", "^"):
        power = _order(toks, name_end)
        if power is not None:  # the order, not part of the name
            order, after = power
            break
        name_end = after = argument_end(toks, name_end + 1)
    if name_end is None or after is None or after > end:
        return None
    return toks[j:name_end], order, after


def _denominator(toks: Tokens, start: int, end: int) -> list[tuple[Tokens, int]] | None:
    """The differentials of ``{∂x ∂y}`` (braces at start and end - 1), or None."""
    found = []
    k = start + 1
    while k < end - 1:
        if toks[k][0] in _SPACES:
            k += 1
            continue
        read = _differential(toks, k, end - 1)
        if read is None:
            return None
        found.append(read[:2])
        k = read[2]
    return found or None


def higher_derivatives(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    """``\\frac{\\partial^n F}{…}`` at k rewritten as n first derivatives (see above), or None."""
    if toks[k][0] != r"\frac" or toks[k + 1 : k + 2] != [("{", False)] or k + 3 >= len(toks):
        return None
    sign = toks[k + 2][0]
    order = _order(toks, k + 3) if sign in (r"\partial", "d") else None
    top_end = argument_end(toks, k + 1)
    if order is None or top_end is None or top_end >= len(toks) or toks[top_end][0] != "{":
        return None
    low_end = argument_end(toks, top_end)
    by = _denominator(toks, top_end, low_end) if low_end is not None else None
    if by is None or sum(n for _, n in by) != order[0]:
        return None
    operand = toks[order[1] : top_end - 1]
    steps = [name for name, n in by for _ in range(n)]

    def first(name: Tokens, what: Tokens) -> Tokens:
        return [
            (r"\frac", False),
            ("{", False),
            (sign, False),
            *what,
            ("}", False),
            ("{", False),
            (sign, False),
            *name,
            ("}", False),
        ]

    if not operand:
        return [tok for name in steps for tok in first(name, [])], low_end
    out = first(steps[-1], operand)
    for name in reversed(steps[:-1]):
        out = [("(", False), *first(name, []), ("(", False), *out, (")", False), (")", False)]
    return [("(", False), *out, (")", False)] if len(steps) == 1 else out, low_end
