r"""Definitions whose writing leaves a slash's scope open: ``$C=1/2(y−t)^2$``.

A step's own ``a/b c`` is judged under both readings (verdict_guards): parse_latex reads
a/(b·c), a writer of ``1/2 B_0`` most often means (1/2)·B_0. A definition written that way feeds
its value into later steps, and there only the first reading was tried: JoKerDii's quiz defines
the quadratic loss inline as ``C=1/2(y−t)^2``, restates it as ``C = \frac{1}{2}(y - t)^2``, and
the restatement was 'wrong' against 1/(2(y−t)²). Which value the page gives the name is the
reader's guess, so a ``wrong`` step that uses such a name is judged again with the definition
read as (a/b)·c; holding there, it is inconclusive and says why. Refuted under that reading too,
it stays wrong (a wrong restatement is wrong whichever value the definition has).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.doc_definitions import Definition, DocumentDefinitions, definitions_before
from derive.checks.latex.normalize import normalize
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.results import StepResult
from derive.checks.latex.typed_nodes import Opaque

__all__ = ["settle_loose_definitions"]


def settle_loose_definitions(
    judged: list[StepResult], document: DocumentDefinitions, again: Rejudge
) -> list[StepResult]:
    """``judged`` with each wrong step that uses a loosely written definition (a/b c) judged
    again under the definition's other reading; ``ok`` there makes it inconclusive."""
    loose = [d for d in document.defs if not d.letters and document.scalar[d.name][1].loose_slashes]
    if not loose:
        return judged
    wide = replace(again.notation, slash_takes_factor=True)
    todo: list[tuple[int, Definition]] = []
    tasks: list[tuple[Any, tuple[dict, dict]]] = []
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        step = result.step
        before = {d.name for d in definitions_before(document.defs, step.line, step.column, step.rhs)}
        used = normalize(step.lhs, again.notation).symbol_names | normalize(step.rhs, again.notation).symbol_names
        found = [d for d in loose if d.name in before and d.name in used]
        if len(found) != 1:  # several loose names: their combinations are not tried
            continue
        typed, scalar = document.for_step(step.line, step.column, step.rhs)
        other = normalize(found[0].rhs, wide)
        if other.problems:
            continue
        scalar = {**scalar, found[0].name: (found[0].letters, other)}
        typed = {**typed, found[0].name: Opaque(found[0].name)}  # the typed reader keeps a/(bc): not put in
        todo.append((k, found[0]))
        tasks.append((step, (typed, scalar)))
    out = list(judged)
    for (k, definition), verdict in zip(todo, again.run(tasks), strict=True):
        if verdict["status"] == "ok":
            why = (
                f"; but {definition.name} is defined as {definition.rhs}, with a product after a slash:"
                f" read as (a/b)·c, not a/(b·c), the step holds"
            )
            out[k] = judged[k].held(judged[k].message + why)
    return out
