"""Does a difference of two sides vanish at a few seeded random rational points?

The holds that weigh a wrong step under another reading (i as √−1: imaginary_unit; a derivative
written in its output: output_form_derivatives; an equation the next step solves: solved_equations)
ask the same question of a SymPy expression: is it zero, to 1e-9, at a few points? The points are
rationals drawn from a seeded generator, so a run gives the same answer every time; positive ones
by default (a name under a root or a log), signed where the caller's names may be negative.
"""

from __future__ import annotations

import random
from typing import Any

__all__ = ["vanishes_at_points"]

#: how far from zero a value may be and still count as zero
TOLERANCE = 1e-9


def vanishes_at_points(
    difference: Any, points: int = 4, *, signed: bool = False, integers: frozenset[str] = frozenset()
) -> bool:
    """Is ``difference`` (a SymPy expression) within TOLERANCE of 0 at ``points`` seeded random rational
    points of its free symbols (whole numbers for the symbols named in ``integers``)? False where it
    cannot be evaluated."""
    import sympy as sp

    draw = random.Random(0)
    low = -9 if signed else 1

    def value(symbol: Any) -> Any:
        if symbol.name in integers:
            return sp.Integer(draw.randint(low, 9))
        return sp.Rational(draw.randint(low, 9), draw.randint(2, 7))

    try:
        for _ in range(points):
            at = {s: value(s) for s in difference.free_symbols}
            if abs(complex(difference.subs(at).doit().evalf(30))) > TOLERANCE:
                return False
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return False
    return True
