r"""A number chosen for one unknown: ``\eta = \frac{1}{9}``, "with $L-1=1$ hidden layer".

A homework's first solution says "With $\eta = \frac{1}{L}$, the update is …"; a later solution, on
another function, says "The update rule is … with $\eta = \frac{1}{9}$, $\beta = \frac{4}{9}$". The
second is a choice of the step size (there, L is 9), not a claim that 1/L is 1/9; the judge put η's
first formula in, sampled L, and called the step wrong (hunt 32, CXP-2024/DL-hw, Assignment 1). A
report's figure caption says "regression analysis with $L-1=1$ hidden layer" (hunt 32,
Johanmkr/FYS-STK4155colab): the number of layers set to 2, judged with the notation's loss L.

A ``wrong`` step with a number on one side and, on the other, an expression of exactly one name
that is linear in it (``\eta``, ``L - 1``, ``2n + 1``: one value of the name solves it), whose
counterexample sets sampled values (a point the document gave no numbers for), is held back: the
equation picks the name's value, it does not refute what the name was defined as. Where every name
has a number from the document (``L = 9`` before ``\eta = \frac{1}{8}``), the counterexample is at no
sampled point and the step stays wrong; so does an equation no value solves (degree two or more, a
function of the name). A shape's misfit, a step under a stated condition (``for $y_n = 1$ …
$3y_n = 4$``) and a quantity written at its arguments (``L(x, y) = 4``) stay wrong: none is a choice.
"""

from __future__ import annotations

import re

from derive.checks.latex.closed_values import GIVEN_NUMBER, closed_value
from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult, hold_wrongs
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["hold_chosen_values"]

#: verdicts about shapes, not values: the sides do not fit, whatever value the name takes
_SHAPES = re.compile(r"shapes? (?:differ|do not fit)|does not fit|not fit together")


def hold_chosen_values(judged: list[StepResult], notation: Notation) -> list[StepResult]:
    """``judged`` with each equation that sets one unknown to a number, refuted only at sampled
    values, held back (module docstring)."""

    def why(result: StepResult) -> str | None:
        # a shape's misfit, a claim under a stated condition (the point is the condition's), or a
        # quantity written at its arguments (L(x, y) = 4: the loss there) is a claim, not a choice
        if _SHAPES.search(result.message) or result.step.conditions:
            return None
        name = _one_unknown(result, notation)
        if name is None or not _sampled(result):
            return None
        return (
            f"; but the step is an equation in {name} alone, solved by one value of it: it sets {name} "
            "(a value chosen here), and is no claim about what it was defined as"
        )

    return hold_wrongs(judged, why)


def _one_unknown(result: StepResult, notation: Notation) -> str | None:
    """The one name of a step ``expression = number`` whose expression is linear in that name, else None."""
    import sympy as sp

    step = result.step
    for side, other in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
        if not (GIVEN_NUMBER.fullmatch(other.strip()) or closed_value(other.strip())) or "," in other:
            continue  # a number; a list ([0.5, 0.5] = [2, 2]) is a vector, no value for a name
        if "(" in side or "[" in side:
            continue  # L(x, y), f[x]: a quantity at arguments, not a bare name to choose
        norm = normalize(side, notation, step.chain_var)
        if norm.problems or norm.sums or norm.tuples or len(norm.symbol_names) != 1:
            continue
        try:
            expr = to_sympy(norm)
        except (Unparsed, RecursionError, TypeError, ValueError):
            continue
        symbols = list(expr.free_symbols)
        if len(symbols) != 1:
            continue
        try:
            linear = sp.Poly(expr, symbols[0]).degree() == 1
        except (sp.PolynomialError, sp.GeneratorsNeeded):
            linear = False
        if linear:
            return next(iter(norm.symbol_names))
    return None


def _sampled(result: StepResult) -> bool:
    """Is the counterexample at values the judge chose (a non-empty point), not at numbers alone or
    at the values the document gave its names (``s = -3``, then ``16.2s``: judged with that s)?"""
    counterexample = result.counterexample
    if not isinstance(counterexample, dict) or not counterexample.get("point"):
        return False
    where = str(counterexample.get("where", ""))
    return "document" not in where and "as written" not in where
