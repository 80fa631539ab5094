r"""A superscript that annotates a name in words: ``\delta_x^{\text{(from y)}}``,
``C_\text{NN}^\text{C/R}``, ``\mathbf S^{\text{repeated row}}``.

Authors tell apart quantities of the same letter with a remark set as text in a script: the
gradient that reaches x from y, a cost for classification or regression. Such a script is part
of the name (one symbol per distinct annotation), never a power: no exponent is written in
``\text{…}``. Only a text group of words is taken (letters, digits, and the punctuation of a
remark: parentheses, slash, comma, period, hyphen, colon); a group holding math (``_``, ``^``, a
command) or a relation is not a remark and is read as before.
"""

from __future__ import annotations

import re

__all__ = ["is_text_annotation"]

#: the fonts of words in math; \operatorname and \mathop name operators, not remarks
_WORD_FONTS = {r"\text", r"\textrm", r"\textit", r"\textbf", r"\textsf", r"\textup", r"\mathrm", r"\mbox"}
_REMARK_CHARACTER = re.compile(r"[A-Za-z0-9()/,.:'-]")


def is_text_annotation(arg: list[str]) -> bool:
    """Is the script ``arg`` (its tokens, outer braces off) one text group of words with two
    letters or more (``\\text{(from a1)}``, ``\\text{C/R}``)?"""
    if len(arg) < 4 or arg[0] not in _WORD_FONTS or arg[1] != "{" or arg[-1] != "}":
        return False
    inner = arg[2:-1]
    if not all(len(t) == 1 and _REMARK_CHARACTER.fullmatch(t) for t in inner):
        return False
    return sum(t.isalpha() for t in inner) >= 2
