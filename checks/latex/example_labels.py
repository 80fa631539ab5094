r"""The i-th example written as a label, ``y^{(i)}`` (Andrew Ng, CS229), as an index.

Under ``\sum_{i=1}^m`` the names ``x^{(i)}``, ``y^{(i)}``, ``\hat y^{(i)}`` are one per example:
expanded, they are ``x^{(1)}``, ``x^{(2)}``, … (a label ``[l]`` under ``\sum_l`` alike), so that
``\sum_i (y^{(i)})^2`` is not m copies of one value. A definition written for the i-th example
(``\hat y^{(i)} = \sigma(z^{(i)})``) gives each of them its value, at that example.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["instantiate_label", "label_definition", "word_subscript"]

#: subscripts that are words naming one entry, not index letters: z_{max} (the largest entry, the
#: softmax's shift), Z_{target} (the true class's score), y_{true}, y_{pred}
_WORDS = frozenset({"max", "min", "target", "true", "pred", "out", "tot", "avg", "hid"})


def word_subscript(sub: str) -> bool:
    """Is this subscript a word (``max`` in z_{max}, ``total`` in E_{total}), whose letters are no
    indices? Four letters or more are a word: index letters are at most three (W_{ijk})."""
    return sub.lower() in _WORDS or (len(sub) > 3 and sub.isalpha())

#: a label that is one letter in brackets: (i), [l]
_LETTER_LABEL = re.compile(r"([(\[])([A-Za-z])([)\]])")
#: a label that is one number in brackets: (2), [1]
_NUMBER_LABEL = re.compile(r"([(\[])(\d+)([)\]])")


def instantiate_label(label: str, env: dict[str, int]) -> str:
    """``(i)`` with i = 2 → ``(2)``; any other label as it is."""
    m = _LETTER_LABEL.fullmatch(label)
    if m is None or m.group(2) not in env:
        return label
    return f"{m.group(1)}{env[m.group(2)]}{m.group(3)}"


def label_definition(
    parts: tuple[str, str, str], definitions: dict[str, Any], split: Callable[[str], tuple[str, str, str] | None]
) -> tuple[Any, dict[str, int], dict[str, Any]] | None:
    """(value, {letter: number}, the other definitions) of the definition for the i-th example
    that gives this example's name (base, subscript, label) its value: ``\\hat{y}^{(2)}`` from
    ``\\hat{y}^{(i)} = …``, with i = 2. ``split`` parts a definition's name the same way
    (sympy_build.split_name)."""
    base, sub, label = parts
    m = _NUMBER_LABEL.fullmatch(label)
    if m is None:
        return None
    for key, (letters, _) in definitions.items():
        if letters:
            continue  # a family by its subscript (a_j = …) is read by the caller
        key_parts = split(key)
        k = _LETTER_LABEL.fullmatch(key_parts[2]) if key_parts else None
        if k and not _generic(k.group(2), definitions):
            continue  # n^{[L]} = 1: the last layer's (or L = 4's) value, not every layer's
        if k and key_parts[:2] == (base, sub) and (k.group(1), k.group(3)) == (m.group(1), m.group(3)):
            rest = {name: v for name, v in definitions.items() if name != key}
            return definitions[key][1], {k.group(2): int(m.group(2))}, rest
    return None


def _generic(letter: str, definitions: dict[str, Any]) -> bool:
    """Does a label letter stand for every example or layer (i, l)? Not a capital (L, N, T: the
    last one, a particular layer) nor a letter the document gives a value (L = 4)."""
    return not letter.isupper() and letter not in definitions
