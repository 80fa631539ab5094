r"""Dot products of two vectors for the scalar reader: ``\theta^T x`` is ``\sum_q \theta_q x_q``.

Logistic-regression derivations write the linear score as ``\theta^T x``, ``w^T x + b`` or
``\theta^T\mathbf{x}^{(i)}``: the transpose of a vector times a vector, one number. The scalar
reader refuses transposes (a matrix reading is the matrix judge's); written as the sum of
entries, steps such as ``\frac{\partial \sigma(\theta^T x)}{\partial \theta_j} = \sigma(\theta^T x)
(1 - \sigma(\theta^T x)) x_j`` are judged entry by entry, with the sum's size open (2 and 3).

Only two names that are vectors by the usual convention: a lower-case letter or Greek letter,
plain or in a vector font, the second with at most a label superscript (``x^{(i)}``, ``x^i``) and
no subscript; a capital (``x^T A x``), a bracket (``(a - b)^T c``) or a call is left as it is.
"""

from __future__ import annotations

import re

__all__ = ["dot_products"]

Tokens = list[tuple[str, bool]]

_VECTOR_FONTS = {r"\mathbf", r"\boldsymbol", r"\bm", r"\vec"}
_TRANSPOSES = ({"T"}, {r"\top"}, {r"\intercal"})
#: lower-case Greek letters that name vectors in these documents (not functions or constants)
_GREEK = {r"\theta", r"\beta", r"\omega", r"\alpha", r"\gamma", r"\mu", r"\xi", r"\eta", r"\lambda"}


def _letter(t: str) -> bool:
    return (re.fullmatch(r"[a-df-z]", t) is not None) or t in _GREEK  # not e (Euler's number)


def _vector(toks: list[str], k: int) -> int | None:
    """The index after a vector name at k (``w``, ``\\theta``, ``\\mathbf{x}``), else None."""
    if k < len(toks) and _letter(toks[k]):
        return k + 1
    fonted = k + 3 < len(toks) and toks[k] in _VECTOR_FONTS and toks[k + 1] == "{" and toks[k + 3] == "}"
    if fonted and _letter(toks[k + 2]):
        return k + 4
    return None


def _group(toks: list[str], k: int) -> int | None:
    """The index after the brace group or single token at k."""
    if k >= len(toks):
        return None
    if toks[k] != "{":
        return k + 1
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if depth == 0:
            return j + 1
    return None


def _transpose_end(toks: list[str], k: int) -> int | None:
    """The index after ``^T``, ``^{T}``, ``^\\top``, ``^{\\top}`` at k, else None."""
    if k >= len(toks) or toks[k] != "^":
        return None
    end = _group(toks, k + 1)
    inner = set(toks[k + 2 : end - 1]) if end is not None and toks[k + 1] == "{" else set(toks[k + 1 : k + 2])
    return end if end is not None and inner in _TRANSPOSES else None


def dot_products(toks: Tokens) -> Tokens:
    """The tokens with each ``a^T b`` of two vectors written as ``\\left(\\sum_q a_q b_q\\right)``."""
    plain = [t for t, _ in toks]
    if not any(t in ("T", r"\top", r"\intercal") for t in plain):
        return toks
    letter = next((c for c in "qrsuvp" if c not in plain), None)
    if letter is None:
        return toks
    out: Tokens = []
    k = 0
    while k < len(toks):
        found = _dot_at(plain, k, letter) if not out or out[-1][0] not in ("_", "^", r"\frac") else None
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        replacement, k = found
        out += [(t, False) for t in replacement]
    return out


def _dot_at(toks: list[str], k: int, letter: str) -> tuple[list[str], int] | None:
    first_end = _vector(toks, k)
    t_end = _transpose_end(toks, first_end) if first_end is not None else None
    second_end = _vector(toks, t_end) if t_end is not None else None
    if second_end is None:
        return None
    label: list[str] = []
    end = second_end
    if end < len(toks) and toks[end] == "^":
        label_end = _group(toks, end + 1)
        if label_end is None or _transpose_end(toks, end) is not None:
            return None
        label, end = toks[end:label_end], label_end
    if end < len(toks) and toks[end] in ("_", "(", "'"):
        return None  # x_j, x(t), x': not a plain vector
    first, second = toks[k:first_end], toks[t_end:second_end]
    entry = ["_", "{", letter, "}"]
    return [r"\left", "(", r"\sum", "_", "{", letter, "}", *first, *entry, *second, *entry, *label, r"\right", ")"], end
