r"""A name each section defines afresh is, inside a section, the value that section gives it.

Reports of forward and backward passes reuse one letter per section: ``z = \frac{1}{1+e^{-x}}``
under "Sigmoid", ``z = \log(1 + e^{-l x})`` under "Log loss", each followed by its ``\frac{dz}{dx}``.
A name defined twice has two meanings from its second value on, so a ``wrong`` step that uses it
is held (DocumentDefinitions.release_redefined): which value is meant is not known. Within a
section that gives the name exactly one value before the step, and where every other value lies
in an earlier section, a reader knows which: the section's own. The step was judged with that
value already (DocumentDefinitions.for_step takes the latest before the step), so its refutation
stands (:func:`release_section_scoped`); a sign dropped in the second section's derivative
(the Oquab loss of a 2015 ConvNet report) is found again.

Not released: a document without headings, a name given two values inside the step's section, a
name defined from the twice-defined one whose own value was written in an earlier section (it
meant the earlier value), and a step that uses the name before its section gives it a value.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.doc_definitions import uses_name
from derive.checks.latex.results import StepResult

__all__ = ["release_section_scoped"]


def _value_lines(document: Any, name: str, where: tuple[int, int]) -> list[int]:
    """The lines where the document gives ``name`` a value before ``where`` (first values and later ones)."""
    spots = {(d.line, d.column) for d in document.defs if d.name == name}
    spots |= {(r.line, r.column) for r in document.redefined if r.name == name}
    return sorted(line for line, column in spots if (line, column) < where)


def _scoped(document: Any, step: Any, section_start: int) -> str | None:
    """The twice-defined name the step uses, when its only value in the step's section comes before
    the step and all its others are in earlier sections (and so for the names defined from it that
    the step uses); None otherwise."""
    where = (step.line, step.column)
    earlier = [r for r in document.redefined if (r.line, r.column) <= where and document.step_uses(r, step)]
    names = {r.name for r in earlier}
    if not names:
        return None
    for name in names:
        lines = _value_lines(document, name, where)
        inside = [line for line in lines if line > section_start]
        if len(inside) != 1 or len(lines) < 2:
            return None
    for derived in document._closure(set(names), where) - names:
        used = uses_name(step.lhs, derived) or uses_name(step.rhs, derived)
        if used and max(_value_lines(document, derived, where), default=0) <= section_start:
            return None  # defined from the name in an earlier section: it meant the earlier value
    return sorted(names)[0]


def release_section_scoped(
    judged: list[StepResult], held: list[StepResult], document: Any, marker: str
) -> list[StepResult]:
    """``held`` with each step that was ``wrong`` in ``judged`` and held for a twice-defined name
    (its message carries ``marker``) given its refutation back where the step's section gives the
    name its one value (module docstring)."""
    headings = getattr(document, "headings", [])
    if not headings:
        return held
    out = list(held)
    for k, (was, now) in enumerate(zip(judged, held, strict=True)):
        if was.status != "wrong" or now.status != "inconclusive" or marker not in now.message:
            continue
        section_start = max((h for h in headings if h <= was.step.line), default=0)
        if section_start == 0:
            continue
        name = _scoped(document, was.step, section_start)
        if name is not None:
            why = f"; {name} read with the value its section (from line {section_start}) gives it"
            out[k] = replace(was, message=was.message + why)
    return out
