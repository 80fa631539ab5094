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

from derive.checks.latex.numbered_layers import NUMBERED, numbers_layers
from derive.checks.latex.results import StepResult

__all__ = ["hold_numeric_labels"]

def hold_numeric_labels(results: list[StepResult], text: str) -> list[StepResult]:
    """``results`` with each wrong step that writes a numbered name held back, in a document
    that numbers its layers so."""
    if not any(r.status == "wrong" for r in results) or not numbers_layers(text):
        return results
    out = []
    for result in results:
        written = f"{result.step.lhs} {result.step.rhs}"
        if result.status == "wrong" and NUMBERED.search(written):
            why = (
                f"{result.message}; but the document numbers its layers in superscripts (z^1 = W^1 x + b^1),"
                " so a^2 here may be layer 2's a, not a squared"
            )
            result = result.held(why)
        out.append(result)
    return out
