r"""A partial derivative in a staged computation holds the other nodes of the graph fixed.

Batch-norm and layer-norm notes derive the backward pass node by node (WangcsShuai/
kevinzakka.github.io, the thirty-third hunt): they define ``\hat{x}_i = \frac{x_i -
\mu}{\sqrt{\sigma^2 + \epsilon}}`` and ``\sigma^2 = \frac{1}{m}\sum_i (x_i - \mu)^2``, write the
chain rule through every node, ``\frac{\partial f}{\partial x_i} = \frac{\partial f}{\partial
\hat{x}_i} \frac{\partial \hat{x}_i}{\partial x_i} + \frac{\partial f}{\partial \mu}
\frac{\partial \mu}{\partial x_i} + \frac{\partial f}{\partial \sigma^2} \frac{\partial
\sigma^2}{\partial x_i}``, and then give the first factor, ``\frac{\partial \hat{x}_i}{\partial
x_i} = \frac{1}{\sqrt{\sigma^2 + \epsilon}}``: the partial derivative with σ² held fixed, since the
path through σ² is a term of its own. The checker put σ²'s definition in before differentiating
(the total derivative) and called the step wrong.

So: a ``wrong`` step that differentiates partially (``\partial``) by a variable, where the
document defines a node before the step whose value writes that variable, and differentiates by
that node or differentiates the node itself somewhere (``\partial \sigma^2``: the document treats
it as a node of the graph), is judged again with such nodes free (the step's own ∂-names never
are). Where the step holds so (with the latest values, or with the first value of a name the
document defines twice and the step uses), it is held (inconclusive), saying so: whether the
partial means the node held fixed or the total derivative is the reader's guess. Anything else
keeps the verdict: a step wrong with the nodes held fixed too stays wrong, and a document that
never differentiates by σ² (a single formula, differentiated whole) is not touched.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from derive.checks.latex.doc_definitions import DocumentDefinitions, definitions_before, uses_name
from derive.checks.latex.extract import Equation
from derive.checks.latex.partial_arguments import hold_partial_arguments
from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import BOLD_FONTS, squeezed
from derive.checks.latex.typed_nodes import Opaque

__all__ = ["graph_nodes", "hold_graph_partials", "hold_partials"]

#: ∂ and the one name after it, in squeezed LaTeX: \partial\sigma^2, \partialx_i, \partial\hatx_i
_PARTIAL_BY = re.compile(
    r"\\partial((?:\\(?:hat|bar|tilde))?(?:(?!\\partial)\\[A-Za-z]+|[A-Za-z])"
    r"(?:_(?:\\[A-Za-z]+|[A-Za-z0-9]+))?(?:\^[A-Za-z0-9]+)?)"
)

_WHY = (
    "a partial derivative by {variable} in a staged computation may hold {nodes} fixed (the document"
    " differentiates by {nodes} as a node of its own), and with {nodes} held fixed the step holds;"
    " whether the total derivative is meant is not known, so it is not judged"
)


_squeezed = partial(squeezed, fonts=BOLD_FONTS)  # squeezed_text: names compared as written


def _partial_names(text: str) -> set[str]:
    """The names written right after a ∂ (squeezed)."""
    return {m.group(1) for m in _PARTIAL_BY.finditer(_squeezed(text))}


def graph_nodes(equations: list[Equation]) -> set[str]:
    """The names the document writes right after a ∂ anywhere (squeezed): the nodes it
    differentiates by, or differentiates."""
    found: set[str] = set()
    for equation in equations:
        for piece in equation.pieces:
            found |= _partial_names(piece.text)
    return found


def _is_node(name: str, nodes: set[str]) -> bool:
    """Is the name (squeezed) one of the nodes, itself or squared (σ² defined as σ := √(…) by
    squared_names, and differentiated by as σ²)?"""
    return name in nodes or f"{name}^2" in nodes


def _held_nodes(result: StepResult, nodes: set[str], document: DocumentDefinitions) -> tuple[str, list[str]] | None:
    """(the variable, the names to hold fixed) for a wrong step that has any, else None."""
    step = result.step
    written = _partial_names(f"{step.lhs} = {step.rhs}")
    before = definitions_before(document.defs, step.line, step.column, step.rhs)
    for variable in sorted(written):
        held = sorted(
            {
                d.name for d in before
                if _is_node(_squeezed(d.name), nodes) and not _is_node(_squeezed(d.name), written)
                and uses_name(d.rhs, variable)
            }
        )
        if held:
            return variable, held
    return None


def _readings(result: StepResult, held: list[str], document: DocumentDefinitions) -> list[tuple[dict, dict]]:
    """The step's definitions with the held names free: at the latest values, and with the first
    value of each name the document defines twice and the step uses."""
    step = result.step
    typed, scalar = document.for_step(step.line, step.column, step.rhs, derivative=True)
    readings = [(typed, scalar)]
    for again in document.redefined:
        if (again.line, again.column) > (step.line, step.column) or not document.step_uses(again, step):
            continue
        typed_first, scalar_first = document.for_step(again.line, again.column, again.value, derivative=True)
        if again.name in scalar_first:
            first_typed = {**typed, **({again.name: typed_first[again.name]} if again.name in typed_first else {})}
            readings.append((first_typed, {**scalar, again.name: scalar_first[again.name]}))
    free = set(held)
    return [
        ({n: (Opaque(n) if n in free else v) for n, v in t.items()}, {n: v for n, v in s.items() if n not in free})
        for t, s in readings
    ]


def hold_graph_partials(
    judged: list[StepResult], equations: list[Equation], document: DocumentDefinitions, again: Any
) -> list[StepResult]:
    """The verdicts with each wrong partial derivative that holds with the graph's other nodes
    fixed made inconclusive (module docstring); every other verdict as it was."""
    if not any(r.status == "wrong" for r in judged):
        return judged
    nodes = graph_nodes(equations)
    tasks, where, why = [], [], []
    for k, result in enumerate(judged):
        found = _held_nodes(result, nodes, document) if result.status == "wrong" else None
        if found is None:
            continue
        variable, held = found
        for reading in _readings(result, held, document):
            tasks.append((result.step, reading))
            where.append(k)
            why.append(_WHY.format(variable=variable, nodes=", ".join(held)))
    out = list(judged)
    for k, verdict, said in zip(where, again.run(tasks), why, strict=True):
        if verdict["status"] == "ok" and out[k].status == "wrong":
            out[k] = out[k].held(said)
    return out


def hold_partials(
    judged: list[StepResult], equations: list[Equation], document: DocumentDefinitions, again: Any
) -> list[StepResult]:
    """The two readings of a partial derivative that hold something fixed, in turn: a function's other
    arguments (partial_arguments), then the graph's other nodes (:func:`hold_graph_partials`)."""
    judged = hold_partial_arguments(judged, equations, document, again)
    return hold_graph_partials(judged, equations, document, again)
