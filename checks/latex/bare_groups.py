r"""Brace groups that TeX does not show.

A bare ``{…}`` (not the argument of a command, a superscript or a subscript) only groups for
TeX: ``y {-x}`` is typeset "y − x", a difference, and a reader reads it so. Read as a bracket it
would be the product y·(−x), and a correct step (``y {-x} = y - x``) would be called wrong. A
bare group that starts with a sign right after an operand is therefore spliced into the sum
around it. A bare group that starts with a sign and is raised to a power that is not a whole
number (``({ -e }^{ -x })``, typeset −e^{−x}; a negative base has no such power) has its sign
before the power. Other bare groups are left as they are (``2{(x+1)}`` keeps its own brackets,
``{-x}^2`` its literal reading).
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import GREEK

__all__ = ["brace_close", "signed_bare_groups"]

Tokens = list[tuple[str, bool]]

_OPERAND = re.compile(r"[A-Za-z0-9.]|\)|\]")


def _is_operand(token: str) -> bool:
    return bool(_OPERAND.fullmatch(token)) or token.lstrip("\\") in GREEK


def brace_close(toks: Tokens, start: int) -> int | None:
    """The index of the brace that closes the group opened at ``start``, or None."""
    depth = 0
    for j in range(start, len(toks)):
        depth += (toks[j][0] == "{") - (toks[j][0] == "}")
        if depth == 0:
            return j
    return None


def signed_bare_groups(toks: Tokens) -> Tokens:
    """``y {-x}`` → ``y -x``: a bare group opening with + or − right after an operand."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        signed = toks[k][0] == "{" and k + 1 < len(toks) and toks[k + 1][0] in ("+", "-")
        if signed and k > 0 and _is_operand(toks[k - 1][0]) and (k < 2 or toks[k - 2][0] not in ("^", "_")):
            close = brace_close(toks, k)
            if close is not None:
                out += [(toks[k + 1][0], toks[k][1]), *toks[k + 2 : close]]
                k = close + 1
                continue
        if signed and (k == 0 or toks[k - 1][0] not in ("^", "_")):
            close = brace_close(toks, k)
            if close is not None and _raised_to_a_non_integer(toks, close + 1):
                # ({ -e }^{ -x }): typeset −e^{−x}, and a negative base has no such power: the sign
                # stands before the power
                out += [toks[k + 1], (toks[k][0], False), *toks[k + 2 : close + 1]]
                k = close + 1
                continue
        out.append(toks[k])
        k += 1
    return out


def _raised_to_a_non_integer(toks: Tokens, k: int) -> bool:
    """Is a power at ``k`` whose exponent is not a whole number (``^{-x}``, ``^{z}``, ``^{1/2}``)?"""
    if k >= len(toks) or toks[k][0] != "^" or k + 1 >= len(toks):
        return False
    if toks[k + 1][0] != "{":
        return not toks[k + 1][0].isdigit()
    close = brace_close(toks, k + 1)
    inner = [t for t, _ in toks[k + 2 : close]] if close is not None else []
    return bool(inner) and not re.fullmatch(r"-?\d+", "".join(inner))
