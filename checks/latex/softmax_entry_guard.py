r"""``softmax(x) = \frac{e^{x_i}}{\sum_k e^{x_k}}``: a softmax of a vector against one entry of it;
``softmax(Z)`` of a matrix, normalised over its rows or its columns.

The matrix judge evaluates the softmax of a vector as the vector it is, so a side that is a
number where the other is that vector has another shape: wrong, as in a written-out softmax
that adds its entries up instead of listing them. But many authors leave the index off the
softmax and write entry i on the other side: the step they mean is ``softmax(x)_i = …``. Where
the side that is a number has an index no sum binds (the i of ``e^{x_i}``), the difference of
shapes is that shorthand, not a mistake: inconclusive. Without such an index (``x_1``, ``x_2``
written out and added) a number against the vector is wrong.

The softmax of a matrix is evaluated row by row (tensor_ops), which is one convention: where
the step's shapes are inferred (names the document never declares), a step it finds wrong may
hold over the columns (one example per column), so it is not called wrong. Where the shapes are
declared (the notation's batch of examples as rows, N × K) the layout is the declared one.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SOFTMAX_VECTOR", "entry_for_vector", "mark_softmax"]

#: world flags: a softmax of a vector (more than one entry), of a matrix, was evaluated (tensor_eval)
SOFTMAX_VECTOR, SOFTMAX_MATRIX = "softmax_vector", "softmax_matrix"


def mark_softmax(flags: dict[str, bool], args: list[Any]) -> None:
    """Mark a world where a softmax of more than one entry was evaluated; of a matrix the
    evaluator normalises each row (tensor_ops), a convention (a batch of examples as rows) that
    a document with one example per column does not share. A softmax of a vector makes the step
    one about vectors (matrix_judge) even where its argument is a name the notation only
    samples as a vector; entry_for_vector then keeps only its shape differences wrong."""
    if len(args) == 1 and args[0].size > 1:
        flags[SOFTMAX_VECTOR] = True
        flags[SOFTMAX_MATRIX] = flags.get(SOFTMAX_MATRIX, False) or min(args[0].shape) > 1


def entry_for_vector(verdict: dict[str, Any], outcomes: list[tuple[Any, dict[str, Any]]]) -> dict[str, Any]:
    """``verdict``, made inconclusive where it is a difference of shapes in a step that takes the
    softmax of a vector and has a free index (its entry i meant by the vector), or where it
    takes the softmax of a matrix (over its rows or its columns: the document's convention)."""
    if verdict["status"] != "wrong" or not any(w.flags.get(SOFTMAX_VECTOR) for w, _ in outcomes):
        return verdict
    bad = [o for _, o in outcomes if o["status"] != "same"]
    if not any(w.flags.get("tensor") for w, _ in outcomes) and not all(o["status"] == "shape" for o in bad):
        # the softmax's argument is the only vector, a name the notation only samples as one: a
        # letter read as the softmax (S) may be the document's scalar function (S(x) = 1/(1 + e^{-x}),
        # held-out 34), so only a number against the whole vector (its entries added up) is wrong
        why = "the sides differ where only the softmax of a name sampled as a vector makes the step one about vectors"
        return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}
    if any(w.flags.get(SOFTMAX_MATRIX) and w.undeclared for w, _ in outcomes):
        why = "the sides differ with the softmax of a matrix taken row by row: the document may normalise its columns"
        return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}
    if not any(o.get("bind") for o in bad if o["status"] in ("shape", "illtyped")):
        return verdict
    why = "the shapes differ with the softmax of a vector against a side with a free index: its entry meant?"
    return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}
