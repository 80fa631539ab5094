r"""A derivative whose dependence the document does not state, as one unknown value.

``\frac{\partial C}{\partial z_j}`` of a cost C the document never gives a value cannot be read:
as written, C does not contain z_j (sympy_build). Every step about it stays unread, even one that
only replaces a name by its own definition (``\frac{\partial C}{\partial z_j} x_i = \delta_j x_i``
after ``\delta_j = \frac{\partial C}{\partial z_j}``). :mod:`derive.checks.latex.unread_steps`
reads such a step once more with each of these derivatives ONE unknown value: an undefined
function of its operand and its variable, so the same derivative written twice is the same value.

Only inside that reading (:func:`reading_unread`); everywhere else the derivative stays unread
with the usual reason. A derivative taken OF such a value is not read (SymPy would take the
unknown value as constant in everything but its two arguments, and the C behind it may depend on
more).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["NOT_CONTAINED", "UNREAD", "has_unread", "reading_unread", "unread_derivative"]

#: the words of the reason a derivative of something without its variable is not read
NOT_CONTAINED = "of something that, as written, does not contain"
#: the SymPy function name of such a derivative read as an unknown value
UNREAD = "unread derivative"

_READING: ContextVar[bool] = ContextVar("reading_unread", default=False)


@contextmanager
def reading_unread() -> Iterator[None]:
    """Within: a derivative whose operand does not contain its variable is an unknown value."""
    token = _READING.set(True)
    try:
        yield
    finally:
        _READING.reset(token)


def has_unread(expr: Any) -> bool:
    """Does the expression hold a derivative read as an unknown value?"""
    from sympy.core.function import AppliedUndef

    return any(str(c.func) == UNREAD for c in expr.atoms(AppliedUndef))


def unread_derivative(operand: Any, var: Any, contained: bool) -> Any:
    """What the derivative of ``operand`` by ``var`` is, where it is not read as usual: None when it
    is (``contained``: the operand holds the variable, and no unknown value of this module), the
    unknown value inside :func:`reading_unread`, else why it is not read (a str)."""
    import sympy as sp

    reading = _READING.get()
    if reading and has_unread(operand):
        return "a derivative of a derivative whose dependence is not stated"
    if contained:
        return None
    if reading:
        return sp.Function(UNREAD)(operand, var)
    return f"a derivative with respect to {var} {NOT_CONTAINED} {var} (its dependence is not stated)"
