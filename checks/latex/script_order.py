r"""Superscript before subscript: TeX sets ``a^L_i`` exactly as ``a_i^L`` (the entry i of a^L), and
``\sum^K_{k=1}`` as ``\sum_{k=1}^K``. Nielsen-style notes write ``a^L_j``, ``w^l_{jk}``; the
readers take a name's subscript first, so the two scripts are put in that order. A superscript
after a subscript already (``a_i^L_j``, a double subscript TeX refuses) is left as written.

A prime before a subscript on a function's letter before its bracket, ``g'_k(z_k)``, is set as
``g_k'(z_k)`` (the derivative of neuron k's activation g_k, as abstract_functions reads it); only
the letters f, g, h, which such notes keep for functions; ``y'_i`` without a bracket is left alone."""

from __future__ import annotations

from derive.checks.latex.token_spans import group_end

__all__ = ["primes_after_subscripts", "subscripts_first"]

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


#: the letters whose primed, subscripted form before a bracket is a function's derivative
_FUNCTION_LETTERS = frozenset("fgh")


def primes_after_subscripts(toks: Tokens) -> Tokens:
    """``g'_k(`` → ``g_k'(``, ``g^{\\prime}_{j}(`` → ``g_{j}'(`` (module docstring)."""
    if not any(t == "'" or t == r"\prime" for t, _ in toks):
        return toks
    out = list(toks)
    k = 0
    while k < len(out):
        prime_end = _prime_end(out, k + 1) if out[k][0] in _FUNCTION_LETTERS else None
        before = out[k - 1][0] if k else ""
        subscripted = prime_end is not None and prime_end < len(out) and out[prime_end][0] == "_"
        if subscripted and before not in ("_", "^"):
            sub_end = group_end(out, prime_end + 1)  # type: ignore[operator]
            if sub_end is not None and sub_end < len(out) and out[sub_end][0] in ("(", r"\left"):
                out[k + 1 : sub_end] = out[prime_end:sub_end] + [("'", False)]
                k = sub_end
                continue
        k += 1
    return out


def _prime_end(toks: Tokens, k: int) -> int | None:
    """The index after a prime written at k (``'``, ``^\\prime``, ``^{\\prime}``, ``^{'}``), else None."""
    words = [t for t, _ in toks[k : k + 4]]
    if words[:1] == ["'"]:
        return k + 1
    if words[:2] in (["^", r"\prime"], ["^", "'"]):
        return k + 2
    if words[:4] in (["^", "{", r"\prime", "}"], ["^", "{", "'", "}"]):
        return k + 4
    return None
