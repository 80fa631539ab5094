r"""Shapes of names a document never declares, from the way its formulas combine them.

``A^{(2)} = \sigma(Z^{(2)})`` with no ``\in \mathbb{R}^{…}`` anywhere: A and Z have one shape;
``W a + b``: W has as many columns as a has rows, and b the shape of W a. Each unknown name gets
a (rows, columns) pair of dimension variables, unified (union-find) by sums, element-wise
products and functions, and matrix products; what stays free becomes a fresh size, so the name
is a generic matrix. A contradiction (a dimension that must be two different declared sizes) is
left for the evaluator to find.

This is one consistent layout among those the document allows, not the document's own: a step
that holds here holds in general (a scalar is a 1×1 special case), one that fails may still hold
in another layout, so callers only ever accept with it (see abstract_loss).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from derive.checks.latex.bias_layout import batch_data, bias_layout
from derive.checks.latex.chain_rule import chain_factors
from derive.checks.latex.softmax_shifts import largest_entry
from derive.checks.latex.typed_nodes import (
    Add,
    Call,
    Cases,
    Deriv,
    Index,
    Mul,
    Neg,
    Node,
    Norm,
    Num,
    Pow,
    Sum,
    Sym,
    Transpose,
)

__all__ = ["ShapeSolver", "fresh_dim", "layer_subscript"]

#: a subscript naming a layer, never an entry: ℓ in any form (W_\ell, a_{\ell-1}) or a layer
#: letter shifted by a number (a_{l-1}, W_{L+1})
_LAYER_SUB = re.compile(r"(?:[^,]*\\ell\b[^,]*|[lL]\s*[-+]\s*\d+)")


def layer_subscript(sub: str) -> bool:
    """Is this subscript a layer's label (the name is the whole W_ℓ), not an entry's index?"""
    return bool(_LAYER_SUB.fullmatch(sub.strip()))

_ELEMENTWISE = {"sigmoid", "tanh", "relu", "exp", "log", "softplus", "abs", "sign", "sqrt", "step", "heaviside"}
Shape = tuple[int, int]


def fresh_dim(k: int) -> str:
    """The name of the k-th inferred size (never a name a document writes)."""
    return f"⟨{k}⟩"


class ShapeSolver:
    """Union-find over dimension variables; ``known(name)`` gives a declared shape (dims) or
    None, ``value(name)`` a name's definition or None, ``scalar(name)`` whether it is a number,
    ``loss(name)`` whether a name given a random function (``opaque``) is a scalar."""

    def __init__(
        self,
        known: Callable[[str], tuple[str, ...] | None],
        value: Callable[[str], Node | None],
        scalar: Callable[[str], bool],
        loss: Callable[[str], bool] = lambda name: False,
    ) -> None:
        self.loss = loss
        self.parent: list[int] = []
        self.label: dict[int, str] = {}
        self.known, self.value, self.scalar = known, value, scalar
        self.names: dict[str, Shape] = {}  # unknown names → their dimension variables
        self.fixed: dict[str, Shape] = {}  # declared or defined names, memoised
        self.one = self._var("1")
        self.bound: set[str] = set()
        self.opaque: set[str] = set()  # names given a random function elsewhere (abstract)
        self.wholes: set[str] = set()  # subscripted names that are a layer's own (W_2 of Z_2 = A_1 W_2)
        self.batch: str | None = None  # the size that counts the examples (m of 1/m), when the step writes it

    def _var(self, label: str | None = None) -> int:
        self.parent.append(len(self.parent))
        if label is not None:
            self.label[len(self.parent) - 1] = label
        return len(self.parent) - 1

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def unify(self, a: int, b: int) -> None:
        """Make two sizes one; two different declared sizes stay apart (a product that does not
        fit is the evaluator's finding, not the inference's)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        la, lb = self.label.get(ra), self.label.get(rb)
        if la is not None and lb is not None and la != lb:
            return
        self.parent[rb] = ra
        if la is None and lb is not None:
            self.label[ra] = lb

    def same(self, a: Shape, b: Shape) -> Shape:
        self.unify(a[0], b[0])
        self.unify(a[1], b[1])
        return a

    def is_scalar(self, s: Shape | None) -> bool:
        return s is not None and all(self.label.get(self.find(k)) == "1" for k in s)

    # ------------------------------------------------------------------ names
    def fresh(self, name: str) -> Shape:
        if name not in self.names:
            self.names[name] = (self._var(), self._var())
        return self.names[name]

    def sym(self, s: Sym) -> Shape | None:
        if s.full in self.bound or self.scalar(s.full):
            return (self.one, self.one)
        if s.sub and not layer_subscript(s.sub) and s.full not in self.wholes:
            if self.known(s.stem) is None and self.value(s.stem) is None and self.known(s.full) is None:
                stem = self.fresh(s.stem)
                if len(s.sub.replace(",", "")) == 1:
                    self.unify(stem[1], self.one)  # x_k: a column vector
            if self.known(s.full) is None and self.value(s.full) is None:
                return (self.one, self.one)
        return self.name(s.full)

    def name(self, full: str) -> Shape | None:
        dims = self.known(full)
        if dims is not None:
            if full not in self.fixed:
                rows = self._var(dims[0]) if dims else self.one
                cols = self._var(dims[1]) if len(dims) == 2 else self.one
                self.fixed[full] = (rows, cols)
            return self.fixed[full]
        node = self.value(full)
        if node is None:
            return None if full in self.opaque else self.fresh(full)
        if full not in self.fixed:
            self.fixed[full] = (self._var(), self._var())  # guards a definition that uses itself
            found = self.shape(node)
            if found is not None:
                self.same(self.fixed[full], found)
        return self.fixed[full]

    # ------------------------------------------------------------------ nodes
    def shape(self, node: Node) -> Shape | None:
        method = getattr(self, "_s_" + type(node).__name__, None)
        return None if method is None else method(node)

    def _s_Num(self, node: Num) -> Shape:
        return (self.one, self.one)

    def _s_Sym(self, node: Sym) -> Shape | None:
        return self.sym(node)

    def _s_Neg(self, node: Neg) -> Shape | None:
        return self.shape(node.x)

    def _s_Transpose(self, node: Transpose) -> Shape | None:
        s = self.shape(node.x)
        return None if s is None else (s[1], s[0])

    def _s_Norm(self, node: Norm) -> Shape:
        self.shape(node.x)
        return (self.one, self.one)

    def _s_Index(self, node: Index) -> Shape:
        self.shape(node.base)
        return (self.one, self.one)

    def _s_Pow(self, node: Pow) -> Shape | None:
        self.shape(node.exp)
        return self.shape(node.base)

    def _s_Sum(self, node: Sum) -> Shape | None:
        self.bound.add(node.index)
        return self.shape(node.body)

    def _s_Cases(self, node: Cases) -> Shape | None:
        shapes = [self.shape(value) for value, _ in node.rows]
        return next((s for s in shapes if s is not None), None)

    def _s_Add(self, node: Add) -> Shape | None:
        a, b = self.shape(node.a), self.shape(node.b)
        if a is None or _literal(node.a):
            return b
        if b is None or _literal(node.b):
            return a
        for bias, other, (rows, cols) in ((node.b, node.a, b), (node.a, node.b, a)):
            layout = bias_layout(bias, other) if getattr(bias, "full", None) in self.names else None
            if layout is not None:  # an undeclared bias: one column (W A + b) or row (X W + b) of the batch
                shared = a if other is node.a else b
                self.unify(*((rows, shared[0]) if layout == "column" else (cols, shared[1])))
                self.unify(*((cols, self.one) if layout == "column" else (rows, self.one)))
                if self.batch is not None and batch_data(other, layout):
                    # the data's examples are the step's m: the batch cannot shrink to one example
                    # to make db = (1/m) dZ fit a bias column
                    self.unify(shared[1] if layout == "column" else shared[0], self._var(self.batch))
                return shared
        return self.same(a, b)

    def _s_Call(self, node: Call) -> Shape | None:
        args = [self.shape(a) for a in node.args]
        if node.fn in ("sum", "vector_sum", "trace") or node.fn.startswith("unknown:"):
            return (self.one, self.one)
        if largest_entry(node) and args[0] is not None:  # \max(z): the largest entry of a vector
            self.unify(args[0][1], self.one)
            return (self.one, self.one)
        # activation: an undefined g, entry-wise (entrywise_activations.py)
        if node.fn in _ELEMENTWISE or node.fn in ("softmax", "leaky_relu") or node.fn.startswith("activation:"):
            return args[0] if args else None
        return None

    def _s_Deriv(self, node: Deriv) -> Shape | None:
        var = self.sym(node.var)
        num = self.shape(node.num) if node.num is not None else None
        if isinstance(node.num, Sym) and node.num.full in self.opaque:
            return var if self.loss(node.num.full) else None
        return var if self.is_scalar(num) else None

    def _s_Mul(self, node: Mul) -> Shape | None:
        factors = chain_factors(node)
        if any(isinstance(f, Deriv) for f in factors):
            shapes = [self.shape(f) for f in factors]
            if any(s is None for s in shapes):  # a Jacobian: the chain rule gives the last variable's shape
                last = next((f for f in reversed(factors) if isinstance(f, Deriv)), None)
                return self.sym(last.var) if last is not None else None
            result = shapes[0]
            for s in shapes[1:]:
                result = self._product(result, s, "cdot")
            return result
        return self._product(self.shape(node.a), self.shape(node.b), node.kind)

    def _product(self, a: Shape | None, b: Shape | None, kind: str) -> Shape | None:
        if a is None or b is None:
            return None
        if self.is_scalar(a):
            return b
        if self.is_scalar(b):
            return a
        if kind in ("hadamard", "div"):
            return self.same(a, b)
        if kind == "cdot" and [self.find(k) for k in a] == [self.find(k) for k in b]:
            return a  # A · A of one shape: element-wise
        self.unify(a[1], b[0])
        return (a[0], b[1])

    def solved(self) -> dict[str, tuple[str, str]]:
        """Each unknown name's (rows, columns): declared sizes, 1, or fresh sizes."""
        fresh: dict[int, str] = {}
        out: dict[str, tuple[str, str]] = {}
        for name, dims in self.names.items():
            parts = []
            for k in dims:
                root = self.find(k)
                label = self.label.get(root)
                if label is None:
                    label = fresh.setdefault(root, fresh_dim(len(fresh) + 1))
                parts.append(label)
            out[name] = (parts[0], parts[1])
        return out


def _literal(node: Node) -> bool:
    """A number written out, or ``\\max(z)`` (a number added to each entry: z - max z)."""
    while isinstance(node, Neg):
        node = node.x
    return isinstance(node, Num) or (isinstance(node, Call) and largest_entry(node))
