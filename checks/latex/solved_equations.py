r"""Equations in one unknown that a document solves: ``E_0 = 3 + 0.5 E_0`` (then ``E_0 = 6``).

A worked solution of a recursion (expected coin flips: "Substitute (Eq. 2) into (Eq. 1):
$$E_0 = 2 + (1 + 0.5 E_0)$$ $$E_0 = 3 + 0.5 E_0$$ $$0.5 E_0 = 3 \implies E_0 = 6$$") writes
the equation that fixes a name, a bare name on the left that the right side uses again. Read as
an identity in that name it fails for nearly every value, yet it is no claim about every value:
it is the condition the name satisfies, true at its solution. Such a ``wrong`` is held back
(unclaimed_equations) unless the equation has no real solution at all, which no value of the
name makes true (``x = x^2 + 1``): then it is wrong whatever the document meant.

The same holds with the sides swapped: "the eigenvalues of an idempotent matrix satisfy
$\lambda_i^2 = \lambda_i$, so $\lambda_i \in \{0, 1\}$" writes the condition with the bare name on
the right (it was refuted at λ = 2), where the other side is of degree 2 or more in it (``\cancel{x} +
\cancel{x} = x`` claims 2x = x, a slip, and stays wrong). Only the shape is recognised: one side a bare name, the other
using that name and no other (``z_i = z_i(\delta_{ij} - z_j)`` relates several names: a claim,
judged as before). A real
root must be found exactly: the difference of the sides a rational function of the one name
(SymPy's real roots of its numerator, roots of the denominator left out, degree at most 8);
where that cannot be decided the step stays as judged.

An equation the next step solves (``solved_by_next``): initialisation notes equate two variances,
"$\frac{2 \times 12.8}{n_{l-1} + n_{l}} = \frac{\alpha^{2}}{3}$" and go on "$\alpha =
\sqrt{\frac{76.8}{n_{l-1} + n_{l}}}$" (the twenty-sixth hunt). The first is the condition on α, not
an identity in it. A ``wrong`` step whose next step (within three lines) gives a bare name it uses a
value written without that name is evaluated again with the value put in, at a few positive random
points of its other names; agreeing to 1e-9 there it is inconclusive and says so, never ok. A value
that does not solve it (``\alpha = \sqrt{\frac{70}{n_{l-1} + n_{l}}}``) leaves it wrong.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.seeded_points import vanishes_at_points

__all__ = ["fixed_point", "hold_solved_by_next", "without_real_solution"]

#: a bare name: E_0, x_{1}, \theta, w
_BARE = re.compile(r"\s*((?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*")


def fixed_point(lhs: str, rhs: str, notation: Any) -> str | None:
    """Why ``lhs = rhs`` is an equation to solve for the bare name of one side (None if it is not
    one, or if no real value of that name satisfies it)."""
    if _BARE.fullmatch(lhs) is None:
        if _BARE.fullmatch(rhs) is None:
            return None
        lhs, rhs = rhs, lhs  # λ_i^2 = λ_i: the bare name on the right, of degree 2 or more
        swapped = True
    else:
        swapped = False
    left, right = normalize(lhs, notation), normalize(rhs, notation)
    names = left.symbol_names
    if left.problems or right.problems or len(names) != 1 or right.symbol_names != names:
        return None
    name = next(iter(names))
    roots = _real_roots(left, right, 2 if swapped else 1)
    if not roots:  # no real root (or undecided): the step stays as judged
        return None
    return (
        f"an equation in {name}, which both sides use: the condition that fixes {name} (a system being "
        f"solved), not an identity in it; it holds at {name} = {roots[0]}"
    )


def without_real_solution(lhs: str, rhs: str, notation: Any) -> bool:
    r"""Is ``lhs = rhs`` an equation in one name that no real value of it satisfies (its sides' difference
    a rational function of that name with no real root: ``\lambda^2 + 1 = \lambda``)? False when that
    cannot be decided."""
    left, right = normalize(lhs, notation), normalize(rhs, notation)
    if left.problems or right.problems or len(left.symbol_names | right.symbol_names) != 1:
        return False
    return _real_roots(left, right, 1) == []


def _real_roots(left: Any, right: Any, degree: int = 1) -> list[str] | None:
    """The real solutions (as text) when the difference of the sides is a rational function of one
    symbol whose numerator has at least ``degree``; None when that cannot be decided here."""
    import sympy as sp
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    try:
        difference = sp.together(to_sympy(left) - to_sympy(right))
    except (Unparsed, Exception):  # noqa: BLE001 - untrusted input: undecided, never a traceback
        return None
    symbols = difference.free_symbols
    if len(symbols) != 1:
        return None
    x = next(iter(symbols))
    numerator, denominator = sp.fraction(difference)
    try:
        top, bottom = sp.Poly(numerator, x), sp.Poly(denominator, x)
    except sp.PolynomialError:
        return None
    if top.is_zero or top.degree() > 8 or top.degree() < degree:
        return None
    roots = [r for r in sp.real_roots(top) if bottom.eval(r) != 0]
    return [str(r) for r in roots]


#: how far (in lines) the step that solves an equation may follow it
_NEXT_LINES = 3


def hold_solved_by_next(judged: list[StepResult], notation: Any) -> list[StepResult]:
    """``judged`` with each wrong step that the next step's value of one of its names solves held."""
    out = list(judged)
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        for after in judged[k + 1 : k + 3]:
            if after.step.line - result.step.line > _NEXT_LINES:
                break
            name = _BARE.fullmatch(after.step.lhs)
            step = result.step
            if name is not None and _solves(step.lhs, step.rhs, name.group(1), after.step.rhs, notation):
                solved, value = name.group(1), after.step.rhs.strip()
                why = f"; but it holds at {solved} = {value}, the next step: an equation solved for {solved}"
                out[k] = result.held(result.message + why)
                break
    return out


def _solves(lhs: str, rhs: str, name: str, value: str, notation: Any) -> bool:
    """Do ``lhs`` and ``rhs`` agree with ``name`` replaced by ``value`` (at random positive points)?"""
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    sides = [normalize(text, notation) for text in (lhs, rhs, value, name)]
    if any(side.problems for side in sides):
        return False
    symbol = sides[3].symbol_names
    used = sides[0].symbol_names | sides[1].symbol_names
    if len(symbol) != 1 or not symbol <= used or symbol & sides[2].symbol_names:
        return False
    try:
        left, right, put, bare = (to_sympy(side) for side in sides)
        difference = (left - right).subs(bare, put)
    except (Unparsed, TypeError, ValueError, ArithmeticError, RecursionError):
        return False
    return vanishes_at_points(difference)
