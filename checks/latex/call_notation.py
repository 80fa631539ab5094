r"""What a function's arguments say about the step, noted before the function is applied.

``diag(v)`` and ``\mathrm{tr}(A)`` are matrix notation, as a transpose or a norm is: the scalar
reader cannot read them, so the step is the matrix judge's even where its names are ones the
document only declares (``v \in \mathbb{R}^n``, which alone the judge leaves to the scalar reader
as possibly sampled; tensor_eval._matrix_form). Before, ``\mathrm{diag}(w) b = w \odot b`` with w and b
declared was "no vector or matrix in this step", and unread by both readers.

A softmax of more than one entry is marked too (softmax_entry_guard.mark_softmax).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.softmax_entry_guard import mark_softmax

__all__ = ["noted_arguments"]

#: functions whose argument is a vector or a matrix by the notation itself
MATRIX_FUNCTIONS = frozenset({"diag", "trace"})


def noted_arguments(ev: Any, fn: str, args: list[Any]) -> list[Any]:
    """``args`` (values of an Evaluator ``ev``), the world's flags updated for the call of ``fn``."""
    if fn == "softmax":  # of a matrix: by rows, a guess (softmax_entry_guard)
        mark_softmax(ev.world.flags, args)
    if fn in MATRIX_FUNCTIONS:
        return [ev._matrix_form(a) for a in args]
    return args
