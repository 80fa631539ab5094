r"""Superscript before subscript: TeX sets ``a^L_i`` exactly as ``a_i^L`` (the entry i of a^L), and
``\sum^K_{k=1}`` as ``\sum_{k=1}^K``. Nielsen-style notes write ``a^L_j``, ``w^l_{jk}``; the
readers take a name's subscript first, so the two scripts are put in that order. A superscript
after a subscript already (``a_i^L_j``, a double subscript TeX refuses) is left as written."""

from __future__ import annotations

from derive.checks.latex.token_spans import group_end

__all__ = ["subscripts_first"]

Tokens = list[tuple[str, bool]]


def _after_subscript(toks: Tokens, k: int) -> bool:
    """Does toks[:k] end with a subscript's argument (``x_i``, ``x_{ij}``)?"""
    if k >= 2 and toks[k - 1][0] != "}" and toks[k - 2][0] == "_":
        return True
    if k >= 1 and toks[k - 1][0] == "}":
        depth = 0
        for j in range(k - 1, -1, -1):
            depth += (toks[j][0] == "}") - (toks[j][0] == "{")
            if depth == 0:
                return j >= 1 and toks[j - 1][0] == "_"
    return False


def subscripts_first(toks: Tokens) -> Tokens:
    """``X^A_B`` → ``X_B^A`` wherever a superscript's argument is followed by a subscript."""
    if not any(t == "^" for t, _ in toks):
        return toks
    out = list(toks)
    k = 0
    while k < len(out):
        if out[k][0] == "^" and not _after_subscript(out, k):
            sup_end = group_end(out, k + 1)  # the index after the superscript's argument
            if sup_end is not None and sup_end < len(out) and out[sup_end][0] == "_":
                sub_end = group_end(out, sup_end + 1)
                if sub_end is not None:
                    out[k:sub_end] = out[sup_end:sub_end] + out[k:sup_end]
                    k = sub_end
                    continue
        k += 1
    return out
