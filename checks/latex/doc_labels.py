r"""Superscripts a document uses as labels: ``\frac{\partial \mathcal{L}}{\partial W^L}``.

A derivative with respect to ``W^L`` whose numerator is a first derivative (``\partial``, not
``\partial^2``) is with respect to the quantity W^L of layer L, not a power of W. Where a
document writes that, ``W^L`` is a name everywhere in the document (``\partial a^L`` in a
numerator, ``W^L a^{L-1}`` in a value), exactly as the notation's ``[labels]`` table makes
``o^a`` a name: reading it as a label in one place and a power in another would make a step
about different things on its two sides. Numeric superscripts (``\partial x^2``) and
transposes stay what they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_names import DECORATIONS

__all__ = ["after_higher_numerator", "with_bracket_steps", "with_document_labels"]

#: ∂ (or d, \mathrm{d}) then a letter, a decorated letter (\hat{y}^n: course reports' example n),
#: a Greek letter or a font-wrapped letter, perhaps its subscript (Nielsen's z_j^l), then ^ and one
#: letter or a braced word (L, l, \ell, {L}, {l-1} is not taken: only what is a name)
_NAME = (
    r"(?:\\(?:mathbf|boldsymbol|bm|mathit|mathrm)\s*\{\s*(?P<font>[A-Za-z])\s*\}|"
    r"\\(?P<deco_command>hat|widehat|tilde|widetilde|bar|overline)\s*\{\s*(?P<deco>[A-Za-z])\s*\}|"
    r"\\(?:mathbf|bm)\s+(?P<fontsp>[A-Za-z])|(?P<greek>\\[a-zA-Z]+)|(?P<letter>[A-Za-z]))\s*"
    r"(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?\^\s*(?:\{\s*(?P<braced>[A-Za-z]|\\ell)\s*\}|(?P<single>[A-Za-z]|\\ell\b))"
)
#: where such a name is differentiated or differentiated by: after ∂ or d, and at the start of either
#: argument of the physics package's \pdv{f}{x} (f may hold two levels of braces)
_DERIVATIVES_BY = [
    # ∂ then the name, perhaps braced (``\\partial{a_j^k}``, as ``\\partial{z_1}`` is read)
    re.compile(r"(?:\\partial|\\mathrm\s*\{\s*d\s*\}|(?<![A-Za-z\\])d)\s*\{?\s*" + _NAME),
    re.compile(r"\\(?:pdv|dv|odv)\s*\{\s*" + _NAME),
    re.compile(r"\\(?:pdv|dv|odv)\s*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}\s*\{\s*" + _NAME),
]
_TRANSPOSE = {"T", "top", "intercal"}
#: letters that name layers: labelled on one name, they label every name of the document
_LAYER_LETTERS = {"L", "l", r"\ell"}
#: one of them in a pattern (\ell before l, so that the l of \ell is not taken alone)
_LAYER = r"\\ell(?![A-Za-z])|[Ll](?![A-Za-z])"
#: how far back a numerator's \partial^2 may be for the same fraction
_LOOKBACK = 60


def _found_labels(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in (m for pattern in _DERIVATIVES_BY for m in pattern.finditer(text)):
        base = m.group("font") or m.group("fontsp") or m.group("greek") or m.group("letter")
        if m.group("deco"):  # \hat{y}^n: the reader's name for it is \hat{y} (tex_tokens.read_identifier)
            decoration = DECORATIONS["\\" + m.group("deco_command")]
            base = "\\" + decoration + "{" + m.group("deco") + "}"
        label = m.group("braced") or m.group("single")
        if base in (r"\partial", r"\frac", r"\left") or label in _TRANSPOSE:
            continue
        if after_higher_numerator(text, m.start()):
            continue  # ∂²f/∂x^… is a higher derivative: not read as a label
        out.setdefault(base, set()).add(label)
    return out


def after_higher_numerator(text: str, start: int) -> bool:
    """Is a ``\\partial^2`` or ``d^2`` written shortly before ``start`` (the numerator of the same
    fraction: ``\\frac{\\partial^2 f}{\\partial x^2}`` is a higher derivative)?"""
    return re.search(r"\\partial\s*\^|\bd\s*\^", text[max(0, start - _LOOKBACK) : start]) is not None


def with_document_labels(text: str, notation: Notation) -> Notation:
    """The notation with the letter superscripts the document differentiates by added as labels."""
    found = _found_labels(text)
    if not found:
        return notation
    labels = dict(notation.labels)
    for base, values in found.items():
        labels[base] = tuple(sorted(set(labels.get(base, ())) | values))
    # a layer letter (L, l, ℓ) labelled on one name is the document's layer index: b^L beside W^L
    layers = {v for values in found.values() for v in values if v in _LAYER_LETTERS}
    # … and another layer letter on a name so labelled is a layer too: z^l_j = Σ_k w^l_{jk} a^{l-1}_k + b^l_j
    # beside ∂C/∂z^L_j (Nielsen's notation: the layer l of a definition, the last layer L of a step)
    layers |= other_layer_letters(text, {base for base, values in found.items() if values & _LAYER_LETTERS})
    if layers:
        labels["*"] = tuple(sorted(set(labels.get("*", ())) | layers))
    return replace(notation, labels=labels)


def other_layer_letters(text: str, bases: set[str]) -> set[str]:
    """The layer letters (L, l, ℓ) written as a superscript, alone or with the layer before or after
    (``z^l_j``, ``z_j^{l}``, ``a^{l-1}``), on a base the document differentiates by a layer letter
    (``bases``): on that same name the letter is another layer, not an exponent (z^L beside z^l)."""
    out = set()
    for base in bases:
        escaped = re.escape(base) + (r"(?![A-Za-z])" if base[-1].isalpha() else "")
        script = rf"(?:_\s*(?:\{{[^{{}}]*\}}|[A-Za-z0-9])\s*)?\^\s*\{{?\s*({_LAYER})\s*(?:[+-]\s*\d\s*)?\}}?"
        out |= {m.group(1) for m in re.finditer(rf"(?<![A-Za-z\\]){escaped}\s*{script}", text)}
    return out & _LAYER_LETTERS


#: a name with a bracketed one-letter label: Z^{(k)}, \theta^{(K)}, \mathbf{W}^{(k)}
_BRACKET_LABEL = re.compile(
    r"(\\[A-Za-z]+\s*\{\s*[A-Za-z]\s*\}|\\[A-Za-z]+|[A-Za-z])\s*\^\s*\{\s*\(\s*([A-Za-z])\s*\)\s*\}"
)


#: a first derivative by (or of) a name with a bracketed letter label, or its neighbour:
#: ``\partial a^{(i)}_k``, ``\partial{W^{(k+1)}}``
_DIFFERENTIATED_BRACKET = re.compile(
    r"(?:\\partial|\\mathrm\s*\{\s*d\s*\}|(?<![A-Za-z\\])d)\s*\{?\s*"
    r"(?:\\[A-Za-z]+\s*\{\s*[A-Za-z]\s*\}|\\[A-Za-z]+|[A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9])\s*)?"
    r"\^\s*\{\s*\(\s*([A-Za-z])\s*(?:[+-]\s*\d\s*)?\)\s*\}"
)


def with_bracket_steps(text: str, notation: Notation) -> Notation:
    """The notation with the letters the document writes as bracketed labels on two names or more
    (``Z^{(k)} = A^{(k-1)} W^{(k)}``): there ``(k-1)`` and ``(k+1)`` are the neighbouring layers or
    iterations, as ``(l-1)`` always is, not a bracketed power. On one name alone the letter may be an
    exponent's (``x^{(k)}`` beside ``k x^{(k-1)}``), so it is left out, unless a first derivative is
    taken by or of it (``\\partial a^{(i)}_k``: a derivative by a power is written with ∂², and
    ``(i)`` itself is read as a label already, so ``(i+1)`` is the next layer)."""
    bases: dict[str, set[str]] = {}
    for m in _BRACKET_LABEL.finditer(text):
        bases.setdefault(m.group(2), set()).add(re.sub(r"\s+", "", m.group(1)))
    letters = {letter for letter, names in bases.items() if len(names) >= 2}
    differentiated = _DIFFERENTIATED_BRACKET.finditer(text)
    letters |= {m.group(1) for m in differentiated if not after_higher_numerator(text, m.start())}
    steps = tuple(sorted(letters))
    if not steps:
        return notation
    return replace(notation, labels={**notation.labels, "(*)": steps})
