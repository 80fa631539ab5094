r"""A function the document never defines, at a number, given a value: ``Q(0) = \frac{e^3}{e^3 + e^{-2}}``.

Worked examples name a distribution or a score by a letter and write its values at the classes
(``Q(0)``, ``Q(1)``, ``P(0)``) without ever writing the function: "apply softmax to get predicted
probabilities: $Q(0) = \frac{e^3}{e^3 + e^{-2}}$", then ``-\log Q(0) = -\log(0.9933)``. Such a
call reads as one unknown value already where a step is otherwise refused (opaque_calls, for steps
with no derivative, ok only when the step holds for every value); a chain that starts with the
call alone, ``Q(0) = …``, now also gives that value a definition (doc_definitions), so the later
steps put it in. A letter applied to a number is never a product here (nobody writes Q·0 as
``Q(0)``, number_calls). Not for a function the document or the notation defines (``f(2)`` of
``f(x) = x^2`` is the function's value, judged as before), a known function (``\log(2)``), or a
bracket holding anything but one number. As with every opaque call, only ``ok`` comes of it.
"""

from __future__ import annotations

import re

from derive.checks.latex.notation import BUILTIN_NAMES, Notation, identifier_name
from derive.checks.latex.opaque_calls import call_key
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

__all__ = ["valued_call_name"]

_SUBSCRIPT = r"(?:_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]))?"
#: the whole first term: a letter (Latin, or a Greek command), perhaps subscripted, at one number
_CALL_AT_NUMBER = re.compile(
    r"\s*(?:\\(?:quad|qquad|,|;|:)\s*)*((?:\\[A-Za-z]+|[A-Za-z])\s*" + _SUBSCRIPT + r")"
    r"\s*(?:\\left\s*)?\(\s*([-+]?\s*\d+(?:\.\d+)?)\s*(?:\\right\s*)?\)\s*"
)


def valued_call_name(text: str, notation: Notation) -> str | None:
    """The opaque call's name (``Q(0)``) of a first term that is an undefined function at a number, else None."""
    m = _CALL_AT_NUMBER.fullmatch(text)
    if m is None:
        return None
    try:
        name = identifier_name(m.group(1), notation=notation)
    except Exception:  # noqa: BLE001 - untrusted input: not a name, never a traceback
        return None
    stem = re.split(r"[_^]", name, maxsplit=1)[0].lstrip("\\")
    known = (
        name in notation.functions
        or name in notation.doc_functions
        or name in notation.definitions
        or name in notation.constants
        or stem.lower() in BUILTIN_NAMES
        or stem in ("log", "ln", "exp", "sqrt", "frac", "e", "d")
    )
    if known:
        return None
    inside = list(clean_tokens(tex_tokens(m.group(2)))[0])
    return call_key(name, inside)
