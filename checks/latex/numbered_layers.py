r"""Layers numbered in bare superscripts, read as labels where the document shows it numbers them.

``z^2 = w^2 a^1 + b^2``, ``\delta^2 = \frac{\partial C}{\partial z^2}``, ``W^1 \in \mathbb{R}^{3 \times 2}``:
in such a document ``w^2`` is layer 2's weight, and ``\frac{\partial C}{\partial w^2}`` a derivative
by it, not by a square. A number in a superscript is a power everywhere else, so only names the
document itself numbers so are read as labels: a name declared with a numeric superscript in a
space, and the names of a definition that gives a numbered name a value from names carrying the
same number (z^2 from w^2 and b^2), and a name the document differentiates by at two numbers in
first-order derivatives (``\partial L/\partial w^1_{11}`` and ``\partial L/\partial w^2_{11}``).
Their bare numeric superscripts become ``^{(2)}`` (a label, as the reader takes ``W^{(2)}``),
wherever the document writes them; every other name keeps its power (``x^2``, ``\sigma^2``,
``(a - y)^2``). A document that defines only one numbered name
(``\sigma^2 = E[x^2] - \mu^2``) does not number layers (numbers_layers).
"""

from __future__ import annotations

import re

from derive.checks.latex.doc_labels import after_higher_numerator
from derive.checks.latex.region import Region, with_spans_replaced

__all__ = ["NUMBERED", "layer_bases", "numbers_layers", "with_layer_labels"]

#: a one-letter name (a font or accent on one letter, or a Greek command), an optional subscript,
#: then a one-digit superscript: w^2, \delta^{2}, \mathbf{W}^1, w_{jk}^2, \hat{y}^2
_NUMBERED_NAME = (
    r"(?P<name>\\(?:mathbf|boldsymbol|bm|vec|hat|tilde|bar|mathrm)\s*\{\s*[A-Za-z]\s*\}"
    r"|\\[A-Za-z]+|[A-Za-z])(?P<sub>\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?"
    r"(?P<sup>\s*\^\s*(?:\{\s*(?P<braced>\d)\s*\}|(?P<bare>\d)))(?![\d.])"
)
NUMBERED = re.compile(r"(?<![)\]}A-Za-z0-9\\])" + _NUMBERED_NAME)
_DECLARED = re.compile(NUMBERED.pattern + r"\s*(?:\\in\b|∈)")
_DEFINED = re.compile(NUMBERED.pattern + r"\s*&?\s*:?=(?=(?P<value>[^=\n$]*))")
#: commands that are not names (a superscript on them is no layer)
_NOT_NAMES = {r"\left", r"\right", r"\sum", r"\prod", r"\int", r"\frac", r"\partial", r"\nabla", r"\cdot", r"\times"}


#: a first-order derivative by a numbered name: ``\partial w^2_{11}``, ``d w^{1}`` (not after ∂² or d²)
_DIFFERENTIATED = re.compile(r"(?:\\partial|(?<![A-Za-z\\])d)\s*\{?\s*" + _NUMBERED_NAME)


def _differentiated_numbers(text: str) -> dict[str, set[str]]:
    """Base → the numbers it is differentiated by in first-order derivatives (``\\frac{\\partial L}
    {\\partial w^2_{11}}`` beside ``\\partial w^1_{11}``: w numbered 1 and 2). A derivative by a
    square is nothing anyone writes; by two numbered names of one letter, it is two layers' weights."""
    found: dict[str, set[str]] = {}
    for m in _DIFFERENTIATED.finditer(text):
        if after_higher_numerator(text, m.start()):
            continue
        found.setdefault(_key(m.group("name")), set()).add(_number(m))
    return {base: numbers for base, numbers in found.items() if len(numbers) >= 2 and base not in _NOT_NAMES}


def numbers_layers(text: str) -> bool:
    """Does the document number layers in superscripts (see the module docstring)?"""
    if any(_key(m.group("name")) not in _NOT_NAMES for m in _DECLARED.finditer(text)):
        return True
    if _differentiated_numbers(text):
        return True
    # two layers so defined (z^1 from W^1, z^2 from W^2): a variance σ^2 = E[x^2] - μ^2 is one number
    numbers = set()
    for m in _DEFINED.finditer(text):
        if any(_number(n) == _number(m) for n in NUMBERED.finditer(m.group("value"))):
            numbers.add(_number(m))
    return len(numbers) >= 2


def _key(name: str) -> str:
    return re.sub(r"\s+", "", name)


def _number(m: re.Match[str]) -> str:
    return m.group("braced") or m.group("bare")


def layer_bases(text: str) -> frozenset[str]:
    """The names the document numbers layers of (empty unless it numbers layers at all)."""
    if not numbers_layers(text):
        return frozenset()
    bases = {_key(m.group("name")) for m in _DECLARED.finditer(text)} | set(_differentiated_numbers(text))
    for m in _DEFINED.finditer(text):
        same = [n for n in NUMBERED.finditer(m.group("value")) if _number(n) == _number(m)]
        if same:
            bases.add(_key(m.group("name")))
            bases |= {_key(n.group("name")) for n in same}
    return frozenset(bases - _NOT_NAMES)


def _labelled(region: Region, bases: frozenset[str]) -> Region:
    spans = [
        (m.start("sup"), m.end("sup"), f"^{{({_number(m)})}}")
        for m in NUMBERED.finditer(region.text)
        if _key(m.group("name")) in bases
    ]
    return with_spans_replaced(region, spans)


def with_layer_labels(text: str, regions: list[Region]) -> list[Region]:
    """The regions with the numbered layers' superscripts written as labels (see the module)."""
    bases = layer_bases(text)
    return [_labelled(r, bases) for r in regions] if bases else regions
