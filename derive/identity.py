"""The Identity record and the registry that holds every claim of the catalogue once.

An identity states a claim for every size; ``build`` instantiates it at concrete sizes as
explicit SymPy objects (scalars, or matrices whose entries are symbols), which is what the
engines in ``checks/`` prove and sample. ``statement`` gives the same claim at symbolic
shape (``MatrixSymbol`` and friends) for printing only: SymPy's matrix calculus on those
objects is never trusted for a verdict.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

import sympy as sp

Domain = Literal["real", "nonzero", "positive", "unit-interval", "onehot-rows", "label"]
Value = sp.Expr | sp.Matrix
Sizes = Mapping[str, int]


class RegistryError(ValueError):
    """A registry was asked to hold the same id twice, or for an id it does not have."""


@dataclass(frozen=True)
class Variable:
    """One input of a claim: its name, domain and shape (size names; () for a scalar).

    ``nonzero`` means the claim is stated off a kink: proofs split on the sign of each
    entry and sampling keeps entries away from 0. ``onehot-rows`` is a label matrix whose
    rows are one-hot; proofs treat its entries as symbols with rows summing to 1. For a
    vector (shape of length 1) it is one one-hot label: entries summing to 1, as a column.
    """

    name: str
    domain: Domain = "real"
    shape: tuple[str, ...] = ()
    latex: str | None = None
    #: A real scalar whose claim holds at 0 too but only by convention there: the proof
    #: splits into x > 0, x < 0 and x = 0.
    kink: bool = False

    def make(self, sizes: Sizes, sign: int | None = None) -> Value:
        """Explicit SymPy value at concrete sizes (sign = ±1 fixes the sign of a scalar,
        sign = 0 makes it the number 0). Memoised (creating symbols with assumptions is
        slow); a matrix is returned as a fresh copy, so callers may mutate it."""
        key = (self, tuple((k, sizes[k]) for k in self.shape), sign)
        value = _MADE.get(key)
        if value is None:
            value = _MADE[key] = self._make(sizes, sign)
        return value.copy() if isinstance(value, sp.MatrixBase) else value

    def _make(self, sizes: Sizes, sign: int | None = None) -> Value:
        if sign == 0 and not self.shape:
            return sp.Integer(0)
        sign = sign or 0
        assumptions = _assumptions(self.domain, sign)
        if not self.shape:
            return sp.Symbol(self.name, **assumptions)
        rows = sizes[self.shape[0]]
        cols = sizes[self.shape[1]] if len(self.shape) > 1 else 1
        if self.domain == "onehot-rows":
            if len(self.shape) == 1:
                # A vector is one one-hot label (its entries sum to 1), as a column.
                return _onehot_rows(self.name, 1, rows).T
            return _onehot_rows(self.name, rows, cols)
        return sp.Matrix(
            rows, cols, lambda i, j: sp.Symbol(_entry_name(self.name, i, j, cols, len(self.shape)), **assumptions)
        )


_MADE: dict[tuple, Value] = {}


def _entry_name(name: str, i: int, j: int, cols: int, ndim: int) -> str:
    return f"{name}_{i}" if ndim == 1 else f"{name}_{i}_{j}"


def _assumptions(domain: Domain, sign: int) -> dict[str, bool]:
    if sign > 0 or domain == "positive":
        return {"positive": True}
    if sign < 0:
        return {"negative": True}
    if domain == "unit-interval":
        return {"positive": True}
    if domain == "nonzero":
        return {"real": True, "nonzero": True}
    return {"real": True}


def _onehot_rows(name: str, rows: int, cols: int) -> sp.Matrix:
    """Δ with free entries whose rows sum to 1: the last column is 1 − Σ of the others.

    Every one-hot matrix is such a matrix, so a polynomial identity proved for it holds for
    every label vector at once, instead of for C^N label assignments one by one.
    """
    m = sp.zeros(rows, cols)
    for i in range(rows):
        free = [sp.Symbol(f"{name}_{i}_{j}", real=True) for j in range(cols - 1)]
        for j, s in enumerate(free):
            m[i, j] = s
        m[i, cols - 1] = 1 - sp.Add(*free)
    return m


@dataclass(frozen=True)
class Claim:
    """An identity at concrete sizes: both sides explicit, and how the left side was made.

    For a derivative claim, ``function`` and ``wrt`` say what was differentiated, so the
    numeric checker can hold the right side against central finite differences of
    ``function`` (an oracle independent of SymPy's ``diff``).
    """

    lhs: Value
    rhs: Value
    values: Mapping[str, Value]
    function: sp.Expr | sp.Matrix | None = None
    wrt: Value | None = None
    #: Expressions that must stay away from 0 when sampling (pre-activations at kinks).
    avoid_zero: tuple[sp.Expr, ...] = ()


Builder = Callable[[Mapping[str, Value], Sizes], Claim]

#: (identity id, sizes, signs) → Claim. Ids are unique within a registry, and the seed
#: claims' ids never collide with the catalogue's.
_CLAIM_CACHE: dict[tuple, Claim] = {}


@dataclass(frozen=True)
class Identity:
    """One claim of the catalogue, stated once, with its sources in the seeds."""

    id: str
    title: str
    topic: str
    sources: tuple[str, ...]
    variables: tuple[Variable, ...]
    build: Builder
    #: Size bounds for the element-wise proof: every combination 1..bound (inclusive).
    size_bounds: Mapping[str, int] = field(default_factory=dict)
    #: Smallest value of each size (softmax needs n >= 1, classes C >= 2 ...).
    size_minimums: Mapping[str, int] = field(default_factory=dict)
    #: Display form at symbolic shape, for the report and the notebook repr only.
    statement: Callable[[], tuple[sp.Basic, sp.Basic]] | None = None
    #: Index form at symbolic size (Sum/KroneckerDelta) for a proof "for all n".
    index_form: Callable[[], tuple[sp.Expr, sp.Expr]] | None = None
    derivation: str = ""
    convention: str = ""
    #: Names of identities this proof relies on (e.g. relu-derivative inside a chain rule).
    uses: tuple[str, ...] = ()

    def sizes(self) -> Iterator[dict[str, int]]:
        """Every concrete size at which the identity is proved element-wise."""
        names = sorted(self.size_bounds)
        ranges = [range(self.size_minimums.get(n, 1), self.size_bounds[n] + 1) for n in names]
        for combo in itertools.product(*ranges):
            yield dict(zip(names, combo, strict=True))

    def instantiate(self, sizes: Sizes, signs: Mapping[str, int] | None = None) -> Claim:
        """The claim at concrete sizes. Cached: the prover and the sampler both need it,
        and building a batch gradient (a symbolic diff) is the expensive part."""
        key = (self.id, tuple(sorted(sizes.items())), tuple(sorted((signs or {}).items())))
        if key not in _CLAIM_CACHE:
            signs = signs or {}
            values = {v.name: v.make(sizes, signs.get(v.name)) for v in self.variables}
            _CLAIM_CACHE[key] = self.build(values, sizes)
        return _CLAIM_CACHE[key]

    def kink_cases(self) -> list[dict[str, int]]:
        """The case split at kinks: every sign pattern of the scalars stated off a kink
        (±1), and also 0 for those whose claim includes the kink by convention.

        Why this is not derive.checks.proof.cases (which splits a built claim at the zero of
        each kink's argument): an identity's signs are declared on its variables and must be
        fixed BEFORE ``build`` runs, because builders differentiate with respect to the
        variable (abs'(x) for a negative symbol x; no derivative with respect to the number 0
        exists), so a split applied to the built sides could not express these cases. Ad-hoc
        claims (check, check-latex) arrive built, and cases.py splits those."""
        options = []
        for v in self.variables:
            if v.shape:
                continue
            if v.domain == "nonzero":
                options.append([(v.name, 1), (v.name, -1)])
            elif v.kink:
                options.append([(v.name, 1), (v.name, -1), (v.name, 0)])
        return [dict(combo) for combo in itertools.product(*options)]

    def _repr_latex_(self) -> str:
        from derive.latex import identity_latex

        return "$\\displaystyle " + identity_latex(self) + "$"


class Registry:
    """Identities keyed by id, in the order they were registered."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, Identity] = {}

    def register(self, identity: Identity) -> Identity:
        if identity.id in self._items:
            raise RegistryError(f"identity id {identity.id!r} is registered twice in {self.name}")
        self._items[identity.id] = identity
        return identity

    def __getitem__(self, key: str) -> Identity:
        try:
            return self._items[key]
        except KeyError:
            raise RegistryError(f"unknown identity id {key!r}; run 'derive list' for the ids") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[Identity]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def ids(self) -> list[str]:
        return list(self._items)


def gradient(f: sp.Expr, wrt: Value) -> Value:
    """∂f/∂wrt element-wise: a matrix of the shape of ``wrt`` (scalar f), or a Jacobian.

    For a scalar f and a matrix of symbols, all partials come from one reverse pass over
    f's expression graph (``partials``): the same derivative as ``sp.diff`` entry by entry
    (each node's local derivative is SymPy's own rule), without re-walking the shared
    sub-expressions of a network's loss once per weight.
    """
    if isinstance(f, sp.MatrixBase):
        if wrt.shape[1] != 1:
            wrt = wrt.reshape(len(wrt), 1)
        rows = [partials(f[i], list(wrt)) for i in range(len(f))]
        return sp.Matrix(len(f), len(wrt), lambda i, j: rows[i][j])
    if isinstance(wrt, sp.MatrixBase):
        values = partials(f, list(wrt))
        return sp.Matrix(wrt.rows, wrt.cols, values)
    return sp.diff(f, wrt)


#: Node types whose local derivatives ``partials`` knows; anything else → plain sp.diff.
def _local_rule_known(node: sp.Basic) -> bool:
    return not node.args or node.is_Add or node.is_Mul or node.is_Pow or isinstance(node, sp.Function)


def partials(f: sp.Expr, symbols: list[sp.Symbol]) -> list[sp.Expr]:
    """[∂f/∂s for s in symbols] by reverse accumulation (the chain rule on f's DAG).

    adjoint(root) = 1; for each node in reverse topological order, each argument that
    depends on a symbol receives adjoint(node) · ∂node/∂argument, where the local
    derivative is 1 (Add), the product of the other factors (Mul), the power rule (Pow),
    the node itself (exp), 1/arg (log) or ``node.fdiff(k)`` (every other Function: σ,
    ReLU → step, Abs → sign, LeakyReLU → its derivative ...). Falls back to ``sp.diff``
    for node types outside that list (Sum, Piecewise, Derivative ...).
    """
    f = sp.sympify(f)
    targets = set(symbols)
    order: list[sp.Basic] = []
    depends: dict[sp.Basic, bool] = {}
    stack: list[tuple[sp.Basic, bool]] = [(f, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            dep = node in targets or any(depends.get(a, False) for a in node.args)
            depends[node] = dep
            if dep:
                order.append(node)
            continue
        if node in depends:
            continue
        if not _local_rule_known(node):
            return [sp.diff(f, s) for s in symbols]
        if not node.args:
            depends[node] = node in targets
            if depends[node]:
                order.append(node)
            continue
        stack.append((node, True))
        stack.extend((a, False) for a in node.args if a not in depends)
    adjoint: dict[sp.Basic, list[sp.Expr]] = {f: [sp.S.One]}
    for node in reversed(order):
        terms = adjoint.get(node)
        if not terms or not node.args:
            continue
        bar = sp.Add(*terms) if len(terms) > 1 else terms[0]
        args = node.args
        for k, child in enumerate(args):
            if not depends.get(child, False):
                continue
            adjoint.setdefault(child, []).append(_times(bar, _local_derivative(node, k)))
    return [sp.Add(*adjoint[s]) if s in adjoint else sp.S.Zero for s in symbols]


def _times(a: sp.Expr, b: sp.Expr) -> sp.Expr:
    """a·b as an unevaluated product: SymPy's Mul.flatten (distributing numbers over sums,
    merging exp factors, asking each factor's assumptions) was the main cost of building
    a network's gradient; the value is the same."""
    if a == 1:
        return b
    if b == 1:
        return a
    if a.is_Number and b.is_Number:
        return a * b
    # A number goes first: SymPy's cse (used by lambdify) misreads an unevaluated product
    # whose numeric factor is not its first argument, e.g. Mul(1 - x, -1) → x - ... wrong.
    if b.is_Number:
        a, b = b, a
    return sp.Mul(a, b, evaluate=False)


def _local_derivative(node: sp.Basic, k: int) -> sp.Expr:
    args = node.args
    if node.is_Add:
        return sp.S.One
    if node.is_Mul:
        rest = args[:k] + args[k + 1 :]
        return rest[0] if len(rest) == 1 else sp.Mul(*rest, evaluate=False)
    if node.is_Pow:
        base, exponent = args
        if k == 0:
            return exponent * base ** (exponent - 1)
        return node * sp.log(base)
    if isinstance(node, sp.exp):
        return node
    if isinstance(node, sp.log):
        return 1 / args[0]
    return node.fdiff(k + 1)
