r"""Say "a definition" where a step is one: ``h_1 = w_1 i_1 + w_2 i_2`` introduces h_1.

A display that gives a new name its value is listed with the steps (it is a link of a chain,
and its place is marked), but there is nothing in it to check. The judge, which does not know
it is a definition, says "not proved, and the sides use different symbols … a definition, or a
step that needs context": true, and confusing on a page of definitions. Where the document
defines the name there (doc_definitions: the first link of a chain whose left side is a name
given no value before), the step stays inconclusive and the message says what it is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.results import StepResult

__all__ = ["note_definitions"]


def note_definitions(judged: list[StepResult], defs: list[Any]) -> list[StepResult]:
    """``judged`` with each inconclusive step that is one of ``defs`` (doc_definitions.Definition)
    saying so."""
    at = {d.value_at: d for d in defs}
    out = []
    for result in judged:
        d = at.get((result.step.line, result.step.column))
        if d is not None and result.status == "inconclusive" and result.method == "symbols":
            why = f"the document's definition of {d.name}: a name given its value here, nothing to check"
            result = replace(result, message=why)
        out.append(result)
    return out
