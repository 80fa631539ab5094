r"""An activation's derivative written in its output: ``\sigma'(y) = y(1 - y)`` with y = σ(x).

Notes on activation functions give each derivative twice: "input form" ``\sigma'(x) =
\sigma(x)(1-\sigma(x))`` and "output form" ``\sigma'(y) = y(1 - y)``, ``\tanh'(y) = 1 - y^2``, where y
is the function's output (the twenty-sixth hunt, a from-scratch network's math notes). Read as the
derivative at the point y, the output form is refuted (σ'(1) ≈ 0.197, 1·(1 − 1) = 0). A ``wrong``
step ``f'(v) = R(v)`` with f a function the notation knows, v a bare name and R written in v alone is
evaluated again with v the output f(t) on the right: ``R(f(t)) = f'(t)`` at a few random points.
Agreeing to 1e-9 there it is inconclusive and says so, never ok; ``\sigma'(y) = y(1 + y)`` fails there
too and stays wrong.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.seeded_points import vanishes_at_points

__all__ = ["hold_output_form_derivatives"]

#: f'(v) or f^{\prime}(v) with f a command or a letter and v a bare name
_PRIMED_AT_NAME = re.compile(
    r"\s*(?P<f>\\[A-Za-z]+|[A-Za-z])\s*(?:'|\^\s*\{?\s*\\prime\s*\}?)\s*"
    r"(?:\\left)?\(\s*(?P<v>(?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*(?:\\right)?\)\s*"
)
#: the output's name and the function (y and \\sigma for σ'(y) = y(1 − y))
Found = tuple[str, str]
#: a fresh name for the function's input (not a letter documents use)
_INPUT = r"\xi"


def _name_pattern(name: str) -> re.Pattern[str]:
    """``name`` as a whole name (y, not the y of \\hat{y} or y_i or \\gamma)."""
    return re.compile(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z_])")


def holds_in_output(lhs: str, rhs: str, notation: Notation, points: int = 4) -> Found | None:
    """The output name and the function when ``lhs = rhs`` is ``f'(v) = R(v)`` and R(f(t)) equals
    f'(t) (module docstring)."""
    match = _PRIMED_AT_NAME.fullmatch(lhs)
    if match is None:
        return None
    function, name = match.group("f"), match.group("v")
    pattern = _name_pattern(name)
    if not pattern.search(rhs):
        return None
    derivative = lhs.replace(name, _INPUT) if lhs.count(name) == 1 else None
    output = pattern.sub(lambda _: f"{function}({_INPUT})", rhs)
    if derivative is None:
        return None
    left, right = normalize(derivative, notation), normalize(output, notation)
    if left.problems or right.problems or left.symbol_names != right.symbol_names:
        return None
    return (name, function) if _agree(left, right, points) else None


def _agree(left: Any, right: Any, points: int) -> bool:
    """The sides' SymPy expressions equal at seeded random points (False when they cannot be evaluated)."""
    import sympy as sp
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    try:
        difference = sp.simplify(to_sympy(left) - to_sympy(right))
    except (Unparsed, TypeError, ValueError, ArithmeticError, RecursionError):
        return False
    return vanishes_at_points(difference, points, signed=True)


def hold_output_form_derivatives(judged: list[StepResult], notation: Notation) -> list[StepResult]:
    """``judged`` with each wrong ``f'(v) = R(v)`` that holds with v the output f(x) held."""
    out = list(judged)
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        found = holds_in_output(result.step.lhs, result.step.rhs, notation)
        if found is not None:
            name, function = found
            why = (
                f"; but it holds with {name} the function's output ({name} = {function}(x)): the derivative "
                f"written in its output, not at the point {name}"
            )
            out[k] = result.held(result.message + why)
    return out
