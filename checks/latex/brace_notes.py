r"""A value written under or over a brace: ``\underbrace{\frac{e^{z_j}}{\sum_k e^{z_k}}}_{=p_j}``.

Derivations mark a part of a formula with what it equals, under an ``\underbrace`` or over an
``\overbrace`` (``\overbrace{\frac{\partial}{\partial z_j} e^{z_k}}^{=0}``): a claim of its own,
"the braced part = the value", which the chain around it never states. The readers dropped the
note with the brace, so the claim was never checked. Each such note is a step now, on the line
of the brace.

Such a note often rests on what the prose around it supposes (``=0`` for k ≠ j in a case the
text names, ``\sum_k y_k = 1`` for a one-hot label): it is confirmed when it holds, and a
difference is never called wrong (verdict_guards.hold_brace_notes). A note that names the part
(``_{=:\delta}``, ``_{\delta}``) or says more than a value (a relation, text) is not a step.
"""

from __future__ import annotations

import re

from derive.checks.latex.equation import Equation
from derive.checks.latex.text_groups import brace_group_end

__all__ = ["brace_notes"]

_BRACE = re.compile(r"\\(underbrace|overbrace)\s*\{")
#: what makes the note more than a value: a relation, a naming, text
_NOT_A_VALUE = re.compile(r"^\s*:|[=<>]|\\(?:text|mbox|mathrm\{[a-z]{3,}|ne|neq|le|ge|leq|geq|approx|in|quad)\b")


def brace_notes(equation: Equation) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    """(line, column, braced part, value, the row's conditions) of each brace note in the rows."""
    notes: list[tuple[int, int, str, str, tuple[str, ...]]] = []
    for piece in equation.pieces:
        for m in _BRACE.finditer(piece.text):
            end = brace_group_end(piece.text, m.end() - 1)
            if end < 0:
                continue
            value = _note(piece.text, end, "_" if m.group(1) == "underbrace" else "^")
            part = piece.text[m.end() : end - 1].strip()
            if value is not None and part:
                notes.append((*piece.position(m.start()), part, value, piece.conditions))
    return notes


def _note(text: str, end: int, script: str) -> str | None:
    """The value of the note ``_{=value}`` (``^{=value}``) right after the brace group, or None."""
    rest = text[end:]
    m = re.match(r"\s*(?:\\_|" + re.escape(script) + r")\s*\{", rest)
    if m is None:
        return None
    close = brace_group_end(rest, m.end() - 1)
    if close < 0:
        return None
    inner = rest[m.end() : close - 1].strip()
    if not inner.startswith("=") or inner.startswith("=:"):
        return None
    value = inner[1:].strip()
    return value if value and not _NOT_A_VALUE.search(value) else None
