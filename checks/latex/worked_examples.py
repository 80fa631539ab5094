r"""Steps of a worked example, where written-out numbers meet the document's symbols.

``z = W^{(1)} x = \begin{bmatrix}1&2&1\\…\end{bmatrix}\begin{bmatrix}1\\3\\1\end{bmatrix}`` puts
the example's numbers in for W^{(1)} and x. The matrix judge evaluates W^{(1)} x at sizes and
values it chooses itself (the notation's d_h = 4, random entries), so such a step differs from
its numbers by that choice alone, in shape or in value: it gives the names values, it does not
contradict them. Two facts decide this, for each side of a step:

- does it hold a matrix written out anywhere inside (a :class:`Literal` or a ``Pattern``, whose
  sizes are fixed by their entries), not only as the whole side;
- is it numbers only (no name at all), against a side with a name the judge sampled (no
  definition in the document): then the step assigns values, and a difference proves nothing.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.matrix_literals import Literal, Pattern
from derive.checks.latex.typed_nodes import Node, Sym, all_nodes

__all__ = ["holds_literal", "literal_meets_open_name", "numbers_for_names"]


def _parts(node: Any) -> list[Any]:
    """Every node inside ``node`` (itself included)."""
    return all_nodes(node)


def holds_literal(side: Node) -> bool:
    """A matrix written out somewhere in this side (its size is its entries')."""
    return any(isinstance(part, Literal | Pattern) for part in _parts(side))


def numbers_for_names(sides: tuple[Node, Node], defined: set[str]) -> bool:
    """One side numbers only, written out, and the other a name with no value (``defined``: the
    names the document or the notation gives values): the step assigns the example's values."""
    names = [{p.full for p in _parts(side) if isinstance(p, Sym)} for side in sides]
    for k in (0, 1):
        numbers, other = names[k], names[1 - k]
        if not numbers and holds_literal(sides[k]) and any(n not in defined for n in other):
            return True
    return False


#: the matrix judge's message for a side whose product or sum does not fit
_ILL_TYPED = re.compile(r"the (left|right) side does not fit together")


def literal_meets_open_name(
    verdict: dict[str, Any],
    sides: tuple[Node, Node],
    shapes: dict[str, tuple[str, ...]],
    defs: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``\\begin{bmatrix}0&2&4\\\\…\\end{bmatrix} x = \\begin{bmatrix}-2\\\\-2\\\\-4\\end{bmatrix}`` (a linear
    system to solve) where x is sized by a letter (x ∈ ℝ^n, or an n inferred from another part of
    the document): the written-out matrix fixes n = 3 there, while the judge chose n = 5, so the
    product "does not fit" by that choice alone. A ``wrong`` for a side that does not fit, where
    that side holds a matrix written out and a name whose size is a letter, is inconclusive. A
    name of fixed size (x ∈ ℝ^2) against a 3×3 matrix, or two matrices written out, stay wrong.
    The side is read with the definitions (``defs``) of its names: ``h_1`` of ``h = x \times M``, M
    written out, fits or not by x's size as much as ``x \times M`` does."""
    verdict = entry_meets_literal(verdict, sides, defs or {})  # x̃_i = [1; x_i]: the i-th example's vector
    found = _ILL_TYPED.match(verdict.get("message", ""))
    if verdict.get("status") != "wrong" or found is None:
        return verdict
    side = sides[0 if found.group(1) == "left" else 1]
    parts = _reached_parts(side, defs or {})
    if not any(isinstance(part, Literal | Pattern) for part in parts):
        return verdict
    names = {p.full for p in parts if isinstance(p, Sym)}
    open_names = sorted(n for n in names if any(not d.isdigit() for d in shapes.get(n, ())))
    if not open_names:
        return verdict
    name = open_names[0]
    why = (
        f"{verdict['message']}; but a matrix written out meets {name} ({'×'.join(shapes[name])}), whose size "
        "the document leaves open: the step may fix it"
    )
    return {**verdict, "status": "inconclusive", "counterexample": None, "message": why}


def _reached_parts(side: Node, defs: dict[str, Any]) -> list[Any]:
    """The side's nodes and those of the definitions its names reach (a few rounds); an entry
    ``h_1`` reaches its vector's ``h``."""
    parts, seen = _parts(side), set()
    for _ in range(3):
        names = [m for n in parts if isinstance(n, Sym) for m in (n.full, n.stem)]
        new = list(dict.fromkeys(m for m in names if m in defs and m not in seen))
        if not new:
            break
        seen.update(new)
        for name in new:
            parts = parts + _parts(defs[name])
    return parts


def entry_meets_literal(verdict: dict[str, Any], sides: tuple[Node, Node], defs: dict[str, Any]) -> dict[str, Any]:
    r"""``\widetilde{x}_i = \begin{bmatrix}1\\x_i\end{bmatrix}`` after ``\widetilde{x} = [1; x]``:
    the judge reads x̃_i as entry i of the vector x̃ (a scalar), the document means the i-th
    example's augmented vector, which it writes out. A shape ``wrong`` where one side is such a
    lone entry (a name with a one-letter subscript, no value of its own, its stem a defined vector)
    and the other side holds a matrix written out is inconclusive; ``\widetilde{x} = [2; x]`` is
    judged as before."""
    if verdict.get("status") != "wrong" or (verdict.get("counterexample") or {}).get("where") != "shape":
        return verdict
    for k in (0, 1):
        lone, other = sides[k], sides[1 - k]
        if not (isinstance(lone, Sym) and re.fullmatch(r"[A-Za-z]", lone.sub) and holds_literal(other)):
            continue
        if lone.full in defs or lone.stem not in defs:
            continue
        why = (
            f"{verdict['message']}; but {lone.full} is read as an entry of {lone.stem} while the other side "
            f"writes a vector out: {lone.full} may name the {lone.sub}-th of a family of vectors"
        )
        return {**verdict, "status": "inconclusive", "counterexample": None, "message": why}
    return verdict
