r"""A derivative by a name the document defines from other names, of something written without it.

``y = f(g(x))`` on one line, ``u = g(x)`` on the next, then ``\frac{dy}{du}``: y as written holds
g(x), not u, yet a reader sees y = f(u) and differentiates by u. So where the operand of a
derivative by a defined name does not contain that name, each occurrence of the name's own value
in it (the same SymPy subtree, g(x)) is put back as the name. The result is taken only when it
leaves none of the value's symbols behind: then the operand is a function of the name alone (and
of names unrelated to it), and the derivative means one thing. Where some remain
(``y = x σ(x)``, ``u = σ(x)``: is dy/du the partial x, or the total derivative?) nothing changes
and the step stays unread, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["through_value"]


def through_value(operand: Any, var: Any, value_of: Callable[[], Any]) -> Any:
    """``operand`` with ``var``'s value (``value_of()``, asked only when the operand does not hold
    ``var``) written as ``var``, where that makes it a function of ``var`` alone among the value's
    symbols; else ``operand`` unchanged."""
    if var in operand.free_symbols:
        return operand
    value = value_of()
    symbols = getattr(value, "free_symbols", None)
    if not symbols or var in symbols:  # a number (u = 2) or a recursive value: never substituted
        return operand
    put_back = operand.xreplace({value: var})
    if var in put_back.free_symbols and not put_back.free_symbols & symbols:
        return put_back
    return operand
