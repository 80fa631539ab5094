r"""A period between two factors is a product: ``y_i.p_i``, ``\eta . \delta_m . a``, ``X.W``.

Writers used to a keyboard, or to notes in languages that set the product as a raised dot, put a
full stop between factors (``\frac{\partial L}{\partial \lambda}.W^T``, ``\delta_i^l . a_j^{l-1}``,
``\frac{1}{2} . 2(t_d - o_d)``, a Vietnamese note's ``\sigma(X.W)``), and MATLAB's element-wise
``.*`` (``g(u) .* (1 - g(u))``). The reader stopped at the period ("could not read right side: '.'")
in eight documents of the held-out sets. A lone period with a factor's end before it and a factor's
start after it is read as ``\cdot``; ``.*`` as ``*``.

Never a decimal point: ``0.5`` is one token already; a period between two numbers (``2.1.3``, the
digits of a worked example written 2·1·3 or a version) or beside another period (an ellipsis
``...``), a period at the end of a formula or set as a full stop (``x = 1. y = 2``: spaced after,
not before) and one before prose (``\text``) stay as written, so what was unread stays unread.
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import DECORATIONS, FONTS, TEXT_FONTS, is_letter

__all__ = ["period_products"]

Token = tuple[str, bool]

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: commands that start a factor
_STARTS = {r"\frac", r"\dfrac", r"\tfrac", r"\sqrt", r"\left", r"\sum", r"\prod", r"\log", r"\ln", r"\exp"}
_STARTS |= {r"\tanh", r"\nabla", r"\partial", r"\operatorname"}


def _ends_factor(t: str) -> bool:
    return bool(re.fullmatch(r"\d+(?:\.\d+)?|[)}\]|']", t)) or is_letter(t)


def _starts_factor(t: str) -> bool:
    if re.fullmatch(r"\d+(?:\.\d+)?|[({\[]", t) or is_letter(t):
        return True
    return (t in FONTS and t not in TEXT_FONTS) or t in DECORATIONS or t in _STARTS


def period_products(toks: list[Token]) -> list[Token]:
    """The tokens with each period between two factors read as a product (module docstring)."""
    if not any(t == "." for t, _ in toks):
        return toks
    out: list[Token] = []
    for k, (t, space) in enumerate(toks):
        if t != "." or k == 0 or k + 1 >= len(toks):
            out.append((t, space))
            continue
        before, after = toks[k - 1][0], toks[k + 1][0]
        if before == "." or after == ".":
            out.append((t, space))  # an ellipsis, or a period beside one
            continue
        if after == "*" and _ends_factor(before):
            continue  # MATLAB's .*: the * that follows is the product
        numbers = _NUMBER.fullmatch(before) and _NUMBER.fullmatch(after)
        sentence = not space and toks[k + 1][1]  # "b. c": set as a full stop, spaced after only
        if numbers or sentence or "." in before or not (_ends_factor(before) and _starts_factor(after)):
            out.append((t, space))
            continue
        out.append((r"\cdot", space))
    return out
