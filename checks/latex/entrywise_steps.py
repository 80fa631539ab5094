r"""Matrix steps that are scalar steps entry by entry, so the scalar judge may see them.

``W - \alpha(D + \frac{\alpha\lambda}{m} W) = W(1 - \frac{\lambda}{m}) - \alpha D`` (an L2 update
rewritten) is about matrices the document never declares. The undeclared-shapes judge
(undeclared.py) keeps a step with matrices away from the scalar judge, because read as scalars
matrices would commute (``A B = B A``). A step built only from sums, differences, products with
a scalar factor, entrywise (Hadamard) products, powers with scalar exponents and functions
applied entry by entry has no such product: each entry of each side is the same scalar
expression of the corresponding entries, so it holds for matrices exactly when it holds for
scalars, and the scalar judge's verdict (with its own guards) is the step's.
"""

from __future__ import annotations

from derive.checks.latex.typed_nodes import Add, Call, Mul, Neg, Node, Num, Opaque, Pow, Sym, all_nodes, all_syms

__all__ = ["entrywise"]

#: functions applied entry by entry (softmax is not: each entry depends on all of them)
_ENTRYWISE_CALLS = {
    "sigmoid", "softplus", "relu", "step", "tanh", "exp", "log", "sqrt", "abs", "sign", "heaviside",
    "leaky_relu",
}  # fmt: skip


def entrywise(
    sides: tuple[Node, ...], shapes: dict[str, tuple[str, ...]], lowered: frozenset[str] = frozenset()
) -> bool:
    """Is every side an entry-by-entry expression of its names under these shapes? ``lowered``:
    lowercase names read as square matrices only because a product of them fits no other way
    (σ(z)(1 - σ(z)) with z undeclared): a product of two functions of the SAME such names is
    read entry by entry (a vector times itself has no other meaning), never a product of
    different names (w δ may be a matrix times a vector)."""
    return all(_entrywise(side, shapes, lowered) for side in sides)


def _names(node: Node) -> set[str]:
    return {s.full for s in all_syms(node)} | {o.name for o in all_nodes(node) if isinstance(o, Opaque)}


def _same_lowered(a: Node, b: Node, lowered: frozenset[str]) -> bool:
    """Are both factors functions of the same lowered names, and of nothing else but numbers?"""
    names = _names(a)
    return bool(names) and names == _names(b) and names <= lowered


def _lowered_only(node: Node, lowered: frozenset[str]) -> bool:
    """A denominator made only of lowered names and numbers (1/(1 + e^{-z}), (a - y)/(a(1 - a))):
    no one writes a quotient by a matrix, so by a lowercase name read as a square matrix only
    because its products fit no other way the writer means a quotient entry by entry."""
    names = _names(node)
    return bool(names) and names <= lowered


def _scalar(node: Node, shapes: dict[str, tuple[str, ...]]) -> bool:
    """No name in it has a shape other than 1×…×1 (a name defined in a form not read counts by
    its inferred shape too; one with no shape inferred is a number)."""
    return all(all(d == "1" for d in shapes.get(name, ())) for name in _names(node))


def _entrywise(node: Node, shapes: dict[str, tuple[str, ...]], lowered: frozenset[str]) -> bool:
    if isinstance(node, Sym | Num | Opaque):
        return True
    if isinstance(node, Neg):
        return _entrywise(node.x, shapes, lowered)
    if isinstance(node, Add):
        return _entrywise(node.a, shapes, lowered) and _entrywise(node.b, shapes, lowered)
    if isinstance(node, Pow):
        return _entrywise(node.base, shapes, lowered) and _scalar(node.exp, shapes)
    if isinstance(node, Mul):
        both = _entrywise(node.a, shapes, lowered) and _entrywise(node.b, shapes, lowered)
        if node.kind == "hadamard":
            return both
        if node.kind == "div":  # A / c entry by entry; A / B of two matrices is not written so
            return both and (_scalar(node.b, shapes) or _lowered_only(node.b, lowered))
        scaled = _scalar(node.a, shapes) or _scalar(node.b, shapes)
        return both and (scaled or _same_lowered(node.a, node.b, lowered))
    if isinstance(node, Call):
        return node.fn in _ENTRYWISE_CALLS and all(_entrywise(a, shapes, lowered) for a in node.args)  # σ'(Z) too
    return False  # transposes, derivatives, norms, sums, entries, cases: not entry by entry
