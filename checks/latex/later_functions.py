r"""A function the document defines only further down is not yet what it means.

An introduction writes the generic neuron ``h = f(Wx + b)``, then a worked example "Activation
function (sigmoid): $f(1.9) = \frac{1}{1 + e^{-1.9}} = 0.87$", and only a section later lists
"ReLU: $f(x) = \max(0, x)$". The document's functions are read everywhere (the reader cannot
tell a recap from a fresh start), so the example was refuted with ReLU's value 1.9. Above its
first definition the letter may stand for anything the prose says: a step there that is
``wrong`` only through that later definition is inconclusive, saying so. Its ``ok`` stands (the
definition confirms it), and so does every verdict of a step written after the definition.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.circular_definitions import hold_circular_definitions
from derive.checks.latex.extract import Equation
from derive.checks.latex.named_definitions import named_slips
from derive.checks.latex.notation import Notation
from derive.checks.latex.own_functions import find_function_definitions, release_own_functions
from derive.checks.latex.results import StepResult
from derive.checks.latex.subscripted_functions import uses
from derive.checks.latex.tied_arguments import hold_tied_arguments

__all__ = ["hold_before_definition", "release_document_functions"]


def release_document_functions(
    results: list[StepResult],
    equations: list[Equation],
    notation: Notation,
    new_functions: list[Any],
    scoped: frozenset[str] = frozenset(),
) -> list[StepResult]:
    """The holds on the document's own functions: a notation function it redefines
    (own_functions), a function it defines only below the step (this module), and an argument of a
    several-argument function tied to another by an earlier value (tied_arguments), and names
    defined in terms of each other (circular_definitions). ``scoped``: the
    functions defined differently more than once, read with their latest definition."""
    found = find_function_definitions(equations, notation)
    slips = named_slips(results, found, notation)  # "sigmoid function: σ(x) = 1/(1 + e^x)" (named_definitions)
    released = release_own_functions(results, found, frozenset(f.name for f in new_functions) | scoped, slips)
    held = hold_tied_arguments(hold_before_definition(released, new_functions, notation), equations, notation)
    return hold_circular_definitions(held, equations, notation)  # x of r and r of x (circular_definitions)


def hold_before_definition(results: list[StepResult], new_functions: list[Any], notation: Notation) -> list[StepResult]:
    """``results`` with each ``wrong`` that uses a document function first defined after the
    step made inconclusive."""
    first: dict[str, tuple[int, int]] = {}
    for f in new_functions:
        first[f.name] = min(first.get(f.name, (f.line, f.column)), (f.line, f.column))
    out = []
    for r in results:
        where = (r.step.line, r.step.column)
        later = [n for n, at in first.items() if at > where] if r.status == "wrong" else []
        hit = next((n for n in later if uses(r.step.lhs, n, notation) or uses(r.step.rhs, n, notation)), None)
        if hit is not None:
            why = f"; {hit} is defined only further down (line {first[hit][0]}), so here it may mean another function"
            r = r.held(r.message + why)
        out.append(r)
    return out
