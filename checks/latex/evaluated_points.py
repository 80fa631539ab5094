"""A bracket after a derivative that holds its own variable: ``\\frac{d\\sigma}{dx}(x)`` is the
derivative of the sigmoid taken at x, never that derivative times x. Read so only when what is
differentiated is one function's name (the notation's σ, a function the document defines); after
any other numerator (``\\frac{dy}{dx}(x)``) the bracket may be a point or a factor, and the step is
not read."""

from __future__ import annotations

from typing import Any

from derive.checks.latex.tex_tokens import Unreadable


def evaluated_at_own_variable(rest: list[str], notation: Any, end: int) -> int:
    """Where reading resumes after the bracket closing at ``end``; Unreadable when unclear."""
    if len(rest) == 1 and (rest[0] in notation.functions or rest[0] in notation.doc_functions):
        return end + 1
    raise Unreadable("a derivative followed by its own variable in brackets: a point or a factor")
