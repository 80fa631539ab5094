r"""A variance written as a name squared: ``\sigma^2 := \frac{1}{N}\sum_k (x_k - \mu)^2``.

Normalisation layers and statistics notes define the standard deviation by its square and then
write σ alone (``\frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}``, ``\frac{\partial \sigma^2}{\partial
x_i}``). The squared name was no definition, so σ stayed the notation's sigmoid, applied to the
chain's variable: ``∂σ²/∂x_i`` became the derivative of σ(x_i)² and a right layer-norm gradient was
'wrong'. Such a link defines the name as the value's square root (a standard deviation is never
negative, so σ² then is the value again).

Only for a mean or an expectation (the value writes a sum, 𝔼 or Var, or a later term of the same
``=`` chain does: ``S^2 = \frac{n}{n-1}\hat\sigma^2 = \frac{1}{n-1}\sum_i (X_i - \bar X)^2`` names
the sample variance by its first value; that term must be a mean as a whole, not a sum inside a
square) and only where the document never applies the letter to an argument (``\sigma(z)`` beside
``\sigma^2``: one letter, two roles, left as it was).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from derive.checks.latex.notation import Notation, identifier_name

from derive.errors import DeriveError

__all__ = ["equated_terms", "root_definition"]

#: a name squared: \sigma^2, \sigma_B^{2}, s^2 (the name is read by the caller)
_SQUARED = re.compile(r"^\s*(?P<name>.+?)\s*\^\s*(?:\{\s*2\s*\}|2)\s*$")
#: a mean or an expectation: a sum, 𝔼, E[…], Var
_MEAN = re.compile(r"\\sum|\\mathbb\s*\{?\s*E\b|\\operatorname\s*\{\s*Var|\\mathrm\s*\{\s*Var|\bVar\b|E\s*\[")
#: a term that is itself a mean or an expectation, not one inside a power or a product:
#: \frac{1}{n-1}\sum_i …, \frac{\sum_i …}{n}, \sum_i p_i …, 𝔼[…], Var(…) (but not (r - \sum_k p q)^2)
_WHOLE_MEAN = re.compile(
    r"^\s*(?:\\frac\s*\{\s*1\s*\}\s*\{[^{}]*\}\s*|\\frac\s*\{\s*(?=\\sum))?(?:\\displaystyle\s*)?"
    r"(?:\\sum|\\mathbb\s*\{?\s*E\b|\\operatorname\s*\{\s*Var|\\mathrm\s*\{\s*Var|Var\b|E\s*\[)"
)


def equated_terms(chain: list[tuple[Any, str]]) -> list[str]:
    """The terms after the second that the chain still equates with its first: S² = a = b gives [b]
    (σ² := a mean, here or further along the chain: root_definition)."""
    later: list[str] = []
    for (term, _), (_, relation) in zip(chain[2:], chain[1:], strict=False):
        if relation != "=":
            break
        later.append(term.text)
    return later


def root_definition(
    left: str, value: str, notation: Notation, math: str, equal: Sequence[str] = ()
) -> tuple[str, str] | None:
    """(name, ``\\sqrt{value}``) for ``name^2 = value`` where the value writes a mean or an
    expectation, or a term the chain goes on to equate with it (``equal``) is one as a whole
    (``e^2 = (r - \\hat r)^2 = (r - \\sum_k p_k q_k)^2`` squares an error that may be negative, no
    variance), and the document's math (``math``) never applies the name's letter to an argument;
    else None."""
    found = _SQUARED.match(left)
    if found is None or not (_MEAN.search(value) or any(_WHOLE_MEAN.match(text) for text in equal)):
        return None
    try:  # also a notation function's letter: σ² := … makes σ a name in this document
        name = identifier_name(found.group("name"), notation=notation)
    except DeriveError:
        return None
    if name in notation.constants:
        return None
    letter = re.escape(re.split(r"[_^]", found.group("name").strip(), maxsplit=1)[0])
    if re.search(letter + r"(?![A-Za-z])\s*(?:\\left\s*)?\(", math):
        return None
    return name, rf"\sqrt{{{value.strip()}}}"
