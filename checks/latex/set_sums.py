r"""A sum over a named set: ``\sum_{w \in V} y_w \log \hat y_w``, ``\sum_{k \in \mathcal{C}} p_k``.

Word2vec answers sum over the vocabulary this way. Read as a sum over an index w running over
the whole set (expanded at sizes 2 and 3, as ``\sum_w``), but only where w is an index in the
summand: written nowhere except as a subscript (``y_w``, ``u_{w}``). ``\sum_{x \in D} (w^T x -
y)^2`` sums over data points, not positions, and stays unread, as does a set written out
(``\{1, \dots, n\}``) or a set with a condition. The index may be set in a font
(``\sum_{\mathit{d} \in \mathit{D}}``), the set may be one of a family (``\sum_{d \in
\mathcal{D}_j}``), and ``\sum_{\forall x}`` is read as ``\sum_x``, under the same condition.
"""

from __future__ import annotations

import re

__all__ = ["set_index"]

_SET_WRAPPERS = {r"\mathcal", r"\mathbb", r"\mathrm", r"\text", r"\mathbf", r"\mathit", r"\operatorname"}


def set_index(subscript: list[str], summand: list[str]) -> str | None:
    """The index letter of a subscript ``w \\in V`` (V one name), when the summand uses w only
    as a subscript; None otherwise."""
    toks = [t for t in subscript if t not in ("{", "}")]
    if toks and toks[0] in _SET_WRAPPERS:  # \mathit{d} \in \mathit{D}: the index in a font
        toks = toks[1:]
    if len(toks) == 2 and toks[0] == r"\forall" and re.fullmatch(r"[A-Za-z]", toks[1]):
        letter = toks[1]  # \sum_{\forall x} C_x: every x, as \sum_x
        return letter if _only_subscript(letter, summand) else None
    if len(toks) < 3 or not re.fullmatch(r"[A-Za-z]", toks[0]) or toks[1] != r"\in":
        return None
    name = toks[2:]
    if name and name[0] in _SET_WRAPPERS:
        name = name[1:]
    if len(name) >= 3 and name[-2] == "_" and re.fullmatch(r"[A-Za-z0-9]", name[-1]):
        name = name[:-2]  # \mathcal{D}_j: one set of a family, named all the same
    if not name or not all(re.fullmatch(r"[A-Za-z]+", t) for t in name):
        return None
    letter = toks[0]
    return letter if _only_subscript(letter, summand) else None


def _only_subscript(letter: str, toks: list[str]) -> bool:
    """Is every use of ``letter`` in ``toks`` inside a subscript (``_w``, ``_{w}``, ``_{w,k}``)?"""
    used = False
    depth_in_sub: list[int] = []  # brace depths at which a subscript group opened
    depth = 0
    for k, t in enumerate(toks):
        if t == "{":
            depth += 1
            if k > 0 and toks[k - 1] == "_":
                depth_in_sub.append(depth)
        elif t == "}":
            if depth_in_sub and depth_in_sub[-1] == depth:
                depth_in_sub.pop()
            depth -= 1
        elif t == letter:
            used = True
            if not (depth_in_sub or (k > 0 and toks[k - 1] == "_") or _lone_argument(toks, k)):
                return False
    return used


def _lone_argument(toks: list[str], k: int) -> bool:
    """``p(x)``: the letter is the whole argument of a one-letter name (a distribution written as a
    function of its outcome, read as the entry p_x by index_calls)."""
    return (
        2 <= k < len(toks) - 1
        and toks[k - 1] == "("
        and toks[k + 1] == ")"
        and bool(re.fullmatch(r"[A-Za-z]", toks[k - 2]))
    )
