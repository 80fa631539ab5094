r"""Constraints a page states about a vector or matrix it never defines: ``\|w_i\| = 1``,
``w_i^\top w_i = 1``, ``W^\top W = I``.

PCA's derivation (datawhalechina/pumpkin-book, chapter 10) gives its directions as unit and
orthonormal: "由于 $w_i^\top w_j = 0, \|w_i\| = 1$" ("because …"), "仅考虑约束 $w_i^T w_i = 1$"
("considering only the constraint …"). The judge samples w_i as any vector of its declared size, for
which the norm is not 1, and called the statement wrong. An equation whose one side is made of one
undefined name alone (its norm, its products with itself, its transpose) and whose other side is a
constant other than zero (numbers, the identity I) is false for almost every value of that name: the page
says what the name satisfies, and nothing is checked. A name the document defines (``w = (0.6,
0.8)``) is judged as before.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.typed_nodes import Add, Mul, Neg, Node, Norm, Num, Pow, Sym, Transpose, all_syms

__all__ = ["CONSTANT_NAMES", "algebra_only", "stated_constraint"]

#: names that are constants of a shape, not quantities: the identity, the zeros, the ones
CONSTANT_NAMES = frozenset({"I", "0", "1"})


def algebra_only(node: Any, norms: bool = False) -> bool:
    """Made of names and numbers by +, −, products, powers and transposes only (and norms, when
    asked): ∇_x x^T x = x computes something (a claim), A^T A states something."""
    if isinstance(node, Sym | Num):
        return True
    if isinstance(node, Neg | Add | Mul | Pow | Transpose) or (norms and isinstance(node, Norm)):
        return all(algebra_only(v, norms) for v in vars(node).values() if isinstance(v, Node))
    return False


def stated_constraint(side: Node, other: Node, defs: dict[str, Node]) -> str | None:
    """The undefined name ``side`` constrains (``\\|w\\| = 1``: its norm, products or transpose
    against a constant ``other``), or None."""
    names = {n.full: n for n in all_syms(side)}
    if len(names) != 1 or isinstance(side, Sym) or not algebra_only(side, norms=True):
        return None
    (name,) = names.values()
    if name.full in defs or name.stem in defs:
        return None
    if {n.full for n in all_syms(other)} - CONSTANT_NAMES or not algebra_only(other) or _zero(other):
        return None
    return name.full


def _zero(node: Node) -> bool:
    """``\\|x\\| = 0``, ``x^T x = 0``: zero is what the name is not, mostly ("if and only if $x = 0$"), a
    statement the prose's condition reader answers (unread_clauses); it is left to it."""
    return (isinstance(node, Num) and node.value == 0) or (isinstance(node, Sym) and node.full == "0")
