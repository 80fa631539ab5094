"""The verdict of a step read with its calls of undefined functions as unknown functions of their
arguments and of the variables the step differentiates by (:mod:`derive.checks.latex.applied_calls`
says why either reading of ``f(x)`` is such a function): ``ok`` when it holds for each stand-in,
else inconclusive, never ``wrong``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.applied_calls import applied_function
from derive.checks.latex.applied_uses import arguments, exact_call
from derive.checks.latex.opaque_calls import AMBIGUOUS_CALL, judge_opaque
from derive.checks.latex.unstated_dependence import matrix_like_names

__all__ = ["judge_applied", "judge_calls"]


def judge_calls(
    step: Any,
    problems: list[str],
    notation: Any,
    read: Callable[[Any, Any], tuple[Any, Any]],
    check: Callable[[Any, Any], dict[str, Any]],
    valued: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """A step refused only for calls of undefined functions: read with each call one unknown value
    (opaque_calls; ``valued``: the calls the document gives values), else each call an unknown
    function (judge_applied); None where neither reads it."""
    found = judge_opaque(step, problems, notation, read, check, valued)
    return found if found is not None else judge_applied(step, problems, notation, read, check)


def judge_applied(
    step: Any,
    problems: list[str],
    notation: Any,
    read: Callable[[Any, Any], tuple[Any, Any]],
    check: Callable[[Any, Any], dict[str, Any]],
) -> dict[str, Any] | None:
    """The verdict of a step refused only for calls of undefined functions, read with each call
    as an unknown function (module docstring): ok or inconclusive; None where it is not read."""
    if not problems or not all(AMBIGUOUS_CALL in p for p in problems) or _defining(step.lhs, notation):
        return None
    lhs, rhs = read(step, replace(notation, applied_calls=()))
    if lhs.problems or rhs.problems:
        return None
    variables = tuple(sorted({*lhs.derivatives.values(), *rhs.derivatives.values()}))
    if variables:
        lhs, rhs = read(step, replace(notation, applied_calls=variables))
        if lhs.problems or rhs.problems:
            return None
    out = check(lhs, rhs)
    keys = [key for side in (lhs, rhs) for key, *_ in side.functions.values()]
    names = sorted({called[0] for key in keys if (called := applied_function(key)) is not None})
    shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
    of = f" and of {', '.join(variables)}" if variables else ""
    reading = f"reading {shown}(…) as a function the document does not define, of its arguments{of}"
    matrices = matrix_like_names({*lhs.symbol_names, *rhs.symbol_names, *names})
    if out["status"] == "ok" and not matrices:
        return {**out, "message": f"{out['message']}; {reading}"}
    if out["status"] == "ok":  # ∇_W ℓ(XW, y): read as scalars, a missing transpose holds
        why = f"{out['message']}, but {', '.join(matrices)} may be matrices, whose products are not checked here"
        return {**out, "status": "inconclusive", "message": f"{why}; {reading}", "method": "applied call"}
    if out["status"] == "unparsed":  # read so, the step still holds something not read
        return {**out, "message": f"{out['message']}; {reading}"}
    why = out["message"] if out["status"] == "inconclusive" else "it fails for some functions"
    return {"status": "inconclusive", "counterexample": None, "message": f"{why}; {reading}", "method": "applied call"}


def _defining(lhs: str, notation: Any) -> bool:
    """Is the left side ``X(a, b)`` of plain names, the form that defines X (``g(z) = z^3``)? Such a
    step is the document's definition, not a claim about an unknown X: left as it was (a name
    defined more than once says so: scoped_functions)."""
    call = exact_call(lhs, notation)
    return call is not None and arguments(call[2], call[1]) is not None
