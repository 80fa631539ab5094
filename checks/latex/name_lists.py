r"""A list of names given one number: ``s_L = s_2 = 1``, ``n^{[1]} = n^{[2]} = 5``.

Every term but the last is a bare name and the last a number, so each name is assigned there (a
worked example's setting, "for binary classification $L = 2, s_L = s_2 = 1$"): a name given another
number before is assigned again at its own link, as at a chain's first (doc_definitions.py).

A chain that writes its first name again further on, ``y = g(x) = y = 4 - x`` (a new problem's
constraint, after ``g(x) = x^2`` for the one before), gives that name the value after it: a definition
restated, read as one (:func:`restated_heads`), not a step about the name's first value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["listed_names", "restated_heads"]

_DEFINES = ("=", ":=", r"\coloneqq")
#: a number as a worked example writes it: 5, -0.5, 1{,}5
_NUMBER = re.compile(r"\s*[-+]?\s*\d+(?:[.,]\d+|\{,\}\d+)?\s*")


def listed_names(chain: list[Any], is_name: Callable[[str], bool]) -> set[int]:
    """The links (their indices in the chain) after the first of a list of names given one number;
    ``is_name`` tells a bare name's text."""
    if len(chain) < 3 or not _NUMBER.fullmatch(chain[-1][0].text):
        return set()
    if any(r not in _DEFINES for _, r in chain[:-1]) or not all(is_name(t.text) for t, _ in chain[:-1]):
        return set()
    return set(range(1, len(chain) - 1))


def restated_heads(chain: list[Any], name_of: Callable[[str], str | None]) -> list[int]:
    """The links (indices, never 0) whose left term is the chain's first name again, followed by a
    value; ``name_of`` reads a bare name's text (None for anything else)."""
    head = name_of(chain[0][0].text) if len(chain) > 2 else None
    if head is None:
        return []
    return [k for k in range(1, len(chain) - 1) if name_of(chain[k][0].text) == head]
