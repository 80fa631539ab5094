r"""Shapes for names a document uses without declaring them (``W^T\delta``, ``X^T S X``).

Each undeclared name gets a *kind* (scalar, column, row or matrix) and symbolic dimensions;
the step's own structure then ties the dimensions together: a product chains (A's columns are
B's rows), a sum and a Hadamard product need equal shapes, a transpose swaps, a trace needs a
square, ``diag`` takes a vector, ``∂(scalar)/∂B`` has B's shape, and the document's
definitions (``Z = XW``) are read the same way. A kind assignment whose dimensions cannot be
unified (a dimension that must be both 1 and a free size) is inconsistent and dropped.

The consistent assignments are ranked by how ordinary each name's kind is (a lower-case name
is a column vector, a capital a matrix, a name written with one index a vector): the judge
evaluates the best ones on concrete tensors with the free dimensions at distinct sizes, so a
transposition error cannot fit by accident. This module only proposes shapes; the evaluator
(tensor_eval) checks each proposal again, so a rule here that is too loose costs a verdict,
never a false one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from derive.checks.latex.addend_scalars import ADDEND, addend_scalars
from derive.checks.latex.bias_layout import kept_axis
from derive.checks.latex.literal_entries import entry_scalars
from derive.checks.latex.notation import Notation
from derive.checks.latex.softmax_shifts import SHIFT, largest_entry, shift_scalars, shifted
from derive.checks.latex.typed_nodes import (
    Add,
    Call,
    Delta,
    Deriv,
    Index,
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
    lowercase_name,
)

__all__ = ["CONSTANTS", "Assignment", "Conflict", "anchored_reading", "infer_assignments", "reached_names"]
__all__ += ["undeclared_names"]

ONE = 0  # the dimension 1 (a scalar's rows and columns, a column vector's columns)
Shape = tuple[int, int] | None  # (rows, columns) as dimension ids; None: not known here
#: kind (col, row, scalar, matrix) → preference, for a lower-case name, a capital, a name
#: written with one index, with two, and a name that is a number (a size, a weight λ)
_PREFERENCE = {
    # never a scalar: W a + b = a W + b holds only with a a number (a name only added may be: addend_scalars)
    "lower": {"col": 3, "row": 2, "matrix": 1},
    "upper": {"matrix": 3, "col": 1, "row": 1},
    "vector": {"col": 3, "row": 2},
    "entries2": {"matrix": 3},
    "scalar": {"scalar": 3},
    "identity": {"matrix": 3},
    "addend": ADDEND,  # a lower-case name only ever added (z = w^T x + b): maybe a number (addend_scalars)
    "shift": SHIFT,  # the c of softmax(x + c): a number first (softmax_shifts)
}
#: names that are constants of a shape the step fixes: the vector of ones, of zeros, the identity
CONSTANTS = {"1": "ones", "0": "zeros", "I": "identity"}
#: letters that are sizes or counts in homework (1/m, 1/N, \sum_{k=1}^K)
_SIZE_LETTERS = {"m", "n", "N", "K"}
_ELEMENTWISE = {
    "sigmoid", "softplus", "relu", "step", "tanh", "sinh", "cosh", "exp", "log", "sqrt", "abs",
    "sign", "heaviside", "sin", "cos", "sech", "csch", "coth", "softmax",
}  # fmt: skip
_MAX_ASSIGNMENTS = 4096


class Conflict(Exception):
    """Dimensions that cannot be equal (1 and a free size, or two declared sizes)."""


@dataclass(frozen=True)
class Assignment:
    """Shapes for the undeclared names (dimension names, "1" for a unit dimension) and how
    ordinary the kinds are; ``agree``: the two sides' shapes unify too."""

    shapes: dict[str, tuple[str, ...]]
    score: float
    agree: bool
    kinds: tuple[tuple[str, str], ...]


class _Dims:
    """Union-find over dimension ids; id 0 is the dimension 1, ``rigid`` ids are declared
    sizes (two different declared sizes never unify: the worlds give them different values)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {ONE: ONE}
        self.rigid: dict[int, str] = {}
        self.count = 0
        self.anchored: set[int] = set()  # roots that may no longer merge with each other
        self.forced: list[tuple[int, int]] = []  # merges refused between anchored roots

    def fresh(self) -> int:
        self.count += 1
        self.parent[self.count] = self.count
        return self.count

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if ONE in (ra, rb) or (ra in self.rigid and rb in self.rigid):
            raise Conflict(f"dimension {ra} = {rb}")
        if ra in self.anchored and rb in self.anchored:
            self.forced.append((ra, rb))  # kept apart: see anchored_reading
            return
        if rb in self.rigid or rb in self.anchored:
            ra, rb = rb, ra
        self.parent[rb] = ra

    def name(self, a: int) -> str:
        root = self.find(a)
        return "1" if root == ONE else self.rigid.get(root, f"n_{{{root}}}@")


def _scalar(shape: Shape) -> bool:
    return shape is not None and shape == (ONE, ONE)


class _Walker:
    """The shape of a typed tree under one kind assignment (dimension ids in ``dims``)."""

    def __init__(self, kinds: dict[str, str], notation: Notation, defs: dict, sizes: set, shifts=frozenset()) -> None:
        self.dims = _Dims()
        self.notation = notation
        self.defs = defs
        self.sizes = sizes
        self.named: dict[str, int] = {}  # declared size name → its rigid id
        self.leaf: dict[str, tuple[int, int]] = {}
        self.cache: dict[str, Shape] = {}
        self.bound: set[str] = set()
        self.touched: list[tuple[int, int]] = []  # shapes of the names walked so far
        self.shifts: frozenset[str] = shifts  # softmax(x + c): c added to every entry (softmax_shifts)
        for name, kind in kinds.items():
            self.leaf[name] = self._kind_shape(kind)
            if CONSTANTS.get(name) == "identity":
                self.dims.union(*self.leaf[name])

    def _kind_shape(self, kind: str) -> tuple[int, int]:
        if kind == "scalar":
            return ONE, ONE
        if kind == "col":
            return self.dims.fresh(), ONE
        if kind == "row":
            return ONE, self.dims.fresh()
        return self.dims.fresh(), self.dims.fresh()

    def declared(self, dims: tuple[str, ...]) -> tuple[int, int]:
        ids = []
        for d in dims:
            if d == "1":
                ids.append(ONE)
                continue
            if d not in self.named:
                self.named[d] = self.dims.fresh()
                self.dims.rigid[self.named[d]] = d
            ids.append(self.named[d])
        return (ids[0], ids[1]) if len(ids) == 2 else (ids[0], ONE) if ids else (ONE, ONE)

    def same(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        self.dims.union(a[0], b[0])
        self.dims.union(a[1], b[1])

    # ------------------------------------------------------------------ names
    def sym(self, s: Sym) -> Shape:
        if s.full in self.bound or s.full in self.sizes:
            return ONE, ONE
        for key in (s.full, s.stem):
            shape = self.name(key, touch=key == s.full)  # t_k anchors no size of t (its k may tie t to y_k)
            if shape is not None or key in self.defs:
                return shape if key == s.full else (ONE, ONE)  # an entry of a known name
        return ONE, ONE  # a number-like name the evaluator knows (a domain or label)

    def name(self, key: str, touch: bool = True) -> Shape:
        if key in self.leaf:
            self.touched.extend([self.leaf[key]] if touch else [])
            return self.leaf[key]
        declared = {**self.notation.sample_shapes, **self.notation.shapes}
        if key in declared and key not in self.defs:
            shape = self.declared(declared[key])
            self.touched.extend([shape] if touch else [])
            return shape
        if key not in self.defs:
            return None
        if key not in self.cache:
            self.cache[key] = None  # a definition in terms of itself is not unified
            self.cache[key] = self.walk(self.defs[key])
        if self.cache[key] is not None and touch:
            self.touched.append(self.cache[key])
        return self.cache[key]

    # ------------------------------------------------------------------ nodes
    def walk(self, node: Node) -> Shape:
        method = getattr(self, "_w_" + type(node).__name__, None)  # matrices written out: shape_in
        return method(node) if method else node.shape_in(self) if hasattr(node, "shape_in") else None

    def _w_Num(self, node: Num) -> Shape:
        return ONE, ONE

    def _w_Sym(self, node: Sym) -> Shape:
        return self.sym(node)

    def _w_Opaque(self, node: Opaque) -> Shape:
        return None

    def _w_Neg(self, node: Neg) -> Shape:
        return self.walk(node.x)

    def _w_Transpose(self, node: Transpose) -> Shape:
        shape = self.walk(node.x)
        return None if shape is None else (shape[1], shape[0])

    def _w_Norm(self, node: Norm) -> Shape:
        self.walk(node.x)
        return ONE, ONE

    def _w_Index(self, node: Index) -> Shape:
        self.walk(node.base)
        return ONE, ONE

    def _w_Delta(self, node: Delta) -> Shape:
        return ONE, ONE

    def _w_Add(self, node: Add) -> Shape:
        a, b = self.walk(node.a), self.walk(node.b)
        if a is None or b is None:
            return None
        if _scalar(a) != _scalar(b):
            if isinstance(node.a, Num) or isinstance(node.b, Num) or shifted(node, self.shifts):
                return b if _scalar(a) else a  # 1 - σ(z), softmax(x + c): a number added entry by entry
            raise Conflict("a scalar added to a vector or matrix")
        for bias, other, shape, shared in ((node.b, node.a, b, a), (node.a, node.b, a, b)):
            k = kept_axis(bias, other, shape, ONE) if getattr(bias, "full", None) in self.leaf else None
            if k is not None:  # an undeclared bias vector added to every column (W A + b) or row (X W + b)
                self.dims.union(shape[k], shared[k])
                return shared
        self.same(a, b)
        return a

    def _w_Pow(self, node: Pow) -> Shape:
        base, exp = self.walk(node.base), self.walk(node.exp)
        if base is not None and not _scalar(base):
            raise Conflict("a power of a vector or matrix")
        if exp is not None and not _scalar(exp):
            raise Conflict("a power that is not a number")
        return ONE, ONE

    def _w_Mul(self, node: Mul) -> Shape:
        a, b = self.walk(node.a), self.walk(node.b)
        if a is None or b is None:
            return None
        if _scalar(a) or _scalar(b):
            return b if _scalar(a) else a
        if node.kind in ("hadamard", "div"):
            self.same(a, b)
            return a
        if node.kind == "outer":
            return None
        if node.kind == "cdot":
            return self._cdot(a, b)
        self.dims.union(a[1], b[0])
        return a[0], b[1]

    def _cdot(self, a: tuple[int, int], b: tuple[int, int]) -> Shape:
        """``A \\cdot B``: element-wise when the shapes can be equal (σ(Z)·(1 − σ(Z)), the way
        notes write it), else a matrix product; with unequal sizes the evaluator agrees."""
        saved = dict(self.dims.parent)
        try:
            self.same(a, b)
            return a
        except Conflict:
            self.dims.parent = saved
        self.dims.union(a[1], b[0])
        return a[0], b[1]

    def _w_Call(self, node: Call) -> Shape:
        args = [self.walk(x) for x in node.args]
        if node.fn.startswith("unknown:") or node.fn in ("sum", "vector_sum") or largest_entry(node):
            return ONE, ONE
        if any(a is None for a in args) or not args:
            return None
        first = args[0]
        assert first is not None
        if node.fn in _ELEMENTWISE or node.fn == "leaky_relu" or node.fn.startswith("activation:"):
            return first  # activation: an undefined g, entry-wise (entrywise_activations.py)
        if node.fn in ("max", "min") and len(args) == 2:
            second = args[1]
            assert second is not None
            if _scalar(first) or _scalar(second):
                return second if _scalar(first) else first
            self.same(first, second)
            return first
        if node.fn == "trace":
            self.dims.union(first[0], first[1])
            return ONE, ONE
        if node.fn == "diag":
            if self.dims.find(first[1]) == ONE:
                return first[0], first[0]
            if self.dims.find(first[0]) == ONE:
                return first[1], first[1]
            raise Conflict("diag of a matrix")
        return None

    def _w_Deriv(self, node: Deriv) -> Shape:
        var = self.sym(node.var)
        num = self.walk(node.num) if node.num is not None else None
        if num is None or var is None:
            return None
        if _scalar(num):
            return var
        if _scalar(var):
            return num
        if ONE not in (self.dims.find(num[0]), self.dims.find(num[1])):  # ∂(matrix)/∂(vector): 3 indices
            raise Conflict("a derivative of a matrix by a vector or matrix")  # not the writer's reading
        return None

    def _w_Sum(self, node: Sum) -> Shape:
        outer = set(self.bound)
        self.bound.add(node.index)
        try:
            return self.walk(node.body)
        finally:
            self.bound = outer


def _unify_sides(walker: _Walker, a: Shape, b: Shape) -> bool:
    """Do the two sides' shapes unify (a row and a column of one length count as equal)?"""
    if a is None or b is None:
        return True
    saved = dict(walker.dims.parent)
    try:
        ones = [walker.dims.find(x) == ONE for x in (a[1], b[1], a[0], b[0])]
        if ones[0] and ones[3] and not _scalar(a):  # a column against a row
            walker.dims.union(a[0], b[1])
        elif ones[2] and ones[1] and not _scalar(a):  # a row against a column
            walker.dims.union(a[1], b[0])
        else:
            walker.same(a, b)
        return True
    except Conflict:
        walker.dims.parent = saved
        return False


def _names_in(node: object, out: dict[str, int], bound: frozenset[str] = frozenset()) -> None:
    """Stem → number of indices it is written with (0 for a bare name), over a tree."""
    if isinstance(node, Sym):
        if node.full in bound:
            return
        if node.sub and _index_sub(node.sub):
            parts = node.sub.split(",") if "," in node.sub else list(node.sub)
            out[node.stem] = max(out.get(node.stem, 0), len(parts))
        else:
            out.setdefault(node.full, 0)
        return
    if isinstance(node, Sum):
        _names_in(node.body, out, bound | {node.index})
        return
    if isinstance(node, Deriv):
        if node.num is not None:
            _names_in(node.num, out, bound)
        _names_in(node.var, out, bound)
        return
    if isinstance(node, tuple):
        for item in node:
            _names_in(item, out, bound)
        return
    for value in getattr(node, "__dict__", {}).values():
        if isinstance(value, Node | tuple) or hasattr(value, "lhs"):
            _names_in(value, out, bound)


def _index_sub(sub: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9](,?[A-Za-z0-9])?", sub) is not None


def reached_names(sides: tuple[Node, Node], defs: dict[str, Node]) -> dict[str, int]:
    """Every name the sides use, directly or through the definitions they reach, with the
    number of indices it is written with."""
    found: dict[str, int] = {}
    seen: set[str] = set()
    todo = list(sides)
    while todo:
        here: dict[str, int] = {}
        _names_in(todo.pop(), here)
        for name, count in here.items():
            found[name] = max(found.get(name, 0), count)
            if name in defs and name not in seen:
                seen.add(name)
                todo.append(defs[name])
    return found


def undeclared_names(
    sides: tuple[Node, Node], notation: Notation, defs: dict[str, Node], sizes: set[str]
) -> dict[str, str]:
    r"""Undeclared name → its class ("lower", "upper", "vector", "entries2", "scalar") among the
    names the sides and the definitions they reach use. A label letter of the notation (y in
    ``-\log o_y``) that is written as a name of its own here is a name too."""
    found = reached_names(sides, defs)
    known = set(defs) | set(notation.shapes) | set(notation.sample_shapes) | sizes
    known |= set(notation.domains) | set(notation.labels) | set(notation.constants)
    out: dict[str, str] = {}
    for name, count in found.items():
        if name in known or (name.isdigit() and name not in CONSTANTS):
            continue
        out[name] = _name_class(name, count, notation)
    return out


def _name_class(name: str, count: int, notation: Notation) -> str:
    if name in CONSTANTS:
        return "identity" if CONSTANTS[name] == "identity" else "lower"
    if count == 1:
        return "vector"
    if count == 2:
        return "entries2"
    if name in _SIZE_LETTERS or notation.domain(name) != "real" or name in notation.scalars:
        return "scalar"
    return "lower" if lowercase_name(name) else "upper"


def infer_assignments(
    sides: tuple[Node, Node], notation: Notation, defs: dict[str, Node], sizes: set[str]
) -> list[Assignment]:
    """Consistent kind assignments of the undeclared names, best first (empty: none, or too many to try)."""
    sampled = set(notation.sample_shapes) - set(notation.shapes)  # entries of these too: literal_entries.py
    names = entry_scalars(undeclared_names(sides, notation, defs, sizes), sides, defs, sampled)
    names = addend_scalars(names, sides, defs)  # z = w^T x + b: b may be a number (addend_scalars)
    names = shift_scalars(names, sides, defs, notation)  # softmax(x + c): c a number first (softmax_shifts)
    if not names:
        return []
    order = sorted(names)
    options = [list(_PREFERENCE[names[n]]) for n in order]
    total = 1
    for o in options:
        total *= len(o)
    if total > _MAX_ASSIGNMENTS:
        return []
    found: dict[tuple, Assignment] = {}
    for combo in itertools.product(*options):
        kinds = dict(zip(order, combo, strict=True))
        walker = _Walker(kinds, notation, defs, sizes, frozenset(n for n in order if names[n] == "shift"))
        try:
            a, b = walker.walk(sides[0]), walker.walk(sides[1])
        except Conflict:
            continue
        agree = _unify_sides(walker, a, b)
        shapes = {n: _concrete(walker, walker.leaf[n], kinds[n]) for n in order}
        score = sum(_PREFERENCE[names[n]][kinds[n]] for n in order)
        key = tuple(sorted(shapes.items()))
        if key not in found or found[key].score < score:
            found[key] = Assignment(shapes, score, agree, tuple(sorted(kinds.items())))
    return sorted(found.values(), key=lambda x: (-x.agree, -x.score, x.kinds))


def _concrete(walker: _Walker, shape: tuple[int, int], kind: str) -> tuple[str, ...]:
    rows, cols = walker.dims.name(shape[0]), walker.dims.name(shape[1])
    if kind == "scalar":
        return ()
    if kind == "col":
        return (rows,)
    return rows, cols


def anchored_reading(
    sides: tuple[Node, Node], notation: Notation, defs: dict[str, Node], sizes: set[str], kinds: dict[str, str]
) -> tuple[Assignment, list[str]] | None:
    """The reading fixed by the left side and the definitions it reaches, with the right side
    fitted to it without merging two of its sizes; None when the right side needs no such
    merge. ``2((\\hat Y - Y)\\cdot\\xi) X^\\top`` for ∂f/∂W, with Z = XW: it fits only if W is
    square (the left side and Z = XW keep W's two sizes apart), so at distinct sizes it does not."""
    walker = _Walker(kinds, notation, defs, sizes)
    try:
        walker.walk(sides[0])
        walker.dims.anchored = {walker.dims.find(d) for shape in walker.touched for d in shape} - {ONE}
        walker.walk(sides[1])
    except Conflict:
        return None
    if not walker.dims.forced:
        return None
    shapes = {n: _concrete(walker, walker.leaf[n], kinds[n]) for n in sorted(kinds)}
    merges = [f"{walker.dims.name(a)} = {walker.dims.name(b)}".replace("@", "") for a, b in walker.dims.forced]
    return Assignment(shapes, 0, False, tuple(sorted(kinds.items()))), merges
