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

A system solved together (the twenty-eighth hunt): control homework writes "$y(0) = c_1 + 2 = 0$",
"$\dot{y}(0) = -c_1 + 3c_2 = 0$", then "$c_1 = -2, c_2 = -2/3$" (or "$2\zeta\omega_n = 20, \omega_n^2 =
4$", then "$\omega_n = 2, \zeta = 5$"), where an earlier part gave c_1 or ζ another value. The values
are read from the steps that follow, each within three lines of the one before, and a ``wrong``
equation that holds with all of them put in together is held the same way; ``-c_1 + 3c_2 = 1`` stays
wrong.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.imaginary_unit import IMAGINARY, UNIT_LETTERS, lone_pattern, lone_unit
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


#: how many following steps may give the values of a system's unknowns
_NEXT_STEPS = 6


def hold_solved_by_next(judged: list[StepResult], notation: Any) -> list[StepResult]:
    """``judged`` with each wrong step that the following steps' values of its names solve held."""
    out = list(judged)
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        values = _following_values(judged, k)
        step = result.step
        for name, value in values.items():  # one unknown: α²/3 = c, then α = √(3c)
            if _solves(step.lhs, step.rhs, {name: value}, notation):
                why = f"; but it holds at {name} = {value}, the next step: an equation solved for {name}"
                out[k] = result.held(result.message + why)
                break
        else:  # a system: c_1 + 2 = 0 and -c_1 + 3c_2 = 0, then c_1 = -2, c_2 = -2/3
            unit = _system_unit(step.lhs, step.rhs, values, notation) if len(values) > 1 else None
            if unit is not None:
                given = ", ".join(f"{name} = {value}" for name, value in values.items())
                why = f"; but it holds at {given}, the next steps: a system of equations solved for its unknowns"
                out[k] = result.held(result.message + why + unit)
    return out


def _system_unit(lhs: str, rhs: str, values: dict[str, str], notation: Any) -> str | None:
    """"" where the values solve the system as read, a note where they solve it only with i (or j)
    the imaginary unit, written as a lone factor (an eigenvector's ix = -y, then x = i, y = 1), or None."""
    if _solves(lhs, rhs, values, notation):
        return ""
    written = " ".join([lhs, rhs, *values, *values.values()])
    for letter in UNIT_LETTERS:
        if not lone_unit(written, letter):
            continue
        unit = lone_pattern(letter)
        put = {name: unit.sub(lambda _: IMAGINARY, value) for name, value in values.items()}
        if _solves(unit.sub(lambda _: IMAGINARY, lhs), unit.sub(lambda _: IMAGINARY, rhs), put, notation):
            return f" (with {letter} the imaginary unit √−1)"
    return None


def _following_values(judged: list[StepResult], k: int) -> dict[str, str]:
    """The values the steps after step ``k`` give bare names (the first value of each), read while each
    step follows the one before within a few lines: a system's equations, then its solution."""
    values: dict[str, str] = {}
    last = judged[k].step.line
    for after in judged[k + 1 : k + 1 + _NEXT_STEPS]:
        if after.step.line - last > _NEXT_LINES:
            break
        last = after.step.line
        name = _BARE.fullmatch(after.step.lhs)
        if name is not None and after.step.rhs.strip():
            values.setdefault(name.group(1), after.step.rhs.strip())
    return values


def _solves(lhs: str, rhs: str, values: dict[str, str], notation: Any) -> bool:
    """Do ``lhs`` and ``rhs`` agree with each name replaced by its value (at random positive points)?
    Every name must be one the step uses, and no value may use any of them."""
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    sides = [normalize(text, notation) for text in (lhs, rhs)]
    names = [normalize(name, notation) for name in values]
    puts = [normalize(value, notation) for value in values.values()]
    if any(side.problems for side in [*sides, *names, *puts]):
        return False
    used = sides[0].symbol_names | sides[1].symbol_names
    unknowns = set().union(*(name.symbol_names for name in names))
    if any(len(name.symbol_names) != 1 for name in names) or not unknowns <= used:
        return False
    if any(put.symbol_names & unknowns for put in puts):
        return False
    try:
        left, right = to_sympy(sides[0]), to_sympy(sides[1])
        pairs = {to_sympy(name): to_sympy(put) for name, put in zip(names, puts, strict=True)}
        difference = (left - right).subs(pairs, simultaneous=True)
    except (Unparsed, TypeError, ValueError, ArithmeticError, RecursionError):
        return False
    return vanishes_at_points(difference)
