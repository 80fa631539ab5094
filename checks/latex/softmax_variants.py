r"""Steps that use a function letter the document defines as the softmax in one place and as
another function of the entries in another (``\sigma(\mathbf z)_i = \frac{e^{z_i}}{\sum_k e^{z_k}}``
on one page, ``\sigma(\mathbf z)_i = \frac{z_i}{\sum_k z_k}`` in an "extensions" section).

Which of the two a step means is not known, so the first pass reads the letter as neither
(doc_vectors.document_softmax_names). A step it did not decide is judged again with the letter
read as the softmax; it becomes ``ok`` only if that reading proves it. Any other verdict of the
second judgement is dropped: a step that fails under the softmax may be about the other function,
so this reading can only ever prove a step, never call one wrong. A section's position does not
settle the meaning either: a proof after the second definition may be about the first function.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.doc_definitions import DocumentDefinitions
from derive.checks.latex.normalize import normalize
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

__all__ = ["prove_with_softmax"]

#: after the letter: an optional index (σ_i(z)), then a bracket
_APPLIED = r"\s*(?:_\s*\{?\s*\w\s*\}?\s*)?(?:\\left\s*)?[(\[]"
#: first-pass verdicts a second reading may turn into ok
_UNDECIDED = ("unparsed", "inconclusive")


def prove_with_softmax(
    judged: list[StepResult], variants: frozenset[str], document: DocumentDefinitions, again: Rejudge
) -> list[StepResult]:
    """``judged`` with each undecided step that applies a letter of ``variants`` judged again with
    the letters read as the softmax, and taken as ``ok`` where that reading proves it."""
    todo = [k for k, result in enumerate(judged) if result.status in _UNDECIDED and _applies(result.step, variants)]
    if not todo:
        return judged
    notation = replace(again.notation, softmax_names=again.notation.softmax_names | variants)
    softmax = replace(again, notation=notation)
    tasks = [(judged[k].step, _definitions(judged[k].step, document, softmax)) for k in todo]
    out = list(judged)
    names = ", ".join(sorted(variants))
    for k, verdict in zip(todo, softmax.run(tasks), strict=True):
        if verdict["status"] != "ok":
            continue
        why = f"with {names} read as the softmax the document defines (it also defines {names} as another function)"
        message = "; ".join(part for part in (verdict.get("message", ""), why) if part)
        out[k] = StepResult(judged[k].step, "ok", None, message, verdict.get("method", ""))
        out[k].seconds = judged[k].seconds
    return out


def _applies(step: Step, variants: frozenset[str]) -> bool:
    """Does the step apply one of the letters to a bracket (σ(z)_i, σ_i(z), \\sigma \\left(z\\right)_i)?"""
    text = f"{step.lhs} {step.rhs}"
    return any(re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z]){_APPLIED}", text) for name in variants)


def _definitions(step: Step, document: DocumentDefinitions, softmax: Rejudge) -> tuple[dict, dict]:
    """The document's definitions before the step, as the first pass gives them."""
    sides = (step.lhs, step.rhs)
    differentiates = any(normalize(side, softmax.notation, step.chain_var).derivatives for side in sides)
    return document.for_step(step.line, step.column, step.rhs, derivative=differentiates)
