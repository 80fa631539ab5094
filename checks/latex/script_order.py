r"""Superscript before subscript: TeX sets ``a^L_i`` exactly as ``a_i^L`` (the entry i of a^L), and
``\sum^K_{k=1}`` as ``\sum_{k=1}^K``. Nielsen-style notes write ``a^L_j``, ``w^l_{jk}``; the
readers take a name's subscript first, so the two scripts are put in that order. A superscript
after a subscript already (``a_i^L_j``, a double subscript TeX refuses) is left as written."""

from __future__ import annotations

__all__ = ["subscripts_first"]

Tokens = list[tuple[str, bool]]


def _argument_end(toks: Tokens, k: int) -> int:
    """Index of the last token of the script argument starting at k (a group or one token), or -1."""
    if k >= len(toks):
        return -1
    if toks[k][0] != "{":
        return k if toks[k][0] not in ("}", "_", "^") else -1
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == "{") - (toks[j][0] == "}")
        if depth == 0:
            return j
    return -1


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
            sup_end = _argument_end(out, k + 1)
            if sup_end > 0 and sup_end + 1 < len(out) and out[sup_end + 1][0] == "_":
                sub_end = _argument_end(out, sup_end + 2)
                if sub_end > 0:
                    out[k : sub_end + 1] = out[sup_end + 1 : sub_end + 1] + out[k : sup_end + 1]
                    k = sub_end + 1
                    continue
        k += 1
    return out
