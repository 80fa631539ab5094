"""Which symbols a claim's own functions already restrict to positive values.

A side with ``log(x)`` or ``sqrt(x)`` (``x**(1/2)``, any power with an even root) has no real
value at x ≤ 0 (x < 0 for a root), so every point with such an x lies outside the claim's
domain and the sampler's ``assume`` throws it away. Drawing x from the reals anyway wastes half
the draws per such symbol: a sum of nine ``y_ic log(μ_ic)`` terms keeps one draw in 512, and
Hypothesis gave up after a thousand draws and seven seconds with nothing judged. Drawing such
a symbol positive loses no point of the domain (0 too is outside it for a log; for a root, 0 is
the one point left out), so it changes what the sampler can say only by letting it say
something.

A symbol raised to a power that is itself not a number (``μ**y``, a likelihood's ``p**y``) is
drawn positive too: at a negative base such a power is real only where the exponent is a whole
number, which float draws almost never hit (nine ``μ_ic**y_ic`` kept 20 draws of 2,479, 9 s).
That does leave out the points with a negative base and a whole exponent. It costs little:
sampling never makes a step ok on its own (the proof does, sampling only corroborates it), and
a difference it finds counts only once exact evaluation confirms it, so drawing from fewer
points can cost a refutation there but never makes one.

Only a symbol that IS the argument or the base counts: ``log(x**2)`` or ``log(1 - p)`` restrict
nothing about the sign of x or p, and restricting them would hide points where a claim fails.
"""

from __future__ import annotations

from collections.abc import Iterable

import sympy as sp


def positive_by_domain(exprs: Iterable[sp.Basic]) -> set[sp.Symbol]:
    """The symbols that appear as the whole argument of a log, of an even root, or as the base
    of a power whose exponent is not a number."""
    found: set[sp.Symbol] = set()
    for expr in exprs:
        if not isinstance(expr, sp.Basic):
            continue
        for node in sp.preorder_traversal(expr):
            if isinstance(node, sp.log) and isinstance(node.args[0], sp.Symbol):
                found.add(node.args[0])
            elif isinstance(node, sp.Pow) and isinstance(node.base, sp.Symbol):
                if _even_root(node.exp) or not (node.exp.is_number or node.exp.is_integer):
                    found.add(node.base)
    return found


def _even_root(exponent: sp.Basic) -> bool:
    """x**(p/q) in lowest terms with q even: no real value for x < 0."""
    return isinstance(exponent, sp.Rational) and not exponent.is_Integer and exponent.q % 2 == 0
