r"""Names typed without an underscore: ``w5``, ``z1``, ``x2``, ``\hat{y1}`` are ``w_5``, ``z_1`` ….

Numeric worked examples (Mazur's "step by step back-propagation" and its many copies) are often
typed fast: ``z1 = w1 \times x1 + w3 \times x2 + b1``, ``\frac{\partial E}{\partial w5} = …``,
``\hat{y1}``. Read literally, ``w5`` is w times 5 and every such step is a claim about w; the
document means the fifth weight, the name it also writes ``w_5`` elsewhere.

A letter followed directly by one or two digits is read as the letter with that subscript when
the document uses such names as quantities, for that letter:

- it gives one of them a value or a formula (``z1 = …``, ``x1 = 0.05``: a whole term of a chain
  that is only the name), or
- it writes two or more of them with different numbers, one of them 1 or 0 (the weights
  ``w1`` … ``w8``): a numbered family.

Why these two and nothing weaker: ``3x2 + x`` in a polynomial exercise may be x squared typed
badly, and ``x2`` there is neither assigned nor one of a family starting at x1 (nobody writes
x¹ as ``x1``). Inside a subscript (``out_{h1}``, ``a_{h2}``) the letters and digits already
form one label and are left alone (a superscript, ``e^{-z1}``, is read), as is a letter typed
against a number (``2x1``: a coefficient) or against other letters (``net1``: a word).
Constants and functions of the notation (``e``) are never such a letter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

__all__ = ["document_digit_names", "split_digit_names"]

_DIGITS = re.compile(r"\d{1,2}")
_LETTER = re.compile(r"[A-Za-z]")
#: a term that is only such a name (a chain's term: z1, {y1}, \hat{y1})
_WHOLE = re.compile(r"\{?\s*(?:\\(?:hat|tilde|bar|widehat)\s*\{\s*)?([A-Za-z])(\d{1,2})\s*\}?\s*\}?")


def _occurrences(toks: list[str], spaced: list[bool]) -> list[int]:
    """Indices k where toks[k] is a letter and toks[k + 1] its digits, typed as one name (module
    docstring): outside scripts, not against a number, another letter or a command."""
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
        if before in ("_", "^") or (not spaced[k] and (_LETTER.fullmatch(before) or re.fullmatch(r"[\d.]+", before))):
            continue
        after = toks[k + 2] if k + 2 < len(toks) else ""
        if (
            _DIGITS.fullmatch(toks[k + 1])
            and after not in ("_", ".")
            and not (after[:1].isdigit() and not spaced[k + 2])
        ):
            out.append(k)
    return out


def document_digit_names(equations: list[Any], notation: Any) -> frozenset[str]:
    """The letters whose letter-digit names the document uses as quantities (module docstring)."""
    from derive.checks.latex.steps import split_chain
    from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

    numbers: dict[str, set[str]] = defaultdict(set)
    assigned: set[str] = set()
    for equation in equations:
        text = getattr(equation, "text", "")
        if not re.search(r"[A-Za-z]\d", text):
            continue
        toks, spaced = clean_tokens(tex_tokens(text))
        toks, spaced = list(toks), list(spaced)
        for k in _occurrences(toks, spaced):
            numbers[toks[k]].add(str(int(toks[k + 1])))
        for chain in split_chain(equation):
            for term, _ in chain if len(chain) >= 2 else ():
                m = _WHOLE.fullmatch(term.text.strip())
                if m:
                    assigned.add(m.group(1))
    own = set(notation.functions) | set(notation.constants)
    return frozenset(
        letter
        for letter, seen in numbers.items()
        if letter not in own and (letter in assigned or (len(seen) >= 2 and seen & {"0", "1"}))
    )


def split_digit_names(toks: list[str], spaced: list[bool], letters: frozenset[str]) -> tuple[list[str], list[bool]]:
    r"""``w 5`` becomes ``w _ { 5 }`` for the document's letters; ``\hat { y 1 }`` becomes
    ``\hat { y } _ { 1 }`` (as ``\hat{y_1}`` is read: the hat over the letter of entry 1)."""
    if not letters:
        return toks, spaced
    at = {k for k in _occurrences(toks, spaced) if toks[k] in letters}
    if not at:
        return toks, spaced
    from derive.checks.latex.tex_names import DECORATIONS

    out: list[str] = []
    gaps: list[bool] = []
    k = 0
    while k < len(toks):
        if k not in at:
            out.append(toks[k])
            gaps.append(spaced[k])
            k += 1
            continue
        decorated = k >= 2 and toks[k - 1] == "{" and toks[k - 2] in DECORATIONS and toks[k + 2 : k + 3] == ["}"]
        if decorated:  # \hat { y 1 } -> \hat { y } _ { 1 }
            out += [toks[k], "}", "_", "{", toks[k + 1], "}"]
            gaps += [spaced[k], False, False, False, False, False]
            k += 3
            continue
        out += [toks[k], "_", "{", toks[k + 1], "}"]
        gaps += [spaced[k], False, False, False, False]
        k += 2
    return out, gaps
