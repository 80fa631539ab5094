r"""A transpose or a layer label written inside a font's braces: ``\mathbf{U^\intercal}``,
``\boldsymbol{u_o^T}``, ``\mathbf{b^{[3]}}`` (Andrew Ng's bias of layer 3).

CS224n's word2vec answers (and many vector-notation write-ups) put the transpose inside the bold
group. TeX sets it the same as ``\mathbf{U}^\intercal``, and the reader took ``U^\intercal`` as a
name of its own, so ``\mathbf{U^\intercal}(\hat y - y)`` had nothing to do with U. Here the
transpose moves out of the group (a subscript stays in: ``\mathbf{u_o}`` is the name u_o).
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import group_end

__all__ = ["transpose_out_of_font"]

Tokens = list[tuple[str, bool]]

#: fonts that only set a letter in bold or upright (the decorations \hat, \bar change the name)
_FONTS = {r"\mathbf", r"\boldsymbol", r"\bm", r"\mathrm", r"\mathit", r"\mathsf", r"\vec"}
_TRANSPOSE = [["T"], [r"\top"], [r"\intercal"], ["{", "T", "}"], ["{", r"\top", "}"], ["{", r"\intercal", "}"]]


def transpose_out_of_font(toks: Tokens) -> Tokens:
    """Each ``\\font{X_s^T}`` (X a letter or Greek command, s an optional subscript) as
    ``\\font{X_s}^{T}``."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        found = _moved(toks, k)
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        replacement, k = found
        out += replacement
    return out


def _moved(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    if toks[k][0] not in _FONTS or k + 1 >= len(toks) or toks[k + 1][0] != "{":
        return None
    after = group_end(toks, k + 1)
    if after is None:
        return None
    end = after - 1  # the group's closing brace
    inner = [t for t, _ in toks[k + 2 : end]]
    if "^" not in inner:
        return None
    at = inner.index("^")
    name, script = inner[:at], inner[at + 1 :]
    letter = bool(name) and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name[0]) is not None
    subscript = len(name) == 1 or (len(name) >= 3 and name[1] == "_")
    if not (letter and subscript and (script in _TRANSPOSE or _is_label(script))):
        return None
    kept = toks[k : k + 2 + at]  # the font, "{" and the name with its subscript
    moved = [(t, False) for t in script] if _is_label(script) else [("{", False), ("T", False), ("}", False)]
    return [*kept, ("}", False), ("^", False), *moved], end + 1


def _is_label(script: list[str]) -> bool:
    """A layer or example label in braces, ``{[3]}``, ``{(l)}``: Ng's \\mathbf{b^{[3]}} is b^{[3]}."""
    braced = len(script) >= 5 and script[0] == "{" and script[-1] == "}"
    return braced and (script[1], script[-2]) in (("[", "]"), ("(", ")"))
