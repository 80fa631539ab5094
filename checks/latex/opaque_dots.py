r"""A step wrong whatever ``w^T x`` is: judged again with the dot product as one unknown number.

The scalar reader takes ``\theta^T x`` as :math:`\sum_q \theta_q x_q` (dot_products), a guess, so a
``wrong`` reached through it is held back (dot_verdicts). Many such steps never look inside the
dot product: ``\frac{d\hat y}{dz} = \frac{e^{-z}}{1 + e^{-z}}`` with ``z = w^T x + b`` and
``\hat y = \sigma(z)`` is about z alone. Read with ``w^T x`` as one name (``\mathrm{dotwx}``), the
step still differs where the document's z is any number; if w and x appear nowhere else in the
step or in what it reaches, that holds under every reading of ``w^T x`` as a number (each entry,
where w is a matrix and the step holds entry by entry), and the step is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.dot_products import dot_name
from derive.checks.latex.dot_verdicts import reached
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation
from derive.checks.latex.sympy_build import Definitions

__all__ = ["DOT_GUARD", "opaque_dot_verdict", "opaque_notation"]

#: what dot_verdicts adds to a ``wrong`` it holds back
DOT_GUARD = "was read as the dot product of two vectors"

Judge = Callable[[Normalized, Normalized, Definitions], dict[str, Any]]


def _base(name: str) -> str:
    return re.split(r"[_^{]", name, maxsplit=1)[0].strip("\\")


def _opaque_definitions(named: Definitions, notation: Notation) -> Definitions:
    """The definitions with each one that reads a dot product read again with it as one name."""
    out: Definitions = {}
    for key, (letters, value) in named.items():
        out[key] = (letters, normalize(value.source, notation)) if getattr(value, "dots", None) else (letters, value)
    return out


def opaque_dot_verdict(
    held: dict[str, Any],
    pairs: list[tuple[str, str]],
    sides: tuple[Normalized, Normalized],
    named: Definitions,
    notation: Notation,
    judge: Judge,
) -> dict[str, Any]:
    """``wrong`` when the step (``sides``, read with ``notation.opaque_dots``) differs with every
    dot product of ``pairs`` as one unknown number and none of their vectors is used otherwise;
    else ``held`` (the verdict dot_verdicts gave)."""
    if any(side.problems for side in sides):
        return held
    known = _opaque_definitions(named, notation)
    if any(getattr(v, "problems", None) and not getattr(named[k][1], "problems", None) for k, (_, v) in known.items()):
        return held  # a definition not read this way would be a free name: no verdict from it
    letters = {_base(n) for pair in pairs for n in pair}
    differentiated = frozenset(v for side in sides for v in side.diff_vars)
    if {_base(n) for n in reached(sides, known, differentiated)[1]} & letters:
        return held  # ∂z/∂w = x: the step looks inside the dot product
    out = judge(*sides, known)
    if out["status"] != "wrong":
        return held
    a, b = pairs[0]
    why = f"; with {a}^T {b} as one unknown number (whatever {a} and {b} are: the step uses them nowhere else)"
    return {**out, "message": out["message"] + why}


def opaque_notation(notation: Notation, pairs: list[tuple[str, str]]) -> Notation:
    """The notation that reads θ^T x as one name (a word name of the document's, for the readers)."""
    return replace(notation, opaque_dots=True, word_names=notation.word_names | {dot_name(p) for p in pairs})
