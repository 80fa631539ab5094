r"""A function of several arguments frees each of them: an earlier value tying one to another
no longer holds there.

A calculus primer draws "the tangent to the curve $y = x^2$ at $x = 1$", and a section later
defines "$f(x,y) = x^2 + 2xy + y^2$" and differentiates it partially, "treating $y$ as a
constant": ``\frac{\partial}{\partial x}(2xy) + \frac{\partial}{\partial x}(y^2) = 2y``. The
document's definitions hold from where they are written on, so every later step was read with
y = x², and that true step was refuted (12 ≠ 4 at x = 1). Naming x and y as the arguments of one
function says that they vary independently from there on; a value of one argument in terms of
another (``y = x^2``, written before that definition) cannot be meant inside it.

So a ``wrong`` step after such a function's definition that uses the tied argument is
inconclusive, saying which definition frees it. Its ``ok`` stands, and so do the steps before
the function's definition (there the curve is meant), and arguments whose earlier values do not
mention another argument (``\hat y = \sigma(z)``, then ``L(\hat y, y)``: the chain rule needs ŷ's
value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derive.checks.latex.doc_definitions import find_definitions, mentions_name, uses_name
from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import PARAMETER_SEPARATOR
from derive.checks.latex.multi_functions import multi_definitions
from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult

__all__ = ["TiedArgument", "hold_tied_arguments", "tied_arguments"]


@dataclass(frozen=True)
class TiedArgument:
    name: str  # the argument given a value in another argument (y)
    value: str  # that value, as written (x^2)
    value_line: int
    function: str  # the function that takes both (f)
    at: tuple[int, int]  # where the function's definition starts: the argument is free after it
    line: int  # the function definition's line, for the message


def tied_arguments(equations: list[Equation], notation: Notation) -> list[TiedArgument]:
    """Each argument of a several-argument function the document defines, whose definition
    written before that function's mentions another of its arguments."""
    functions = multi_definitions(equations, notation)
    if not functions:
        return []
    definitions = find_definitions("", notation, equations=equations)
    found = []
    for function in functions:
        params = function.parameter.split(PARAMETER_SEPARATOR)
        at = (function.line, function.column)
        for d in definitions:
            if d.name not in params or (d.line, d.column) >= at:
                continue
            if any(_mentions_plainly(d.rhs, other) for other in params if other != d.name):
                found.append(TiedArgument(d.name, d.rhs, d.line, function.name, at, function.line))
    return found


#: a decorated letter (\hat{y_1}, \tilde x, \bar{z}): another name than the bare letter under it
_DECORATED = re.compile(
    r"\\(?:hat|widehat|tilde|widetilde|bar|overline|dot|ddot|check|breve)\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z])"
)


def _mentions_plainly(value: str, name: str) -> bool:
    r"""Does the value mention the argument itself, not a decorated name over its letter? ŷ's value
    ``(\hat{y_1}, …, \hat{y_m})`` does not tie ŷ to y (a sign slip in ∂L/∂b was held for it)."""
    return mentions_name(value if _DECORATED.search(name) else _DECORATED.sub(" ", value), name)


def hold_tied_arguments(results: list[StepResult], equations: list[Equation], notation: Notation) -> list[StepResult]:
    """``results`` with each ``wrong`` after such a function's definition that uses the tied
    argument made inconclusive."""
    if not any(r.status == "wrong" for r in results):
        return results
    tied = tied_arguments(equations, notation)
    out = []
    for r in results:
        where = (r.step.line, r.step.column)
        hit = next(
            (t for t in tied if r.status == "wrong" and t.at <= where and _uses(r, t.name)),
            None,
        )
        if hit is not None:
            why = (
                f"; {hit.name} is an argument of {hit.function} (line {hit.line}), varying on its own there,"
                f" so its earlier value {hit.name} = {hit.value} (line {hit.value_line}) may not be meant"
            )
            r = r.held(r.message + why)
        out.append(r)
    return out


def _uses(result: StepResult, name: str) -> bool:
    return uses_name(result.step.lhs, name) or uses_name(result.step.rhs, name)
