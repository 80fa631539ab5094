r"""Names of updated values: ``w_5^{+}``, ``w_5^{new}``, ``W^{\text{old}}``, ``w_1'``.

A gradient-descent step writes the new value of a weight with a mark on its name: a superscript
``+``, a word (new, old, next, updated; also in brackets after a subscripted name,
``w_{2,3}(new)``), or a prime on a subscripted name that is no function
(``w_1' = w_1 - \eta \frac{\partial L}{\partial w_1}``). Each is a name of its own, different from
the unmarked one. The readers take labels in brackets as part of a name (``w_5^{[+]}``), so the
mark is rewritten into one before anything reads the tokens (``w^{(t+1)}`` already is a name).

A prime on a name without a subscript (``y' = 2x``: a derivative) and one before a bracket
(``g_k'(z)``: a function's derivative) are left as they are, and so is ``^+`` after a bracket
(``(x)^+``: a positive part).
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import each_span

__all__ = ["updated_names"]

_WORDS = {"new", "old", "next", "updated", "upd", "neu", "alt"}
_FONTS = {r"\text", r"\mathrm", r"\textrm", r"\mathit", r"\textit", r"\operatorname"}
_DECORATIONS = {r"\hat", r"\bar", r"\tilde", r"\mathbf", r"\boldsymbol", r"\bm", r"\vec"}


def _group_start(toks: list[str], end: int) -> int | None:
    """Index of the ``{`` matching the ``}`` at ``end``."""
    depth = 0
    for k in range(end, -1, -1):
        depth += {"}": 1, "{": -1}.get(toks[k], 0)
        if depth == 0:
            return k
    return None


def _name_before(toks: list[str], j: int) -> tuple[bool, bool]:
    """(is a name, has a subscript) for the tokens that end just before index j."""
    if j == 0:
        return False, False
    last = toks[j - 1]
    if j >= 2 and toks[j - 2] == "_" and re.fullmatch(r"[A-Za-z0-9]", last):
        return True, True
    if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", last):
        return True, False
    if last == "}":
        start = _group_start(toks, j - 1)
        before = toks[start - 1] if start else ""
        if before == "_":
            return True, True
        return before in _DECORATIONS, False
    return False, False


def _bracketed_word(toks: list[str], k: int) -> tuple[str, int] | None:
    """``(new)`` at k: the word and the index after the bracket (``w_{2,3}(new)``, worked examples)."""
    end = k + 1
    while end < len(toks) and re.fullmatch(r"[A-Za-z]", toks[end]):
        end += 1
    word = "".join(toks[k + 1 : end])
    if end < len(toks) and toks[end] == ")" and word in _WORDS:
        return word, end + 1
    return None


def _mark(toks: list[str], k: int) -> tuple[str, int] | None:
    """(label, index after it) for an update mark starting at k (``^+``, ``^{new}``, ``'``, ``(new)``)."""
    if toks[k] == "(":
        return _bracketed_word(toks, k)
    if toks[k] == "'":
        after = toks[k + 1] if k + 1 < len(toks) else ""
        return ("prime", k + 1) if after not in ("(", "'", r"\left") else None
    if toks[k] != "^" or k + 1 >= len(toks):
        return None
    if toks[k + 1] == "+":
        return "+", k + 2
    if toks[k + 1] != "{":
        return None
    inner: list[str] = []
    end = k + 2
    while end < len(toks) and toks[end] != "}":
        inner.append(toks[end])
        end += 1
    if inner and inner[0] in _FONTS and len(inner) >= 2 and inner[1] == "{":
        inner = inner[2:]
        end += 1  # the font group's own closing brace
        if end >= len(toks) or toks[end] != "}":
            return None
    word = "".join(inner)
    if word == "+" or word in _WORDS:
        return word, end + 1
    return None


def updated_names(toks: list[str], spaced: list[bool]) -> tuple[list[str], list[bool]]:
    """The tokens with each update mark written as a bracket label (module docstring)."""
    if "'" not in toks and "^" not in toks and "(" not in toks:
        return toks, spaced

    def marked(k: int) -> tuple[list[str], int] | None:
        found = _mark(toks, k) if toks[k] in ("'", "^", "(") else None
        if found is None:
            return None
        is_name, subscripted = _name_before(toks, k)
        if not (is_name and (subscripted or toks[k] == "^")):
            return None
        label, k_next = found
        return ["^", "{", "[", *label, "]", "}"], k_next  # the label's letters, or "+"

    return each_span(toks, spaced, marked)
