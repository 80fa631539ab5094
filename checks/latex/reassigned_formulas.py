r"""A name given a number and then a formula, in a derivative: ``L = 9`` (the worked example's loss),
then "since $L = d^2$, $\frac{\partial L}{\partial d} = 2d$".

A name first given a number and later written ``name = formula`` has two values by the later
steps (doc_definitions.find_reassignments): the formula line is "a new assignment, not a step",
and every later step takes the name as free, which of its values is meant being the reader's
guess. For a step that differentiates it is not a guess: a derivative of L by d needs L as a
function, and the number 9 is no function of d. So in such a step the name's latest formula
written before the step stands for it (a number written after that formula is the example's
arithmetic, as unwritten_parts.computed_value says for names defined once). The name still
counts as having two values, so only ``ok`` comes of it (checker._hold_ambiguous holds anything
else), and latest_values never refutes with its numbers (a formula for the name exists).

Not used: a formula that holds the name itself (an update ``w = w - \eta g``), or no name at all
(``p = 2.18 \cdot 3``, the example's arithmetic), or one not read.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.normalize import Normalized, Notation, normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node

__all__ = ["reassigned_step", "with_latest_formulas"]

#: attribute of a DocumentDefinitions holding name -> [(line, column, typed or None, (letters, Normalized))]
_FORMULAS = "reassigned_formulas"


def reassigned_step(step: Step, document: Any, notation: Notation) -> StepResult | None:
    """A new value for a name given a number before (an update in a worked example) is not a
    step; a formula among them is kept for the derivatives after it (module docstring)."""
    again = document.reassignment_at(step.line, step.column)
    if again is None:
        return None
    if not again.number:
        _remember(document, again.name, step, notation)
    why = f"{again.name} was given the value {again.before} before: a new assignment, not a step"
    return StepResult(step, "inconclusive", None, why, "definitions")


def _remember(document: Any, name: str, step: Step, notation: Notation) -> None:
    """Keep ``step.rhs`` as a formula for ``name`` where it is one (module docstring)."""
    scalar = normalize(step.rhs, notation)
    names = scalar.symbol_names
    if scalar.problems or scalar.tuples or not names or name in names:
        return  # not read, a tuple, the example's arithmetic, or an update of the name itself
    try:
        typed: Node | None = parse_typed(step.rhs, notation)
    except Unreadable:
        typed = None
    if not hasattr(document, _FORMULAS):
        setattr(document, _FORMULAS, {})
    getattr(document, _FORMULAS).setdefault(name, []).append((step.line, step.column, typed, ("", scalar)))


def with_latest_formulas(
    typed: dict[str, Node], scalar: dict[str, tuple[str, Normalized]], document: Any, step: Step, free: set[str]
) -> tuple[dict[str, Node], dict[str, tuple[str, Normalized]]]:
    """The definitions of a step that differentiates, with each free name's latest formula
    written before the step put back in (module docstring)."""
    formulas = getattr(document, _FORMULAS, {})
    typed, scalar = dict(typed), dict(scalar)
    for name in free & set(formulas):
        before = [f for f in formulas[name] if (f[0], f[1]) < (step.line, step.column)]
        if not before:
            continue
        _, _, typed_value, scalar_value = before[-1]
        if typed_value is not None and name in typed:
            typed[name] = typed_value
        scalar[name] = scalar_value
    return typed, scalar
