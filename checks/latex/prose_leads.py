r"""A chain that opens with a phrase written in math: ``\text{The log-likelihood is} = \ell(\lambda)
= n \ln \lambda - \lambda \sum_i x_i``.

Authors who type a whole line inside one display put the words that introduce a formula in
``\text{…}`` and join them to it with ``=``. The phrase is not a quantity, so the formula after
it starts the chain as far as its meaning goes: ``\ell(\lambda) = …`` there defines ℓ exactly as
it would at the start of a display. Readers that look for definitions at a chain's start
(own_functions) skip such a lead, so a function the document defines again in a later section
this way is seen as redefined, not read with the earlier section's body (which called the new
section's correct log-likelihood wrong).

Only a phrase counts: two or more words, or words in a script without spaces (CJK), and nothing
but text in the term. A one-word ``\text{Loss}`` or ``\mathrm{KL}`` may name a quantity and is
kept.
"""

from __future__ import annotations

import re
from typing import TypeVar

__all__ = ["past_prose_lead", "is_prose_phrase"]

#: one text group: \text{…}, \textrm{…}, \textbf{…}, \textit{…}, \mbox{…}, \mathrm{…}
_TEXT_GROUP = re.compile(r"\\(?:text(?:rm|bf|it|sf|normal)?|mbox|mathrm)\s*\{([^{}]*)\}")
#: a word of two or more letters, in any script
_WORD = re.compile(r"[^\W\d_]{2,}")
#: letters of scripts written without spaces between words (CJK, kana, hangul)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

T = TypeVar("T")


def is_prose_phrase(text: str) -> bool:
    """Is ``text`` nothing but a phrase in text groups (``\\text{The loss is}``)?"""
    groups = _TEXT_GROUP.findall(text)
    if not groups or _TEXT_GROUP.sub("", text).strip(" \t\n~:,\\;!"):
        return False
    words = " ".join(groups)
    return len(_WORD.findall(words)) >= 2 or _UNSPACED.search(words) is not None


def past_prose_lead(chain: list[tuple[T, str]]) -> list[tuple[T, str]]:
    """``chain`` (terms with a ``.text`` and their relation to the next) without the phrases that
    open it; the chain itself when it does not open with one or nothing would be left of it."""
    k = 0
    while k < len(chain) - 2 and is_prose_phrase(getattr(chain[k][0], "text", "")):
        k += 1
    return chain[k:]
