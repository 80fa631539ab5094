r"""A transpose written in an upright font: ``\pmb{w}^{\text{T}}\pmb{x}``, ``X^{\mathrm{T}}``,
``A^{\rm T}``, ``W^\mathsf{T}``.

Textbooks that follow the ISO convention (most Chinese maths-for-ML books among them) set the
transpose T upright, so the superscript is a font group holding the one letter T. TeX prints it as
the same transpose as ``^T``; the readers knew ``^T``, ``^{T}``, ``^\top`` and ``^\intercal`` but
not the font group, so the dot product of two vectors (dot_products.py) and the matrix reading
missed ``\pmb{w}^{\text{T}}\pmb{x}`` and left every step with it unread. Here such a superscript
is written ``^{T}``; nothing else changes (a font group holding anything but T, such as
``x^{\text{new}}``, stays a label).
"""

from __future__ import annotations

from derive.checks.latex.token_spans import each_token_span

__all__ = ["upright_t", "upright_transposes"]

Tokens = list[tuple[str, bool]]

#: upright (and sans-serif) fonts a transpose is set in; the old switches \rm and \sf too
_UPRIGHT = {r"\text", r"\textrm", r"\textup", r"\textsf", r"\mathrm", r"\mathsf", r"\operatorname"}
_SWITCHES = {r"\rm", r"\sf", r"\mathrm"}


def upright_transposes(toks: Tokens) -> Tokens:
    """Each ``^{\\text{T}}``, ``^{\\mathrm{T}}``, ``^{\\rm T}`` as ``^{T}`` (see the module doc).
    An unbraced ``^\\text{T}`` is already braced by font_scripts.py, which runs first."""
    return each_token_span(toks, _upright)


def upright_t(inner: list[str]) -> bool:
    """Is a superscript group's content (without its braces) an upright T: ``\\text{T}``,
    ``\\mathrm{T}``, ``\\rm T``?"""
    return (len(inner) == 4 and inner[0] in _UPRIGHT and inner[1:] == ["{", "T", "}"]) or (
        len(inner) == 2 and inner[0] in _SWITCHES and inner[1] == "T"
    )


def _upright(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "^" or k + 1 >= len(toks) or toks[k + 1][0] != "{":
        return None
    words = [t for t, _ in toks[k + 2 : k + 7]]
    for size in (4, 2):  # ^ { \text { T } }, ^ { \rm T }
        if upright_t(words[:size]) and words[size : size + 1] == ["}"]:
            return [toks[k], ("{", False), ("T", False), ("}", False)], k + size + 3
    return None
