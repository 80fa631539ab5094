r"""Properties a document proves of a matrix and then uses: ``P^2 = (UU^T UU^T) = UU^T = P``, two lines
above ``(I - P)^T (I - P) = I - 2P + P^2 = I - P``.

The reader takes P as any matrix, for which ``I - 2P + P^2 = I - P`` is false; the page has shown
that P is idempotent (a projection), and the step uses it. Where a document writes a chain from
``X^2`` to ``X`` (X one capital letter, a matrix by the usual typography) it states X² = X; a
``wrong`` step that holds with every ``X^2`` in it written ``X`` is then inconclusive, saying which
property it uses (the property itself is the document's, and it is not checked here).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.extract import Equation
from derive.checks.latex.steps import Step, split_chain

__all__ = ["IDEMPOTENT", "idempotent_reading", "stated_idempotents"]

IDEMPOTENT = "; but with {} = {} (the document states it, line {}) it holds"
#: X^2, X^{2}: the square of one capital letter
_SQUARE = r"(?<![A-Za-z\\])({})\s*\^\s*\{{?\s*2\s*\}}?"
_CAPITAL = re.compile(r"\s*([A-Z])\s*")


def stated_idempotents(equations: list[Equation]) -> dict[str, int]:
    """Capital letters the document states equal to their square (a chain from ``P^2`` to ``P``),
    with the line where it does."""
    found: dict[str, int] = {}
    for equation in equations:
        for chain in split_chain(equation):
            terms = [term for term, _ in chain]
            if not all(relation == "=" for _, relation in chain[:-1]) or len(terms) < 2:
                continue
            # "… \quad\text{and}\quad P^2 = …": spacing before a chain's first term is no part of it
            first, last = re.sub(r"^(?:\s|\\q?quad|\\[,;:!])+", "", terms[0].text), terms[-1].text
            for square, plain in ((first, last), (last, first)):
                m = _CAPITAL.fullmatch(plain)
                if m and re.fullmatch(r"\s*" + _SQUARE.format(re.escape(m.group(1))) + r"\s*", square):
                    found.setdefault(m.group(1), terms[0].line)
    return found


def idempotent_reading(step: Step, idempotents: dict[str, int]) -> tuple[Step, str] | None:
    """The step with each stated idempotent's square written as the letter, and the why; or None."""
    lhs, rhs, used = step.lhs, step.rhs, []
    for letter, line in idempotents.items():
        square = re.compile(_SQUARE.format(re.escape(letter)))
        if square.search(lhs) or square.search(rhs):
            lhs, rhs = square.sub(letter, lhs), square.sub(letter, rhs)
            used.append((letter, line))
    if not used:
        return None
    letter, line = used[0]
    return replace(step, lhs=lhs, rhs=rhs), IDEMPOTENT.format(f"{letter}^2", letter, line)
