"""What a failing check shows: the mistake ids in MISTAKES.md's order, arrays small enough
to print, the problem a student can rebuild and redo by hand, and the submission's error in
one line."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from derive.checks.grading import mistakes as mk
from derive.checks.grading.problems import Problem
from derive.checks.grading.records import SMALL

__all__ = ["error_text", "inputs_of", "ordered", "small"]


def ordered(ids: list[str]) -> list[str]:
    return [i for i in mk.MISTAKE_IDS if i in set(ids)]


def small(a: Any) -> Any:
    if a is None:
        return None
    a = np.asarray(a, dtype=float)
    if a.size > SMALL:
        return {"shape": list(a.shape)}
    return (
        [x if math.isfinite(x) else str(x) for x in a.reshape(-1).tolist()]
        if a.ndim == 1
        else [[x if math.isfinite(x) else str(x) for x in row] for row in a.reshape(a.shape[0], -1).tolist()]
    )


_MAKERS = {
    "toy": "toy_problem",
    "toy-sizes": "toy_sizes_problem",
    "biases": "biases_problem",
    "square": "square_problem",
    "kinks": "kinks_problem",
    "large-logits": "large_logits_problem",
    "full-size": "full_size_problem",
}


def inputs_of(problem: Problem) -> dict[str, Any]:
    """The problem a student can redo by hand (in full when small)."""
    out: dict[str, Any] = {"problem": problem.name, "sizes": problem.sizes, "reg": problem.reg}
    maker = _MAKERS.get(problem.tags[0] if problem.tags else "")
    if maker:
        out["reproduce"] = f"from derive.checks.grading.problems import {maker}; problem = {maker}()"
    count = problem.X.size + sum(v.size for v in problem.params.values())
    if count <= SMALL:
        out["inputs"] = problem.as_arrays()
    return out


def error_text(exc: Exception | None) -> str:
    if exc is None:
        return ""
    message = getattr(exc, "message", None) or str(exc)
    line = getattr(exc, "line", None)
    return f"line {line}: {message}" if line and f"line {line}" not in message else message
