r"""A step about another loss than the document's: "with cross-entropy the gradient simplifies to
$\frac{\partial E}{\partial z} = y - t$", in a note whose E is the squared error.

Notes compare losses in passing: the prose right before the step names a loss (cross-entropy,
entropie croisée, squared error …) of another kind than the document's definition of the quantity
the step differentiates (a logarithm in it: a cross-entropy; a square and no logarithm: a squared
error). Judged with the document's E, such a step is wrong; meant for the loss the prose names it
may be right. A ``wrong`` there is made inconclusive, saying so. Nothing else changes: a step whose
prose names no loss, or the document's own kind, keeps its verdict.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import squeezed

__all__ = ["hold_other_losses"]

_CROSS_ENTROPY = re.compile(
    r"cross[- ]?entrop|entropie crois|entrop[ií]a cruzada|kreuzentropie|log[- ]loss|logistic loss|"
    r"negative log[- ]likelihood|\bnll\b|\bbce\b|交叉熵|교차 ?엔트로피|크로스 ?엔트로피",
    re.I,
)
_SQUARED = re.compile(
    r"squared error|\bmse\b|erreur quadratique|error cuadr[aá]tico|quadratischer? fehler|均方|평균 ?제곱", re.I
)
_NUMERATOR = re.compile(r"\\frac\s*\{\s*\\partial\s*([^{}]+?|[^{}]*\{[^{}]*\}[^{}]*?)\s*\}\s*\{")


def _kind_in_prose(context: str) -> str | None:
    tail = context[-400:]
    ce, se = bool(_CROSS_ENTROPY.search(tail)), bool(_SQUARED.search(tail))
    return "cross-entropy" if ce and not se else "squared error" if se and not ce else None


def _kind_of_value(value: str) -> str | None:
    if re.search(r"\\log|\\ln|\blog\b|\bln\b", value):
        return "cross-entropy"
    return "squared error" if re.search(r"\^\s*\{?\s*2\b", value) else None


_squeezed = partial(squeezed, fonts=("mathcal", "mathrm", "text"))  # squeezed_text: names compared as written


def hold_other_losses(results: list[StepResult], defs: list[Any]) -> list[StepResult]:
    """``results`` with each wrong step about another loss than the document's held back."""
    out = []
    for r in results:
        m = _NUMERATOR.search(r.step.lhs) if r.status == "wrong" else None
        prose = _kind_in_prose(r.step.context) if m else None
        if m and prose:
            name = _squeezed(m.group(1))
            where = (r.step.line, r.step.column)
            before = [d for d in defs if _squeezed(d.name) == name and (d.line, d.column) < where]
            own = _kind_of_value(before[-1].rhs) if before else None
            if own is not None and own != prose:
                why = f"the prose before it speaks of a {prose} loss, while the document's {m.group(1)} is a {own}"
                r = r.held(f"{r.message}; {why}: the step may be about that other loss")
        out.append(r)
    return out
