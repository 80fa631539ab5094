r"""Rewrites of a token list before it is read: forms of homework mathematics that mean a
standard form (``\partial J/\partial w`` is ``\frac{\partial J}{\partial w}``,
``\mathbb{y}`` a bold y, ``\hat{y_i}`` is ``\hat{y}_i``)."""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import DECORATIONS, FONTS, GREEK

__all__ = ["rewrite_tokens"]

Tokens = list[tuple[str, bool]]


def rewrite_tokens(toks: Tokens) -> Tokens:
    """All the rewrites, in order."""
    return _slash_derivatives(_subscript_out_of_decoration(_blackboard_names(_transpose_macro(toks))))


def _transpose_macro(toks: Tokens) -> Tokens:
    r"""``W\T``: a ``\T`` the document uses without defining it here (its macros are already
    expanded, so it comes from a style file) is the transpose shorthand ``^\top``; after a
    superscript group (``W^{(2)}\T``) the transpose joins that group."""
    out: Tokens = []
    for tok, spaced in toks:
        if tok != r"\T":
            out.append((tok, spaced))
            continue
        opener = _superscript_group_start(out)
        if opener is None:
            out.extend([("^", spaced), (r"\top", False)])
        else:
            out.insert(len(out) - 1, (r"\top", False))
    return out


def _superscript_group_start(toks: Tokens) -> int | None:
    """Index of the ``{`` of a ``^{…}`` group that ends the tokens, if one does."""
    if not toks or toks[-1][0] != "}":
        return None
    depth = 0
    for k in range(len(toks) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(toks[k][0], 0)
        if depth == 0:
            return k if k > 0 and toks[k - 1][0] == "^" else None
    return None


def _blackboard_names(toks: Tokens) -> Tokens:
    """``\\mathbb{y}``, ``\\mathbb{\\hat{y}}``, ``\\mathbb{\\theta}``: Markdown writers' bold vectors
    (blackboard bold of a lower-case or Greek letter is never a number set), read as the name
    itself, as bold is. ``\\mathbb{R}`` and the other capitals, and ``\\mathbb{1}``, stay."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        end = _group_end(toks, k + 1) if toks[k][0] == r"\mathbb" else None
        braced = end is not None and toks[k + 1][0] == "{"
        inner = [t for t, _ in (toks[k + 2 : end - 1] if braced else toks[k + 1 : end])] if end else []
        letters = [t for t in inner if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t) and t not in FONTS]
        named = bool(letters) and not re.fullmatch(r"[A-Z]", letters[0])
        if named and all(t in FONTS or t in letters or re.fullmatch(r"[{}_^\d]", t) for t in inner):
            out += toks[k + 2 : end - 1] if braced else toks[k + 1 : end]
            k = end or k + 1
            continue
        out.append(toks[k])
        k += 1
    return out


def _subscript_out_of_decoration(toks: Tokens) -> Tokens:
    """``\\hat{y_i}`` is ``\\hat{y}_i`` (the hat over the letter of the i-th entry): the subscript
    is moved out, so that ``\\hat{y_i}`` and ``\\hat{y}_i`` are one name."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        t = toks[k][0]
        end = _group_end(toks, k + 1) if t in DECORATIONS and k + 4 < len(toks) and toks[k + 1][0] == "{" else None
        if end is not None:
            letter, mark = toks[k + 2][0], toks[k + 3][0]
            sub_end = _group_end(toks, k + 4) if mark == "_" else None
            if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", letter) and letter not in FONTS and sub_end == end - 1:
                out += [toks[k], toks[k + 1], toks[k + 2], ("}", False), ("_", False), *toks[k + 4 : end - 1]]
                k = end
                continue
        out.append(toks[k])
        k += 1
    return out


def _group_end(toks: Tokens, k: int) -> int | None:
    """The index after the brace group or single token at k."""
    if k >= len(toks):
        return None
    if toks[k][0] != "{":
        return k + 1 if toks[k][0] not in ("}", "/", "=", "^", "_") else None
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == "{") - (toks[j][0] == "}")
        if depth == 0:
            return j + 1
    return None


def _name_end(toks: Tokens, k: int) -> int | None:
    """The index after a name at k (x, \\theta, \\hat y, \\mathbf{W}, with sub- and superscripts)."""
    if k >= len(toks):
        return None
    t = toks[k][0]
    if t in FONTS:
        end = _group_end(toks, k + 1)
    elif re.fullmatch(r"[A-Za-z]", t) or (t.startswith("\\") and t[1:] in GREEK):
        end = k + 1
    else:
        return None
    while end is not None and end < len(toks) and toks[end][0] in ("_", "^"):
        end = _group_end(toks, end + 1)
    return end


def _slash_derivatives(toks: Tokens) -> Tokens:
    """``\\partial J/\\partial w`` (inline math's way) is ``\\frac{\\partial J}{\\partial w}``."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        num_end = _name_end(toks, k + 1) if toks[k][0] == r"\partial" else None
        if num_end is not None and num_end + 1 < len(toks) and toks[num_end][0] == "/":
            if toks[num_end + 1][0] == r"\partial":
                den_end = _name_end(toks, num_end + 2)
                if den_end is not None:
                    num, den = toks[k:num_end], toks[num_end + 1 : den_end]
                    out += [(r"\frac", False), ("{", False), *num, ("}", False), ("{", False), *den, ("}", False)]
                    k = den_end
                    continue
        out.append(toks[k])
        k += 1
    return out
