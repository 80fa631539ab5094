r"""Values of a derivative at a kink: ``f'(0)`` of ``f(x) = \max(0, x)``.

The derivative is not defined there, and the value a jump function takes at its jump (SymPy's
Heaviside(0) = 1/2, derive's step(0) = 0) is a convention a document may set otherwise ("we are
explicitly setting f'(0) = 0", a homework notebook of held-out 24). Such a value is refused by the
reader (the step is unparsed, saying why), never compared: a verdict on it could only be a false
alarm or an accident of the convention.
"""

from __future__ import annotations

from typing import Any

__all__ = ["at_kink", "off_kink"]


def at_kink(slope: Any, variable: Any, at: Any) -> bool:
    """Does ``slope`` (a derivative in ``variable``) jump at ``variable = at``?"""
    import sympy as sp

    from derive.functions import step

    jumps = slope.atoms(sp.Heaviside, sp.DiracDelta, sp.sign, step)
    return any(sp.simplify(j.args[0].subs(variable, at)) == 0 for j in jumps if j.args)


def off_kink(slope: Any, variable: Any, at: Any, refused: type[Exception]) -> Any:
    """``at``, where ``slope`` does not jump there; else raises ``refused`` (the reader's Unparsed)."""
    if at_kink(slope, variable, at):
        raise refused("a derivative at a kink, where it is not defined (its value there is a convention)")
    return at
