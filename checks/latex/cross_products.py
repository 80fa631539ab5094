r"""``\times`` beside a vector the document declares is the cross product, not a product of numbers.

A post on rigid transformations (hunt 34, BolunDai0216's blog) writes that a rigid motion keeps
orientation, ``g_*(v\times w) = g_*(v)\times g_*(w)`` for all ``v, w\in\mathbb{R}^3``, with
``g_*(v) = Rv`` for a rotation R. Spellings are unified before a side is read (``\times`` is
``\cdot``), so v and w became numbers, R one as well, and the step was refuted at v = −1, w = 1/2:
R(vw) against (Rv)(Rw). Between vectors of ℝ³ the sign is the cross product, which no reader here
evaluates.

So a step with a ``\times`` that has for a neighbour (directly before or after it) a name the
document declares a vector of ℝ³ (``w \in \mathbb{R}^3``), or names under an arrow on both sides
(``\vec{u} \times \vec{v}``), is not read, saying why. A vector of ℝⁿ beside ``\times`` is the
ordinary product of machine-learning notes (``W \times x``), read as before. ``2 \times 3``, ``a \times b`` of
numbers, ``m \times n`` sizes, ``2 \times w`` (a vector scaled) and ``w_1 \times 2`` (an entry)
are read as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from derive.checks.latex.results import verdict
from derive.checks.latex.tex_tokens import tex_tokens

__all__ = ["cross_product_verdict"]

_ARROWS = {r"\vec", r"\overrightarrow"}


def _name_before(toks: list[str], k: int) -> str:
    """The letter just before token k, or '' (an entry w_1 is a number, not the vector)."""
    j = k - 1
    while j >= 0 and toks[j] in ("}", " "):
        j -= 1
    if j >= 2 and toks[j - 1] == "_" or toks[j : j + 1] == ["}"]:
        return ""  # w_1 \times, w_{i} \times: an entry of the vector, a number
    return toks[j] if j >= 0 else ""


def _name_after(toks: list[str], k: int) -> tuple[str, bool]:
    """The letter just after token k, and whether an arrow is over it."""
    j = k + 1
    arrow = False
    while j < len(toks) and toks[j] in ({"{"} | _ARROWS):
        arrow = arrow or toks[j] in _ARROWS
        j += 1
    if j + 1 < len(toks) and toks[j + 1] == "_" and not arrow:
        return "", False  # \times w_1: an entry of the vector, a number
    return (toks[j] if j < len(toks) else ""), arrow


def _arrow_before(toks: list[str], k: int) -> bool:
    """Is the name just before token k under an arrow (``\vec{v} \times``, ``\vec v \times``)?"""
    j = k - 1
    while j >= 0 and toks[j] == " ":
        j -= 1
    if j >= 2 and toks[j] == "}" and toks[j - 2] == "{":
        j -= 3  # \vec{v}: past the braced name
    else:
        j -= 1  # \vec v
    return j >= 0 and toks[j] in _ARROWS


def _vectors(shapes: Mapping[str, Any]) -> set[str]:
    """The names declared vectors of ℝ³: the cross product lives there. Machine-learning notes write
    ``\\times`` for the ordinary product beside vectors of ℝⁿ all the time (``W \\times x``,
    ``\\delta \\times a^T``, an entry times a derivative): those stay read."""
    return {name for name, shape in shapes.items() if shape is not None and len(shape) == 1 and shape[0] == "3"}


def _crosses(side: str, vectors: set[str]) -> bool:
    try:
        toks = [t for t, _ in tex_tokens(side)]
    except Exception:  # noqa: BLE001 - a side the tokenizer refuses is the readers' to report
        return False
    for k, t in enumerate(toks):
        if t != r"\times":
            continue
        before = _name_before(toks, k)
        after, arrow = _name_after(toks, k)
        arrowed_before = _arrow_before(toks, k)
        number = toks[k - 1 : k][:1] and toks[k - 1][:1].isdigit() or toks[k + 1 : k + 2] and toks[k + 1][:1].isdigit()
        # (2 \times w is w scaled; one arrowed name beside a plain one is a vector scaled too)
        if not number and ((arrow and arrowed_before) or before in vectors or after in vectors):
            return True
    return False


def cross_product_verdict(lhs: str, rhs: str, *shapes: Mapping[str, Any]) -> dict[str, Any] | None:
    """Not read where a ``\\times`` stands beside a declared vector (module docstring); None otherwise."""
    vectors = set().union(*(_vectors(s) for s in shapes))
    for name, side in (("left", lhs), ("right", rhs)):
        if _crosses(side, vectors):
            why = f"could not read {name} side: \\times beside a vector (a cross product, not evaluated)"
            return verdict("unparsed", why, "parse")
    return None
