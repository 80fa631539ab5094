r"""Dot products of two vectors for the scalar reader: ``\theta^T x`` is ``\sum_q \theta_q x_q``.

Logistic-regression derivations write the linear score as ``\theta^T x``, ``w^T x + b`` or
``\theta^T\mathbf{x}^{(i)}``: the transpose of a vector times a vector, one number. The scalar
reader refuses transposes (a matrix reading is the matrix judge's); written as the sum of
entries, steps such as ``\frac{\partial \sigma(\theta^T x)}{\partial \theta_j} = \sigma(\theta^T x)
(1 - \sigma(\theta^T x)) x_j`` are judged entry by entry, with the sum's size open (2 and 3).

Only two names that are vectors by the usual convention: a lower-case letter or Greek letter,
plain or in a vector font, the second with at most a label superscript (``x^{(i)}``, ``x^i``) and
no subscript but an example's letter (``x_i``: entries x_{iq}); the first may carry a row's letter
(``w_k^T x``, ``u_o^T v_c``: the k-th row of w, entries w_{kq}); a capital (``x^T A x``), a bracket
(``(a - b)^T c``) or a call is left as it is.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import word_group_end
from derive.checks.latex.upright_transposes import upright_t

__all__ = ["dot_name", "dot_names", "dot_pairs", "dot_products"]

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


def _transpose_end(toks: list[str], k: int) -> int | None:
    """The index after ``^T``, ``^{T}``, ``^\\top``, ``^{\\top}`` at k, else None; also after
    ``{^T}`` (``\\theta{^T} x``, a transpose set in braces of its own)."""
    if toks[k : k + 2] == ["{", "^"]:
        end = _transpose_end(toks, k + 1)
        return end + 1 if end is not None and toks[end : end + 1] == ["}"] else None
    if k >= len(toks) or toks[k] != "^":
        return None
    if upright_t(toks[k + 1 : k + 5]):  # ^\text{T}, unbraced: TeX takes the font with its group
        return k + 5
    end = word_group_end(toks, k + 1)
    braced = end is not None and toks[k + 1] == "{"
    if braced and upright_t(toks[k + 2 : end - 1]):  # ^{\text{T}}: the upright T (upright_transposes.py)
        return end
    inner = set(toks[k + 2 : end - 1]) if braced else set(toks[k + 1 : k + 2])
    return end if end is not None and inner in _TRANSPOSES else None


def dot_products(toks: Tokens) -> Tokens:
    """The tokens with each ``a^T b`` of two vectors written as ``\\left(\\sum_q a_q b_q\\right)``."""
    return _rewrite(toks)[0]


def dot_names(toks: Tokens) -> Tokens:
    """The tokens with each ``a^T b`` of two vectors written as one name, ``\\mathrm{dotab}`` (with
    the vectors' labels): one unknown number, whatever a and b are (opaque_dots)."""
    return _rewrite(toks, opaque=True)[0]


def dot_name(pair: tuple[str, str]) -> str:
    """The one name :func:`dot_names` reads θ^T x as: ``dotthetax``."""
    return "dot" + "".join(n.lstrip("\\") for n in pair)


def dot_pairs(toks: Tokens) -> list[tuple[str, str]]:
    """The two vector letters of each ``a^T b`` that :func:`dot_products` reads (θ, x of θ^T x):
    a guess that both are vectors, which :mod:`dot_verdicts` keeps from calling a step wrong."""
    return _rewrite(toks)[1]


def _rewrite(toks: Tokens, opaque: bool = False) -> tuple[Tokens, list[tuple[str, str]]]:
    plain = [t for t, _ in toks]
    if not any(t in ("T", r"\top", r"\intercal") for t in plain):
        return toks, []
    letter = next((c for c in "qrsuvp" if c not in plain), None)
    if letter is None:
        return toks, []
    out: Tokens = []
    pairs: list[tuple[str, str]] = []
    k = 0
    while k < len(toks):
        found = _dot_at(plain, k, letter, opaque) if not out or out[-1][0] not in ("_", "^", r"\frac") else None
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        replacement, k, names = found
        out += [(t, False) for t in replacement]
        pairs.append(names)
    return out, pairs


def _dot_at(toks: list[str], k: int, letter: str, opaque: bool) -> tuple[list[str], int, tuple[str, str]] | None:
    first_end = _vector(toks, k)
    row = _row_index(toks, first_end) if first_end is not None else None
    name_end = first_end
    if row is not None:  # w_k^T x: the k-th row of w, entries w_{kq}
        first_end = row[1]
    t_end = _transpose_end(toks, first_end) if first_end is not None else None
    first_label: list[str] = []
    if first_end is not None and t_end is None:
        first_label, t_end = _labelled_transpose(toks, first_end)
    second_end = _vector(toks, t_end) if t_end is not None else None
    if second_end is None:
        return None
    label: list[str] = []
    end = second_end
    if end < len(toks) and toks[end] == "^":
        label_end = word_group_end(toks, end + 1)
        if label_end is None or _transpose_end(toks, end) is not None:
            return None
        label, end = toks[end:label_end], label_end
    example = _example_index(toks, end) if not label else None
    if example is not None:  # w^T x_i: the i-th example's vector, entries x_{iq}
        end = example[1]
    elif end < len(toks) and toks[end] in ("_", "(", "'"):
        return None  # x_{ij}, x(t), x': not a plain vector
    first, second = toks[k:name_end], toks[t_end:second_end]
    entry = ["_", "{", letter, "}"]
    first_entry = ["_", "{", row[0], letter, "}"] if row is not None else entry
    second_entry = ["_", "{", example[0], letter, "}"] if example is not None else entry
    names = (next(t for t in first if _letter(t)), next(t for t in second if _letter(t)))
    if opaque:  # one unknown number, one per example (w^T x_i) and per row (w_k^T x)
        letters = (row[0] if row is not None else "") + (example[0] if example is not None else "")
        index = ["_", "{", letters, "}"] if letters else []
        return [r"\mathrm", "{", dot_name(names), "}", *index, *first_label, *label], end, names
    dot = [r"\left", "(", r"\sum", "_", "{", letter, "}", *first, *first_entry, *first_label, *second, *second_entry]
    dot += label
    dot += [r"\right", ")"]
    return dot, end, names


def _letter_subscript(toks: list[str], k: int) -> tuple[str, int] | None:
    """(the letter, the index after) of a one-letter lower-case subscript at k (``_i``, ``_{n}``)."""
    if k + 1 >= len(toks) or toks[k] != "_":
        return None
    if re.fullmatch(r"[a-z]", toks[k + 1]):
        return toks[k + 1], k + 2
    if toks[k + 1] == "{" and toks[k + 3 : k + 4] == ["}"] and re.fullmatch(r"[a-z]", toks[k + 2]):
        return toks[k + 2], k + 4
    return None


def _row_index(toks: list[str], k: int) -> tuple[str, int] | None:
    """(the letter, the index after) of a one-letter subscript at k right before a transpose
    (``w_k^T``, ``u_{o}^\\top``): the row of a matrix of weights, a vector; else None."""
    found = _letter_subscript(toks, k)
    return found if found is not None and _transpose_end(toks, found[1]) is not None else None


def _example_index(toks: list[str], k: int) -> tuple[str, int] | None:
    """(the letter, the index after) of a one-letter subscript at k (``_i``, ``_{n}``) that ends
    the name: the example a vector belongs to (``w^T x_i``); else None."""
    found = _letter_subscript(toks, k)
    if found is None or (found[1] < len(toks) and toks[found[1]] in ("^", "_", "(", "'")):
        return None
    return found


def _labelled_transpose(toks: list[str], k: int) -> tuple[list[str], int | None]:
    """(the label, the index after) of a transpose inside a bracketed label's superscript at k,
    ``x^{(i)T}``, ``x^{(i)^T}``, ``x^{(i)\\top}`` (the i-th example, transposed), else ([], None)."""
    end = word_group_end(toks, k + 1) if toks[k : k + 2] == ["^", "{"] else None
    inner = toks[k + 2 : end - 1] if end is not None else []
    if len(inner) < 4 or {inner[-1]} not in _TRANSPOSES:
        return [], None
    label = inner[:-2] if inner[-2] == "^" else inner[:-1]
    closing = {"(": ")", "[": "]"}.get(label[0])
    if closing is None or label[-1] != closing or any(t in ("(", "[") for t in label[1:]):
        return [], None
    return ["^", "{", *label, "}"], end
