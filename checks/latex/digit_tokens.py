r"""Letter-digit names as tokens: ``w 5`` read as ``w _ { 5 }`` (digit_names decides for which letters).

Kept apart from digit_names, which reads whole equations (steps, tex_tokens): the token rewrites
every reader passes (token_rewrites.merge_word_names) use only this, below those modules.
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import DECORATIONS
from derive.checks.latex.token_spans import each_span

__all__ = ["digit_name_at", "split_digit_names"]

_DIGITS = re.compile(r"\d{1,2}")
_LETTER = re.compile(r"[A-Za-z]")


def digit_name_at(toks: list[str], spaced: list[bool]) -> list[int]:
    """Indices k where toks[k] is a letter and toks[k + 1] its digits, typed as one name (module
    docstring of digit_names): outside subscripts, not against a number, another letter or a command."""
    out: list[int] = []
    scripts: list[bool] = []  # for each open brace: is it a subscript's (a label: out_{h1})?
    for k, t in enumerate(toks):
        if t == "{":
            # a superscript is read (e^{-z1}), a subscript is a label already
            scripts.append(k > 0 and toks[k - 1] == "_")
            continue
        if t == "}":
            if scripts:
                scripts.pop()
            continue
        if any(scripts) or not _LETTER.fullmatch(t) or k + 1 >= len(toks) or spaced[k + 1]:
            continue
        before = toks[k - 1] if k else ""
        against = not spaced[k] and (_LETTER.fullmatch(before) or re.fullmatch(r"[\d.]+", before))
        if before in ("_", "^") or (against and not _differential_d(toks, spaced, k - 1)):
            continue
        after = toks[k + 2] if k + 2 < len(toks) else ""
        if (
            _DIGITS.fullmatch(toks[k + 1])
            and after not in ("_", ".")
            and not (after[:1].isdigit() and not spaced[k + 2])
        ):
            out.append(k)
    return out


def _word_end(toks: list[str], spaced: list[bool], k: int) -> int:
    """Where the letters typed right after a digit name's digits end, when they finish the word
    (``w1o``, the weight from h1 to o: w_{1o}, one name); k itself when there are none or a digit
    follows them (``x1y1``: two names, x_1 y_1)."""
    end = k
    while end < len(toks) and _LETTER.fullmatch(toks[end]) and not spaced[end]:
        end += 1
    if end < len(toks) and toks[end][:1].isdigit() and not spaced[end]:
        return k
    return end


def _differential_d(toks: list[str], spaced: list[bool], k: int) -> bool:
    """Is toks[k] a differential's d standing alone before the name (``\\frac{dz}{dw1}``, ``dLoss/dw1``):
    a ``d`` that opens a group or a bracket, follows a slash, or stands after a space?"""
    return toks[k] == "d" and (k == 0 or spaced[k] or toks[k - 1] in ("{", "(", "/"))


def split_digit_names(toks: list[str], spaced: list[bool], letters: frozenset[str]) -> tuple[list[str], list[bool]]:
    r"""``w 5`` becomes ``w _ { 5 }`` for the document's letters; ``\hat { y 1 }`` becomes
    ``\hat { y } _ { 1 }`` (as ``\hat{y_1}`` is read: the hat over the letter of entry 1)."""
    if not letters:
        return toks, spaced
    at = {k for k in digit_name_at(toks, spaced) if toks[k] in letters}
    if not at:
        return toks, spaced

    def split(k: int) -> tuple[list[str], int] | None:
        if k not in at:
            return None
        decorated = k >= 2 and toks[k - 1] == "{" and toks[k - 2] in DECORATIONS and toks[k + 2 : k + 3] == ["}"]
        if decorated:  # \hat { y 1 } -> \hat { y } _ { 1 }
            return [toks[k], "}", "_", "{", toks[k + 1], "}"], k + 3
        end = _word_end(toks, spaced, k + 2)
        return [toks[k], "_", "{", toks[k + 1], *toks[k + 2 : end], "}"], end

    return each_span(toks, spaced, split)
