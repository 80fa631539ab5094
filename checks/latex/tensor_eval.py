r"""Evaluate a typed expression on concrete tensors: the matrix side of check-latex.

Every value is a 2-D float64 tensor (a scalar is 1×1, a vector a column n×1), so that a
transpose and an outer product mean what they mean on paper. Names resolve, in order, to a
pinned value (the variable of a derivative being taken), a sampled leaf (W, X, λ …) or the
notation's or the document's definition (z = XW + b, J = …), evaluated in the same world.

A derivative ∂A/∂B is evaluated from those definitions by automatic differentiation: B is
pinned to a fresh leaf, A is recomputed from it, and the gradient of the scalar A has B's
shape; ∂A/∂Bᵢⱼ of a non-scalar A is taken entry by entry. A Jacobian of a matrix by a matrix
has no layout-free meaning and is not judged. Shapes that do not fit raise
:class:`ShapeMismatch`, which the judge reports as such.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np
from derive.checks.latex.abstract_loss import abstract_value
from derive.checks.latex.call_notation import noted_arguments
from derive.checks.latex.chain_rule import chain_factors, evaluate_chain
from derive.checks.latex.dependencies import unstated_dependence
from derive.checks.latex.entrywise_activations import activation_value, is_activation
from derive.checks.latex.loose_order import loose_product
from derive.checks.latex.numbered_entries import note_numbered_entry
from derive.checks.latex.tensor_ops import (
    Dual,
    JacobianNeeded,
    LooseShapes,
    NotJudged,
    ShapeMismatch,
    add,
    apply_function,
    broadcast,
    power,
    product,
    scalar,
    shape_of,
)
from derive.checks.latex.typed_nodes import (
    Add,
    Call,
    Cases,
    Cond,
    Delta,
    Deriv,
    Index,
    Indicator,
    Mul,
    Neg,
    Node,
    Norm,
    Num,
    Opaque,
    Pow,
    Sum,
    Sym,
    Transpose,
)
from derive.checks.latex.vector_sums import vector_sum

__all__ = ["NotJudged", "ShapeMismatch", "UnboundIndex", "World", "Evaluator"]


class UnboundIndex(NotJudged):
    """An index letter with no value yet; ``size`` is the range its position allows."""

    def __init__(self, letter: str, size: int) -> None:
        super().__init__(f"the index {letter} has no value")
        self.letter, self.size = letter, size


@dataclass
class World:
    """One draw: sizes, sampled leaves, definitions and fixed labels (y)."""

    sizes: dict[str, int]
    leaves: dict[str, Dual]
    definitions: dict[str, Node]
    labels: dict[str, int] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)  # tensor touched, ambiguous product
    cache: dict[str, Dual] = field(default_factory=dict)
    #: names sampled only to evaluate definitions (x): using one alone does not make a matrix step
    sample_only: frozenset[str] = frozenset()
    #: names whose shapes were inferred, not declared: whether one depends on another is not known
    undeclared: frozenset[str] = frozenset()
    #: which stand-in an activation the document does not define is in this draw (entrywise_activations.py)
    stand_in: int = 0
    #: the first index of every vector and matrix: 1 on paper, 0 in documents that index from 0
    #: (``\sum_{n=0}^{N-1}``, ``a_0``); see index_readings.py
    origin: int = 1
    #: whether a defined entry (δ_k = y_k - t_k) is read at the step's value of its letter (index_readings.py)
    entry_definitions: bool = False


class Evaluator:
    def __init__(self, world: World, pins: dict[str, Dual] | None = None, bind: dict[str, int] | None = None):
        self.world = world
        self.pins = pins or {}
        self.bind = {**world.labels, **(bind or {})}
        # Unpinned definitions are the same for every step and index value of a world.
        self.cache: dict[str, Dual] = world.cache if not self.pins else {}
        self.active: set[str] = set()
        self.spread = 0  # inside a softmax's argument: a number added to a vector broadcasts

    # ------------------------------------------------------------------ names
    def known(self, name: str) -> bool:
        return name in self.pins or name in self.world.leaves or name in self.world.definitions

    def name(self, name: str) -> Dual | None:
        if name in self.pins:
            return self.pins[name]
        if name in self.world.leaves:
            return self.world.leaves[name]
        if name not in self.world.definitions:
            return None
        # a definition's own indices are its own, except the letters of a defined entry
        # (δ_k = y_k - t_k) where a second reading gives them the step's values (index_readings.py)
        own = self.entry_letters(name) if self.world.entry_definitions else {}
        key = f"{name}|{sorted(own.items())}" if own else name
        if key not in self.cache:
            if name in self.active:
                raise NotJudged(f"{name} is defined in terms of itself")
            self.active.add(name)
            inner = Evaluator(self.world, self.pins, own)  # type: ignore[arg-type]
            inner.cache, inner.active = self.cache, self.active
            try:
                self.cache[key] = inner.ev(self.world.definitions[name])
            finally:
                self.active.discard(name)
        return self.cache[key]

    def entry_letters(self, name: str) -> dict[str, int | None]:
        """The step's values of the index letters a defined name is written with (k of δ_{k})."""
        found = _ENTRY_SUBSCRIPT.search(name)
        if found is None:
            return {}
        sub = found.group(1) or found.group(2)
        parts = sub.split(",") if "," in sub else list(sub)
        if not all(re.fullmatch(r"[A-Za-z]", p) for p in parts):
            return {}
        return {p: self.bind[p] for p in parts if p in self.bind and p not in self.world.labels}

    def sym(self, s: Sym) -> Dual:
        if s.full in self.world.sizes and not self.known(s.full):
            # a size (N in 1/N); a name that is also a size (h ∈ ℝ^h) is the name
            return scalar(self.world.sizes[s.full])
        if s.full in self.bind and s.full not in self.world.labels and not self.known(s.full):
            value = self.bind[s.full]
            if value is None:
                raise NotJudged(f"the index {s.full} used as a number before it has a value")
            return scalar(value)  # an index inside its sum: Σ_k k
        value = self.name(s.full)
        if value is None and s.sub:
            base = self.name(s.stem)
            if base is not None:
                note_numbered_entry(self.world, s.stem, s.sub, base.shape)
                return self.entry(base, s.sub, s.full, flag=s.stem not in self.world.sample_only)
        if value is None:
            raise NotJudged(f"no value or shape for {s.full} (define it, or declare its shape)")
        if value.size > 1 and s.full not in self.world.sample_only:
            self.world.flags["tensor"] = True
        return value

    def indices(self, value: Dual, sub: str, shown: str) -> tuple[int | None, int | None]:
        """0-based (row, column) of an entry; None for a whole dimension (``W_{k,:}``)."""
        parts = sub.split(",") if "," in sub else list(sub)
        dims = [n for n in value.shape if n > 1] if value.size > 1 else []
        vector = len(dims) == 1
        if not vector and len(parts) == 1 and len(dims) == 2:
            # W_k: row k of W (the usual reading; with square W it could be a column)
            if value.shape[0] == value.shape[1]:
                self.world.flags["ambiguous"] = True
            self.world.flags["row_of"] = True  # h_1 of a sampled matrix h: row 1, or entry 1 of a vector h
            parts = [parts[0], ":"]
        if (vector and len(parts) != 1) or (not vector and len(parts) != 2):
            raise NotJudged(f"{shown}: {len(parts)} index(es) on a {'×'.join(map(str, value.shape))} value")
        out: list[int | None] = []
        for pos, part in enumerate(parts):
            size = dims[0] if vector else value.shape[pos]
            if part == ":" and not vector:
                out.append(None)
                continue
            if part.isdigit():
                k = int(part)
            elif re.fullmatch(r"[A-Za-z]", part):
                if self.bind.get(part) is None:
                    raise UnboundIndex(part, size)
                k = self.bind[part]
            else:
                raise NotJudged(f"the index {part} of {shown}")
            first = self.world.origin
            if not first <= k < first + size:
                raise NotJudged(f"{shown} with {part} = {k} is out of range {first}..{first + size - 1}")
            out.append(k - first)
        if vector:
            return (out[0], 0) if value.shape[0] > 1 else (0, out[0])
        return out[0], out[1]

    def entry(self, value: Dual, sub: str, shown: str, flag: bool = True) -> Dual:
        if flag:
            self.world.flags["tensor"] = True
        r, c = self.indices(value, sub, shown)
        return value.part(r, c)

    # ------------------------------------------------------------------ nodes
    def ev(self, node: Node) -> Dual:
        method = getattr(self, "_ev_" + type(node).__name__, None)
        if method is None and hasattr(node, "evaluate"):
            return node.evaluate(self)  # matrices written out evaluate themselves (matrix_literals.py)
        if method is None:
            raise NotJudged(f"{type(node).__name__} is not evaluated")
        return method(node)

    def _ev_Num(self, node: Num) -> Dual:
        return scalar(float(node.value))

    def _ev_Sym(self, node: Sym) -> Dual:
        return self.sym(node)

    def _ev_Opaque(self, node: Opaque) -> Dual:
        raise NotJudged(f"{node.name} is defined in the document in a form not read")

    def _ev_Neg(self, node: Neg) -> Dual:
        return -self.ev(node.x)

    def _ev_Add(self, node: Add) -> Dual:
        a, b = self.ev(node.a), self.ev(node.b)
        if (a.size == 1) != (b.size == 1) and not (_literal(node.a) or _literal(node.b) or self.spread):
            # 1 − σ(z) is element-wise; λ Σ_pq W_pq added to a matrix is not a formula.
            raise ShapeMismatch(f"a scalar added to a {'×'.join(map(str, (a if a.size > 1 else b).shape))} value")
        return add(a, b)

    def _ev_Mul(self, node: Mul) -> Dual:
        factors = chain_factors(node)
        # inside a derivative (pins) the order of a product is loose: see loose_order
        multiply = loose_product if self.pins else product
        if any(isinstance(f, Deriv) for f in factors):
            try:
                return multiply(self.ev(node.a), self.ev(node.b), node.kind, self.world.flags)
            except JacobianNeeded:
                return evaluate_chain(self, factors)
        return multiply(self.ev(node.a), self.ev(node.b), node.kind, self.world.flags)

    def pinned(self, pins: dict[str, Dual]) -> Evaluator:
        """An evaluator in which these names are the given values (with their tangents)."""
        return Evaluator(self.world, pins, self.bind)

    def _ev_Pow(self, node: Pow) -> Dual:
        base, exp = self.ev(node.base), self.ev(node.exp)
        if exp.size != 1:
            raise ShapeMismatch("a power that is not a number")
        if base.size != 1:
            raise NotJudged("a power of a matrix (element-wise or matrix power?)")
        return power(base, exp)

    def _ev_Transpose(self, node: Transpose) -> Dual:
        return self._matrix_form(self.ev(node.x)).T

    def _matrix_form(self, x: Dual) -> Dual:
        """A transpose or a norm of a vector is matrix notation, which the scalar judge cannot read:
        the step is this judge's even when its names are the document's sampled ones (x ∈ ℝ^n)."""
        if x.size > 1 and not self.world.flags.get("tensor"):
            self.world.flags["tensor"] = self.world.flags["sampled_form"] = True
        return x

    def _ev_Norm(self, node: Norm) -> Dual:
        x = self._matrix_form(self.ev(node.x))
        if node.p == "1":
            return apply_function("sum", [apply_function("abs", [x], 0)], 0)
        squares = apply_function("sum", [product(x, x, "hadamard", {})], 0)
        return power(squares, scalar(0.5))

    def _ev_Call(self, node: Call) -> Dual:
        if node.fn == "onehot":
            return self.onehot(node)
        if node.fn == "vector_sum":
            return vector_sum(self, node)
        if node.fn.startswith("unknown:"):
            return self.unknown_function(node)
        if node.fn.startswith("abstract:"):
            return abstract_value(self, node)
        if is_activation(node.fn):  # g(Z) of an undefined activation: entry-wise stand-ins
            return activation_value(self, node)
        if node.fn == "prod":
            # d2l's prod(A, B): the product "after transposing and swapping as needed", i.e. the
            # chain rule whatever the order in which the factors are written
            try:
                return evaluate_chain(self, list(node.args))
            except NotJudged:
                return evaluate_chain(self, list(node.args)[::-1])
        self.spread += node.fn == "softmax"  # softmax(x + c), softmax(z - max z): c added to every entry
        try:
            args = [self.ev(a) for a in node.args]
        finally:
            self.spread -= node.fn == "softmax"
        args = noted_arguments(self, node.fn, args)  # softmax of a matrix; diag(v), tr(A): matrix notation
        return apply_function(node.fn, args, node.prime)

    def unknown_function(self, node: Call) -> Dual:
        """A function the document never defines (a loss l(o, y)): one random smooth scalar
        function of its arguments, the same on both sides. A step that holds for it holds
        generically; one that fails may still hold for the document's function, so the
        world is marked and no difference is called wrong."""
        self.world.flags["unknown"] = True
        total: Dual | None = None
        for k, arg in enumerate(node.args):
            try:
                value = self.ev(arg)
            except NotJudged:
                continue  # data such as a label y: the function's dependence on it is not needed
            rng = np.random.default_rng(zlib.crc32(f"{node.fn}|{k}|{value.shape}".encode()))
            shift, weight = Dual(rng.standard_normal(value.shape)), Dual(rng.standard_normal(value.shape))
            term = apply_function(
                "sum", [product(weight, apply_function("tanh", [add(value, shift)], 0), "hadamard", {})], 0
            )
            total = term if total is None else add(total, term)
        if total is None:
            raise NotJudged(f"{node.fn[8:]}(…) of arguments with no value")
        return total

    def onehot(self, node: Call) -> Dual:
        """``onehot_m(y)``: the vector of length m with a 1 at the label y."""
        if len(node.args) != 2 or not isinstance(node.args[0], Sym):
            raise NotJudged("onehot without its size or label")
        size, label = self.int_value(node.args[1]), self.index_value(node.args[0].full)
        first = self.world.origin
        if not first <= label < first + size:
            raise NotJudged(f"a label {label} outside {first}..{first + size - 1}")
        out = np.zeros((size, 1))
        out[label - first, 0] = 1.0
        return Dual(out)

    def _ev_Index(self, node: Index) -> Dual:
        return self.entry(self.ev(node.base), node.sub, "an indexed value")

    def _ev_Delta(self, node: Delta) -> Dual:
        return scalar(float(self.index_value(node.i) == self.index_value(node.j)))

    def index_value(self, part: str) -> int:
        if part.isdigit():
            return int(part)
        if self.bind.get(part) is None:
            raise NotJudged(f"the index {part} has no range")
        return self.bind[part]

    def condition(self, cond: Cond) -> Dual:
        lhs, rhs = self.label_or_value(cond.lhs, cond.rhs), self.label_or_value(cond.rhs, cond.lhs)
        a, b = broadcast(lhs, rhs, cond.rel)
        return Dual(_COMPARE[cond.rel](a.v, b.v).astype(np.float64))

    def label_or_value(self, node: Node, other: Node) -> Dual:
        """A label compared with an index (y in ``k \\neq y``) is the class index, even where the
        document gives another y a value (y = f(x), the true function); anywhere else (y > 0)
        it is the value."""
        labels = self.world.labels
        index = isinstance(other, Sym) and other.full in self.bind and other.full not in labels
        if isinstance(node, Sym) and node.full in labels and index:
            return scalar(labels[node.full])
        return self.ev(node)

    def _ev_Indicator(self, node: Indicator) -> Dual:
        return self.condition(node.cond)

    def _ev_Cases(self, node: Cases) -> Dual:
        total: Dual | None = None
        covered: Dual | None = None
        for value_node, cond in node.rows:
            value = self.ev(value_node)
            if cond is None:
                if covered is None:
                    raise NotJudged("'otherwise' as the only case")
                mask = Dual(1 - covered.v)
            else:
                mask = self.condition(cond)
            if value.size > 1 and mask.size > 1 and value.shape != mask.shape:
                raise ShapeMismatch(f"a {shape_of(value)} value under a {shape_of(mask)} condition")
            term = product(value, mask, "hadamard", {})
            total = term if total is None else add(total, term)
            covered = mask if covered is None else add(covered, mask)
        assert total is not None
        return total

    def _ev_Sum(self, node: Sum) -> Dual:
        lower = self.int_value(node.lower) if node.lower is not None else self.world.origin
        upper = self.sum_range(node, lower)
        total: Dual | None = None
        for k in range(lower, upper + 1):
            child = self.child({node.index: k})
            if node.cond is not None and not bool(child.condition(node.cond).v.all()):
                continue
            term = child.ev(node.body)
            total = term if total is None else add(total, term)
        return total if total is not None else scalar(0.0)

    def sum_range(self, node: Sum, lower: int) -> int:
        declared = None
        if node.upper is not None:
            try:
                declared = self.int_value(node.upper)
            except NotJudged:
                declared = None
        probe = self.child({node.index: None})
        try:
            probe.ev(node.body)
            found = None
        except UnboundIndex as exc:
            if exc.letter != node.index:
                raise
            found = exc.size
        if found is not None and lower < self.world.origin:  # Σ_{i=0} over entries counted from 1
            first = f"the sum's first {node.index} with {node.index} = {lower}"
            raise NotJudged(f"{first} is out of range {self.world.origin}..")
        if found is not None:
            found += self.world.origin - 1  # the last index of entries that start at the origin
        if declared is not None and found is not None and declared != found:
            if self.world.origin != 1:  # Σ_{i=0}^{d} over d+1 entries, or a sum from 1 in a 0-indexed reading
                raise NotJudged(f"a sum over {node.index} up to {declared} of entries that run to {found}")
            raise ShapeMismatch(f"a sum over {node.index} up to {declared} of entries that run to {found}")
        if declared is None and found is None:
            raise NotJudged(f"the range of the sum over {node.index}")
        return int(declared if declared is not None else found)

    def int_value(self, node: Node) -> int:
        v = self.ev(node)
        value = float(v.v.reshape(-1)[0])
        if v.size != 1 or not value.is_integer():
            raise NotJudged("a sum bound that is not a whole number")
        return int(value)

    def child(self, bind: dict[str, int | None]) -> Evaluator:
        out = Evaluator(self.world, self.pins, {**self.bind, **bind})  # type: ignore[dict-item]
        out.cache, out.active = self.cache, self.active
        return out

    # ------------------------------------------------------------------ derivatives
    def _ev_Deriv(self, node: Deriv) -> Dual:
        if node.num is None:
            raise NotJudged("a derivative operator with nothing to act on")
        if self.pins:
            raise NotJudged("a derivative inside a derivative")
        target, at = self.derivative_target(node.var)
        base = self.name(target)
        assert base is not None
        rows, cols = base.shape
        if at is None:
            seeds = np.eye(rows * cols).reshape(rows * cols, rows, cols)
        else:
            seeds = np.zeros((1, rows, cols))
            seeds[0, at[0], at[1]] = 1.0
        inner = Evaluator(self.world, {target: Dual(base.v, seeds)}, self.bind)
        try:
            num = inner.ev(node.num)
        except ShapeMismatch as exc:
            # inside ∂(…)/∂W documents are loose about order (W a vs a W): not judged there
            raise LooseShapes(f"shapes do not fit inside a derivative: {exc}") from None
        self.world.flags["tensor"] = True
        unstated_dependence(self.world.definitions, target, num, self.world.undeclared)
        tangents = num.dk(seeds.shape[0])
        if num.size == 1:
            grad = tangents.reshape(-1)
            return Dual(grad.reshape(rows, cols) if at is None else grad.reshape(1, 1))
        if at is None:
            raise JacobianNeeded("a Jacobian of a matrix or vector by a matrix or vector (its layout is a convention)")
        return Dual(tangents[0])

    def derivative_target(self, var: Sym) -> tuple[str, tuple[int, int] | None]:
        if self.known(var.full):
            return var.full, None
        if var.sub and self.known(var.stem):
            value = self.name(var.stem)
            assert value is not None
            r, c = self.indices(value, var.sub, var.full)
            if r is None or c is None:
                raise NotJudged(f"a derivative with respect to a row or column {var.full}")
            return var.stem, (r, c)
        raise NotJudged(f"a derivative with respect to {var.full}, which has no definition or shape")


#: the subscript of a defined name: δ_{k}, w_{jk}^{(2)}, a_j
_ENTRY_SUBSCRIPT = re.compile(r"_\{([A-Za-z,]{1,5})\}|_([A-Za-z])(?![A-Za-z])")

_COMPARE = {
    "=": np.equal,
    "!=": np.not_equal,
    "<": np.less,
    ">": np.greater,
    "<=": np.less_equal,
    ">=": np.greater_equal,
}


def _literal(node: Node) -> bool:
    while isinstance(node, Neg):
        node = node.x
    return isinstance(node, Num)
