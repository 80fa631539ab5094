r"""A step left unread for a derivative whose dependence is not stated, that holds whatever it is.

Backprop write-ups name the cost's gradient by a layer's input (``\delta_j = \frac{\partial
C}{\partial z_j}``, ``\underbrace{\par{C}{z^2}}_{=:\delta^2}``) and never give the cost a value,
then substitute: ``\frac{\partial C}{\partial z_j} x_i = \delta_j x_i``, ``\par{C}{z^2}
\par{z^2}{w^2} = \delta^2 \par{z^2}{w^2}``. Such a step is read once more with each derivative
that was not read one unknown value (:mod:`derive.checks.latex.unread_derivatives`) and the
document's definitions as everywhere: when the difference of its sides then expands to 0, it holds
whatever those derivatives are, and it is ok. Otherwise it is read once more with the parts of a loss it
differentiates unknown functions of its one variable (:mod:`derive.checks.latex.varying_steps`:
``\frac{\partial C}{\partial w} = \frac{\partial C_0}{\partial w} + \frac{\lambda}{n} w``). Anything
else keeps the first verdict (unread):
an unknown value that does not cancel says nothing, so this is never wrong. Never ok either when
a name may be a matrix (one capital letter other than a loss, or one the notation declares):
read as scalars, ``\frac{\partial C}{\partial Z} A = A \frac{\partial C}{\partial Z}`` would hold;
nor when the matrix judge found that the shapes differ or do not fit. A step with a sum is read at
two sizes and must hold at both. The numbers the document gives names are not put in: two
derivatives of f(a) and f(b) by v are two values, even where a = b = 2.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.jacobians import SCALARS_ONLY
from derive.checks.latex.normalize import Normalized, Notation
from derive.checks.latex.sympy_build import Definitions, Unparsed, to_sympy
from derive.checks.latex.unread_derivatives import NOT_CONTAINED, has_unread, reading_unread
from derive.checks.latex.unstated_dependence import matrix_like
from derive.checks.latex.varying_steps import varying_verdict

__all__ = ["unread_verdict"]

#: what the matrix judge said of the step that a scalar reading may not overrule
_MATRIX_DOUBTS = (*SCALARS_ONLY, "shapes differ", "do not fit")
#: sizes a step with a sum over an index of no stated range is expanded at
_SIZES = (3, 4)


def unread_verdict(
    out: dict[str, Any], sides: tuple[Normalized, Normalized], named: Definitions, notation: Notation
) -> dict[str, Any]:
    """The verdict, made ok where it was unread for a derivative whose dependence is not stated
    and the step holds whatever that derivative is, or whatever the parts it differentiates are."""
    read = _unread_values(out, sides, named) if out["status"] == "unparsed" and NOT_CONTAINED in out["message"] else out
    return read if read is not out else varying_verdict(out, sides, named, notation)


def _unread_values(out: dict[str, Any], sides: tuple[Normalized, Normalized], named: Definitions) -> dict[str, Any]:
    """ok where the step holds with each derivative left unread one unknown value; else ``out``."""
    if any(norm.matrices for norm in sides) or any(doubt in out["message"] for doubt in _MATRIX_DOUBTS):
        return out
    # a number the document gives a name is not put in: ∂f(a)/∂v and ∂f(b)/∂v at a = b = 2 are two values
    named = {name: value for name, value in named.items() if value[1].symbol_names}
    sized = any(norm.sums for norm in sides)
    for size in _SIZES if sized else (None,):
        pair = _read(sides, size, named)
        if pair is None or not any(has_unread(side) for side in pair) or matrix_like(*pair):
            return out
        if not _vanishes(*pair):
            return out
    why = "holds whatever the derivatives the document leaves unread are (their dependence is not stated)"
    return {
        "status": "ok",
        "counterexample": None,
        "message": f"proved: the sides agree as written; it {why}",
        "method": "unread derivatives",
    }


def _read(sides: tuple[Normalized, Normalized], size: int | None, named: Definitions) -> tuple[Any, Any] | None:
    try:
        with reading_unread():
            return to_sympy(sides[0], size=size, definitions=named), to_sympy(sides[1], size=size, definitions=named)
    except Unparsed:
        return None


def _vanishes(lhs: Any, rhs: Any) -> bool:
    import sympy as sp

    try:
        return bool(sp.expand(lhs - rhs) == 0)
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return False
