r"""The standard layer, assumed where a document lists back-propagation's equations without its forward pass.

Summaries of back-propagation (a table of Nielsen's four equations, a cheat sheet, a report's
method section) often give

    δ^L = ∇_a C ⊙ σ'(z^L),   δ^l = ((w^{l+1})^T δ^{l+1}) ⊙ σ'(z^l),
    ∂C/∂b^l_j = δ^l_j,   ∂C/∂w^l_{jk} = a^{l-1}_k δ^l_j

and leave the layer itself, z^l = w^l a^{l-1} + b^l and a^l = σ(z^l), to the prose or to the
reader. :mod:`layered_recursion` needs that layer to build its random networks. Here it is
assumed, in the only form the document's own δ formulas name: the activation and pre-activation
of ``σ'(z^l)`` in δ's formulas, the activation ``a`` the loss is differentiated by there
(``∇_a C``, ``∂C/∂a^L_j``), the weight the recursion writes at layer l+1 (``w^{l+1}``) and the one
bias the document differentiates its loss by (``∂C/∂b^l_j``), if any.

The assumption is only a candidate: :mod:`layered_recursion` keeps it only where every formula the
document gives δ then holds with δ read as ∂C/∂z (the recursion's transpose and layer offsets fix
the weight's orientation and the layer numbering), and takes nothing but ``ok`` from it. A document
that writes a forward pass of its own (even one that cannot be read) is never given this one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.layered_backprop import LayeredContext, _context, _read
from derive.checks.latex.layered_statements import names_in

__all__ = ["assumed_context"]


@dataclass(frozen=True)
class _Assumed:
    """A formula the document does not write, put beside its own (where it stands: nowhere)."""

    lhs: str
    rhs: str
    line: int = -1
    column: int = -1


def assumed_context(
    trees: list, formulas: list[tuple[Any, tuple]], names: tuple[str, str, tuple], text: str, sup: bool
) -> LayeredContext | None:
    """The layered context with the standard layer assumed (see the module doc), or None where
    δ's formulas do not name its parts unambiguously or the document writes a layer of its own.
    ``formulas`` are δ's (pair, left tree); ``names`` (δ, the loss, what the loss is
    differentiated by)."""
    delta, loss, denominators = names
    bodies = [rhs for s, lhs, rhs in trees if any(s is pair for pair, _ in formulas)]
    activated = {(t[1], t[3][1]) for t in _nodes(bodies) if t[0] == "call" and t[2] == 1 and t[3][0] == "var"}
    by_loss = {t[2][1] for t in _nodes(bodies) if t[0] == "d" and t[1] == ("var", loss, None, ()) and t[2][0] == "var"}
    if len(activated) != 1 or len(by_loss) != 1:
        return None
    (act, z), a = activated.pop(), by_loss.pop()
    if _writes_layer(trees, {z, a}):
        return None
    generic = [rhs for s, lhs, rhs in trees if any(s is p for p, _ in formulas) and lhs[2] == ("l", 0)]
    weights = {t[1] for t in _nodes(generic) if t[0] == "var" and t[2] == ("l", 1)} - {delta, z, a}
    biases = set(denominators) - {delta, z, a, *weights, act}
    if len(weights) != 1 or len(biases) > 1:
        return None
    weight, bias = weights.pop(), next(iter(biases), None)
    mark = "^" if sup else "_"
    forward = f"{weight}{mark}{{l}} {a}{mark}{{l-1}}" + (f" + {bias}{mark}{{l}}" if bias else "")
    layer = [_Assumed(f"{z}{mark}{{l}}", forward), _Assumed(f"{a}{mark}{{l}}", f"{act}({z}{mark}{{l}})", column=-2)]
    extra = [(p, _read(p.lhs, sup), _read(p.rhs, sup)) for p in layer]
    if any(lhs is None or rhs is None for _, lhs, rhs in extra):
        return None
    context = _context((None, (delta, loss, z)), [*trees, *extra], text, sup)
    return None if context is None else replace(context, activation_assumed=True, definitions=frozenset())


def _nodes(t: Any) -> list[tuple]:
    """Every subtree of a tree (or of a list of trees)."""
    if isinstance(t, list):
        return [n for x in t for n in _nodes(x)]
    if not isinstance(t, tuple) or not t:
        return []
    return [t, *(n for x in t[1:] for n in _nodes(x))]


def _writes_layer(trees: list, names: set[str]) -> bool:
    """Whether the document gives the pre-activation or the activation a value at a layer itself
    (z^l = …, a^l = σ(z^l), read or not): then its own layer is the one to read, not this one."""
    for _, lhs, rhs in trees:
        if lhs and lhs[0] == "var" and lhs[1] in names and lhs[2] is not None:
            if rhs is None or lhs[1] not in names_in(rhs):
                return True
    return False
