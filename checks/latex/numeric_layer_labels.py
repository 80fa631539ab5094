r"""Layers numbered in superscripts: ``z^1 = W^1 x + b^1``, ``a^2 = \text{sigmoid}(z^2)``,
``W^1 \in \mathbb{R}^{3 \times 2}``. There ``a^2`` is layer 2's activation, not a squared, yet a
reader cannot tell that from the symbol: the same document may square names elsewhere, and a
numeric superscript is a power everywhere else (doc_labels.py reads letter labels only).

So this module only guards: where the document shows that it numbers layers in superscripts
(a name with a numeric superscript declared in a space, or two layers' names each defined from
names carrying the same number), a ``wrong`` step that writes a name with a numeric superscript is held back as
inconclusive; its other verdicts stand, and a step without such a name is untouched.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.results import StepResult

__all__ = ["hold_numeric_labels", "numbers_layers"]

#: a one-letter name (a font or Greek command allowed) with a numeric superscript, not after a bracket;
#: W^{(1)} is read as a label already (tex_tokens), so a bracketed number is not one of these
_NAME_NUMBER = (
    r"(?<![)\]}A-Za-z])(?:\\[A-Za-z]+\s*\{?\s*)?[A-Za-z]\}?\s*(?:_\{?[A-Za-z0-9]\}?\s*)?"
    r"\^\s*\{?\s*(\d)\s*\}?(?![\d.])"
)
_NUMBERED = re.compile(_NAME_NUMBER)
#: W^1 \in \mathbb{R}^{3 \times 2}: a space for a layer's matrix (a power is no member of a space)
_DECLARED = re.compile(_NAME_NUMBER + r"\s*(?:\\in\b|∈)")
#: z^1 = W^1 x + b^1: a name with a number defined from other names with the same number
_DEFINED = re.compile(_NAME_NUMBER + r"\s*=(?=(?P<value>[^=\n$]*))")


def numbers_layers(text: str) -> bool:
    """Does the document number layers in superscripts (see the module docstring)?"""
    if _DECLARED.search(text):
        return True
    # two layers so defined (z^1 from W^1, z^2 from W^2): a variance σ^2 = E[x^2] - μ^2 is one number
    numbers = set()
    for m in _DEFINED.finditer(text):
        if any(n.group(1) == m.group(1) for n in _NUMBERED.finditer(m.group("value"))):
            numbers.add(m.group(1))
    return len(numbers) >= 2


def hold_numeric_labels(results: list[StepResult], text: str) -> list[StepResult]:
    """``results`` with each wrong step that writes a numbered name held back, in a document
    that numbers its layers so."""
    if not any(r.status == "wrong" for r in results) or not numbers_layers(text):
        return results
    out = []
    for result in results:
        written = f"{result.step.lhs} {result.step.rhs}"
        if result.status == "wrong" and _NUMBERED.search(written):
            why = (
                f"{result.message}; but the document numbers its layers in superscripts (z^1 = W^1 x + b^1),"
                " so a^2 here may be layer 2's a, not a squared"
            )
            result = replace(result, status="inconclusive", counterexample=None, message=why)
        out.append(result)
    return out
