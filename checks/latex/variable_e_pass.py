r"""``e`` a variable in some steps and Euler's number in others: micrograd notes.

Notes on Karpathy's micrograd name a node ``e = a b`` and differentiate by it (``\frac{\partial
L}{\partial e} = \frac{\partial L}{\partial d} \times \frac{\partial d}{\partial e}``), and on the same
page write ``\tanh x = \frac{e^{2x} - 1}{e^{2x} + 1}`` with Euler's e. variable_e makes ``e`` a name
only where a document never raises it to a power, so such notes kept it the constant and every
step by e was "a derivative written in a form not read" (held-out set 27: nineteen steps).

Here such a document is read a second time with ``e`` a name throughout, and a step that
differentiates by ``e`` and writes no ``e^`` itself takes the second reading's ``ok`` (saying
so) where the first left it unjudged. Nothing else is taken from the second reading: a step that
writes ``e^`` means Euler's e, and a verdict other than ok says nothing about the first reading.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult
from derive.checks.latex.variable_e import BY_E, EULER

__all__ = ["needs_second_reading", "take_variable_e", "with_variable_e_reading", "without_euler"]

_WHY = "reading e as the variable this step differentiates by (the document also writes e^… for Euler's number): "


def _by_e_only(result: StepResult) -> bool:
    text = f"{result.step.lhs} = {result.step.rhs}"
    return BY_E.search(text) is not None and EULER.search(text) is None


def needs_second_reading(results: list[StepResult], equations: list[Any], notation: Notation) -> bool:
    """Does the document differentiate by e and raise e to a power (e kept Euler's), with a step by
    e alone left unjudged?"""
    if "e" not in notation.constants or not any(EULER.search(eq.text) for eq in equations):
        return False
    return any(r.status not in ("ok", "wrong") and _by_e_only(r) for r in results)


def without_euler(notation: Notation) -> Notation:
    """The notation with e a name, not a constant."""
    return replace(notation, constants={k: v for k, v in notation.constants.items() if k != "e"})


def take_variable_e(first: list[StepResult], second: list[StepResult]) -> list[StepResult]:
    """``first`` with each unjudged step by e alone made ok where ``second`` (the reading with e a
    name) has it ok."""
    seen = {(r.step.line, r.step.column, r.step.lhs, r.step.rhs): r for r in second}
    out = []
    for result in first:
        other = seen.get((result.step.line, result.step.column, result.step.lhs, result.step.rhs))
        if result.status not in ("ok", "wrong") and _by_e_only(result) and other is not None and other.status == "ok":
            result = replace(
                result, status="ok", counterexample=None, message=_WHY + other.message, method=other.method
            )
        out.append(result)
    return out


def with_variable_e_reading(
    results: list[StepResult], equations: list[Any], notation: Notation, rerun: Callable[[Notation], list[StepResult]]
) -> list[StepResult]:
    """``results`` with the second reading's oks taken (module docstring); ``rerun(notation)`` checks
    the same document under another notation."""
    if not needs_second_reading(results, equations, notation):
        return results
    return take_variable_e(results, rerun(without_euler(notation)))
