r"""Losses and intermediate quantities a document differentiates but never defines.

``\frac{\partial C}{\partial Z^{(2)}} = \frac{\partial C}{\partial A^{(2)}} \cdot
\frac{\partial A^{(2)}}{\partial Z^{(2)}}`` with ``A^{(2)} = \sigma(Z^{(2)})`` and no formula
for the cost C: the step holds for every smooth C of A^{(2)}, so it is judged with several
random ones. The model, per step:

- a name differentiated (``∂X/∂V``) that has no value is a function of the variable it is
  differentiated by that all its other variables feed (through the definitions): C of A^{(2)}
  when it is differentiated by A^{(2)} and Z^{(2)}; none such (two unrelated variables, a
  variable the definitions do not connect) and the step is not judged this way;
- a loss (C, L, J, E, ℓ, 𝓛 or a scalar of the notation) is a random smooth scalar of it, any
  other name a random smooth map of it (``a^L`` differentiated by ``z^L``: not element-wise);
- names with no value and no shape get one from :mod:`derive.checks.latex.shape_inference`.

The judge accepts a step that holds in every world under this model. It never calls a step
wrong from it: another loss, another layout or a scalar reading might make the step hold (a
side with no derivative of the loss states what the loss is, which the model cannot know).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

import numpy as np
from derive.checks.latex.label_operands import labels_as_names
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.shape_inference import ShapeSolver, layer_subscript
from derive.checks.latex.side_shapes import unify_sides
from derive.checks.latex.subscript_layers import subscript_layer_names, transposed_numbered_names
from derive.checks.latex.tensor_ops import Dual, NotJudged
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Add, Call, Cond, Deriv, Neg, Node, Num, Opaque, Sym

__all__ = ["LOSS_NAMES", "Model", "abstract_value", "complete"]

#: Names that, undefined, are a scalar loss (besides the notation's scalars).
LOSS_NAMES = frozenset(
    {"L", "J", "C", "E", "\\ell", "\\mathcal{L}", "\\mathcal{J}", "\\mathcal{C}", "\\mathcal{E}", "\\mathcal{l}"}
)


@dataclass
class Model:
    """What the step's evaluation adds: random functions, inferred shapes."""

    definitions: dict[str, Node] = field(default_factory=dict)
    shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    losses: frozenset[str] = frozenset()  # the random functions that are scalar losses
    inferred: frozenset[str] = frozenset()  # names whose shape no declaration gives
    released: frozenset[str] = frozenset()  # losses whose document value was set aside

    def __bool__(self) -> bool:
        return bool(self.definitions or self.shapes)

    def decisive(self, sides: tuple[Node, Node]) -> bool:
        """Is a difference under this model a mistake of the step? Only when every shape is the
        document's (none inferred), every random function is a scalar loss (an intermediate's
        map might be meant element-wise), and both sides differentiate each loss: then the
        step is a chain-rule manipulation, wrong for a generic loss. A side without ∂C states
        what C's gradient is, which a random C says nothing about."""
        if self.inferred or self.released or any(n not in self.losses for n in self.definitions):
            return False  # a loss set aside may yet be the one meant: never wrong from it
        # each side differentiates every loss (ℓ against E says nothing), and every term does
        # one: a term without (+ 2λW) may be part of a loss the document describes in words
        if any(self._differentiated(side) != set(self.losses) for side in sides):
            return False
        return bool(self.definitions) and all(self._differentiated(t) for side in sides for t in _terms(side))

    def noted(self, message: str) -> str:
        """The message, with what the model added to the document said after it."""
        if not self:
            return message
        parts = []
        if self.definitions:
            names = ", ".join(sorted(self.definitions))
            parts.append(f"{names} as random smooth functions (not defined in the document)")
        if self.shapes:
            parts.append(f"inferred shapes for {', '.join(sorted(self.shapes))}")
        return f"{message} (with " + " and ".join(parts) + ")"

    def plainly(self, message: str, sides: tuple[Node, Node]) -> str:
        """A random stand-in for a loss the step gives a formula for differs from that formula for
        any step: say so rather than show its numbers as if they were evidence."""
        stated = self.stated_gradients(sides)
        if not stated or not message.startswith("the sides differ"):
            return message
        why = f"the step writes out the derivative of {', '.join(stated)}, which stands in here as a random function"
        return f"the sides differ, as they would for any formula: {why}"

    def stated_gradients(self, sides: tuple[Node, Node]) -> list[str]:
        """The random losses whose derivative one side differentiates and the other writes out
        (∂E/∂u_j = y_j - t_j with E not read): the step states the document's own loss's gradient,
        so a random stand-in differs from it whether the step is right or not."""
        left, right = (self._differentiated(side) for side in sides)
        return sorted(left ^ right)

    def _differentiated(self, node: Node) -> set[str]:
        derivs = [d for d in _walk(node) if isinstance(d, Deriv) and isinstance(d.num, Sym)]
        return {d.num.full for d in derivs if d.num.full in self.losses}  # type: ignore[union-attr]


def _terms(node: Node) -> list[Node]:
    while isinstance(node, Neg):
        node = node.x
    if isinstance(node, Add):
        return _terms(node.a) + _terms(node.b)
    return [node]


def _walk(node: Any) -> list[Any]:
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Node | Cond):
            found.append(item)
            stack.extend(getattr(item, "__dict__", {}).values())
        elif isinstance(item, tuple):
            stack.extend(item)
    return found


class _Graph:
    """Who feeds whom through the definitions (and the abstract links decided so far)."""

    def __init__(self, defs: dict[str, Node]) -> None:
        self.edges: dict[str, set[str]] = {}
        for name, node in defs.items():
            self.edges[name] = {s.full for s in _walk(node) if isinstance(s, Sym)}
            self.edges[name] |= {s.stem for s in _walk(node) if isinstance(s, Sym)}

    def ancestors(self, name: str) -> set[str]:
        seen: set[str] = set()
        stack = [name]
        while stack:
            for parent in self.edges.get(stack.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        return seen


def _base(variables: set[str], graph: _Graph) -> str:
    """The variable all the others feed; NotJudged when there is none."""
    for candidate in sorted(variables):
        if variables - {candidate} <= graph.ancestors(candidate):
            return candidate
    raise NotJudged(f"the dependence among {', '.join(sorted(variables))} is not stated")


def _reachable(sides: tuple[Node, Node], defs: dict[str, Node]) -> list[Node]:
    """The sides and the definitions they use, transitively (δ = ∂E/∂u differentiates E too)."""
    nodes: list[Node] = list(sides)
    seen: set[str] = set()
    k = 0
    while k < len(nodes):
        for s in _walk(nodes[k]):
            for name in (s.full, s.stem) if isinstance(s, Sym) else ():
                if name in defs and name not in seen:
                    seen.add(name)
                    nodes.append(defs[name])
        k += 1
    return nodes


def _notation_value(name: str, notation: Notation, defs: dict[str, Node]) -> bool:
    """Is the name's value in ``defs`` the notation's own definition (not the document's)?"""
    if name not in notation.definitions:
        return False
    try:
        return parse_typed(notation.definitions[name], notation) == defs.get(name)
    except Unreadable:
        return False


def _has_value(name: str, notation: Notation, defs: dict[str, Node]) -> bool:
    return (
        name in defs
        or name in notation.shapes
        or name in notation.sample_shapes
        or name in notation.domains
        or name in notation.index_values
    )


def complete(sides: tuple[Node, Node], notation: Notation, defs: dict[str, Node]) -> tuple[Model, Notation]:
    """The model of the step's undefined names, and the notation with their inferred shapes."""
    nodes = [d for node in _reachable(sides, defs) for d in _walk(node)]
    derivs = [d for d in nodes if isinstance(d, Deriv) and isinstance(d.num, Sym)]
    variables: dict[str, set[str]] = {}
    borrowed: dict[str, set[str]] = {}  # losses whose value is the notation's, and their variables
    scalars = notation.scalars | LOSS_NAMES
    # Z_1 = X W_1 + b_1: the document numbers its layers by a subscript digit (subscript_layers)
    wholes = subscript_layer_names(defs, lambda stem: _has_value(stem, notation, defs))
    # W_2^T, (W_2 W_1)^T: a transposed numbered capital is a matrix of its own (subscript_layers)
    wholes |= transposed_numbered_names(sides, lambda stem: _has_value(stem, notation, defs))
    for d in derivs:
        # ∂C/∂w_j is by w; ∂C/∂W_ℓ by W_ℓ, and ∂L/∂W_2 by W_2 where W_2 is a layer's
        entry = d.var.sub and not layer_subscript(d.var.sub) and d.var.full not in wholes
        name, var = d.num.full, d.var.stem if entry else d.var.full  # type: ignore[union-attr]
        if d.num.sub:  # type: ignore[union-attr]
            continue
        if not _has_value(name, notation, defs):
            variables.setdefault(name, set()).add(var)
        elif name in scalars and name in defs:
            borrowed.setdefault(name, set()).add(var)
    graph = _Graph(defs)
    released: set[str] = set()
    for name, found in borrowed.items():
        # a loss differentiated only by names its value never reaches is another loss than the
        # one written: the notation's (L = -log o^s_y) beside a document that never defines its
        # own, or the document's from another section (J = ½(ŷ - y)² of a scalar example, then
        # ∂J/∂W_ℓ of a network): the loss meant is one the document does not write here
        # (a name the document declares, w of \nabla_w L, is not one of the notation's: the notation's
        # loss never reaches it, its derivative by it is 0, and the loss meant is the document's)
        if found & graph.ancestors(name) or any(v in notation.shapes or v in notation.definitions for v in found):
            continue
        variables[name] = found
        if not _notation_value(name, notation, defs):
            released.add(name)
    model = Model(released=frozenset(released))
    # intermediates first (a^L of z^L), so that a loss differentiated by both finds its base
    for name in sorted(variables, key=lambda n: n in scalars):
        base = _base(variables[name], graph)
        graph.edges[name] = {base}
        model.definitions[name] = Call("abstract:" + name, (Sym(base, base, ""),))
    written = labels_as_names(_reachable(sides, defs), notation.index_values)  # ŷ - y: y a vector
    solver = _solver(notation, defs, model, scalars, written)
    solver.wholes = set(wholes)
    if any(isinstance(s, Sym) and s.full == "m" for side in sides for s in _walk(side)):
        solver.batch = "m"  # 1/m in the step: m counts the examples (bias_layout.batch_data)
    unify_sides(solver, *(solver.shape(side) for side in sides))  # one shape on both sides
    for name, call in model.definitions.items():
        if name not in scalars:
            solver.fresh(name)
        solver.shape(call.args[0])  # type: ignore[attr-defined]
    inferred = solver.solved()
    # the random maps' own shapes too: their sizes must be drawn (their values are definitions)
    model.shapes = dict(inferred)
    model.losses = frozenset(n for n in model.definitions if n in scalars)
    model.inferred = frozenset(n for n in inferred if n not in model.definitions)
    for name in model.definitions:
        if name not in scalars:
            base = model.definitions[name].args[0]  # type: ignore[attr-defined]
            dims = tuple(_size_sym(d) for d in inferred[name])
            model.definitions[name] = Call("abstract:" + name, (base, *dims))
    shapes = {**notation.shapes, **model.shapes}
    return model, replace(notation, shapes=shapes) if model.shapes else notation


def _solver(
    notation: Notation, defs: dict[str, Node], model: Model, scalars: frozenset[str], written: set[str]
) -> ShapeSolver:
    sizes = {d for dims in {**notation.shapes, **notation.sample_shapes}.values() for d in dims}

    def value(name: str) -> Node | None:
        node = None if name in model.definitions else defs.get(name)
        return None if isinstance(node, Opaque) else node

    def scalar(name: str) -> bool:
        in_domain = name in notation.domains and name not in notation.shapes
        return name in sizes or in_domain or (name in notation.index_values and name not in written)

    solver = ShapeSolver(
        # a name declared a number (shape (), a scalar reading of shape_infer) is one: not falsy
        known=lambda n: notation.shapes[n] if n in notation.shapes else notation.sample_shapes.get(n),
        value=value,
        scalar=scalar,
        loss=lambda n: n in scalars,
    )
    solver.opaque = set(model.definitions)
    return solver


def _size_sym(dim: str) -> Node:
    """A size as the evaluator reads it: a number, or the name the world's sizes use."""
    if dim.isdigit():
        return Num(Fraction(int(dim)))
    try:
        key = identifier_name(dim)
    except Exception:  # noqa: BLE001 - an inferred size (⟨1⟩) keeps its spelling, as matrix_judge does
        key = dim
    return Sym(key, key, "")


def abstract_value(ev: Any, node: Call) -> Dual:
    """A random smooth function (seeded by the name and shapes, so the same on both sides and
    different in each world): a scalar Σ w ⊙ tanh(U + s) + ½(Σ v ⊙ U)², or a map
    tanh(M vec(U) + c) reshaped to the name's shape."""
    ev.world.flags["abstract"] = True
    arg = ev.ev(node.args[0])
    rows = cols = 1
    if len(node.args) == 3:
        rows, cols = (int(ev.ev(a).v.reshape(-1)[0]) for a in node.args[1:])
    rng = np.random.default_rng(zlib.crc32(f"{node.fn}|{arg.shape}|{rows}x{cols}".encode()))
    n, k = arg.size, (arg.d.shape[0] if arg.d is not None else 0)
    x = arg.v.reshape(-1, 1)
    dx = arg.d.reshape(k, n, 1) if arg.d is not None else None
    if len(node.args) == 1:
        w, s, v = rng.standard_normal((3, n, 1))
        t = np.tanh(x + s)
        lin = float((v * x).sum())
        value = float((w * t).sum()) + 0.5 * lin**2
        grad = w * (1 - t**2) + lin * v
        d = None if dx is None else (grad[None] * dx).sum(axis=(1, 2)).reshape(k, 1, 1)
        return Dual(np.array([[value]]), d)
    m = rng.standard_normal((rows * cols, n)) / np.sqrt(n)
    c = rng.standard_normal((rows * cols, 1))
    t = np.tanh(m @ x + c)
    d = None if dx is None else ((1 - t**2)[None] * (m[None] @ dx)).reshape(k, rows, cols)
    return Dual(t.reshape(rows, cols), d)
