"""One equality step, judged in the worker: on concrete tensors when it is about vectors and
matrices (:mod:`derive.checks.latex.matrix_judge`), else by the scalar judge; and the step's
conditions (``i \\neq j`` from the prose) as assumptions either way."""

from __future__ import annotations

from typing import Any

from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_condition
from derive.checks.latex.typed_nodes import Node

__all__ = ["judge_sides", "conditions_hold"]


def conditions_hold(conditions: tuple[str, ...], env: dict[str, int]) -> bool | None:
    """Do the index conditions hold for these index values? None when a condition is not
    about these indices alone (then it cannot rule a counterexample in or out)."""
    # NumPy loads in the worker only (these functions run there), not while a document is read.
    from derive.checks.latex.tensor_eval import Evaluator, World
    from derive.checks.latex.tensor_ops import NotJudged

    world = World({}, {}, {})
    for text in conditions:
        try:
            cond = parse_condition(text, Notation())
            if not bool(Evaluator(world, bind=dict(env)).condition(cond).v.all()):
                return False
        except (Unreadable, NotJudged):
            return None
    return True


def judge_sides(
    lhs: str,
    rhs: str,
    notation: Notation,
    conditions: tuple[str, ...],
    definitions: dict[str, Node],
    seed: int,
) -> tuple[dict[str, Any] | None, str]:
    """The matrix judge's verdict, or None and the reason it declined."""
    from derive.checks.latex.matrix_judge import judge_typed

    try:
        verdict, why = judge_typed(lhs, rhs, notation, conditions=conditions, definitions=definitions, seed=seed)
    except (ArithmeticError, ValueError, IndexError, RecursionError) as exc:
        return None, f"could not evaluate ({type(exc).__name__})"
    if verdict is None and not why.startswith(_NOT_INFERRED):
        return _undeclared(lhs, rhs, notation, conditions, definitions, seed, why)
    return verdict, why


#: declines that shapes inferred for undeclared names would not change (a definition, a scalar step)
_NOT_INFERRED = ("a definition of", "no vector or matrix")


def _undeclared(
    lhs: str,
    rhs: str,
    notation: Notation,
    conditions: tuple[str, ...],
    definitions: dict[str, Node],
    seed: int,
    why: str,
) -> tuple[dict[str, Any] | None, str]:
    """The step again with shapes inferred for the names the document never declares, and
    its trace differentials read (undeclared.py); the first reason is kept when that declines."""
    from derive.checks.latex.undeclared import judge_undeclared

    try:
        verdict, again = judge_undeclared(lhs, rhs, notation, conditions, definitions, seed)
    except (ArithmeticError, ValueError, IndexError, RecursionError):
        return None, why
    if verdict is not None:
        return verdict, ""
    return None, again if again.startswith("the sides differ") else why


def guard_conditions(out: dict[str, Any], conditions: tuple[str, ...], checked: bool) -> dict[str, Any]:
    """A counterexample not checked against the step's conditions is not evidence."""
    if out["status"] != "wrong" or not conditions or checked:
        return out
    stated = "; ".join(conditions)
    message = f"{out['message']}; but the step is stated under {stated}, which this point was not checked against"
    return {**out, "status": "inconclusive", "counterexample": None, "message": message}
