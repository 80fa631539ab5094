"""One record per named function: every engine reads its facts from here.

A ``FunctionRecord`` holds what derive knows about a function such as σ:

- ``build``: the SymPy callable a formula uses (``sigmoid``, ``step``, ``sp.tanh``) and
  ``node``, the class of the nodes it builds (``step`` builds ``Heaviside`` nodes); ``None``
  when it builds none of its own (``sqrt`` is a power);
- ``definition``: the function in terms of exp/log (its rewrite to exp), read by the exact
  prover (derive.checks.proof.canonical) and by ``evalf``; ``None`` for an opaque function
  (kinks, log, erf ...), which the prover treats as an atom;
- ``derivative``: d/d(first argument), used as the class's ``fdiff`` for functions defined
  here (SymPy's built-ins keep their own; the record states it for the tests);
- ``numpy``: the one stable NumPy implementation (arrays in, arrays out), used by numeric
  sampling through lambdify, and by DAG evaluation unless ``scalar`` gives a faster float
  form; ``numpy_code``: the same as printed into generated code (``{x0}`` is the first
  argument's code, ``{w0}`` the same parenthesised when compound); a test holds the three
  forms equal on both tails and at the kinks for every record;
- ``latex`` / ``unicode``: the printed name (``\\sigma`` / ``σ``); ``aliases``: the names a
  user may write in ``derive check`` and in check-latex notation (``σ``, ``sigmoid``);
- ``kinks``: where the function is not smooth, its value there and the convention for the
  derivative there (``kink_arguments(expr)`` lists the expressions to split on).

Conventions at kinks, stated once:
- ``step(x)`` is the indicator 1{x > 0}, i.e. ``Heaviside(x, 0)``: value 0 at 0 (the seeds'
  rect'(0) = 0). SymPy's default H(0) = 1/2 is never used.
- ``sign(0) = 0`` (SymPy's ``sign``), the seeds' convention for abs'(0).
- ``leaky_relu_prime(z, α)`` is 1 for z >= 0 and α for z < 0 (001 Q2(l)).

Adding a function is one record (``define_function`` builds its SymPy class too); ``FUNCTIONS``
is the table the engines read, and ``FUNCTIONS.temporary(...)`` adds records for the length of
a ``with`` block (tests register a throwaway function without touching the global table).

What the engines read (views are rebuilt whenever a record is added or removed):
- parsers: ``FUNCTIONS.aliases()`` (every name and alias → SymPy callable; ``SEED_FUNCTIONS``
  is a live view of it), ``FUNCTIONS[name].latex`` / ``.unicode`` for the printed names;
- exact prover: ``FUNCTIONS.exp_definitions()`` (node class → rewrite to exp) and
  ``FUNCTIONS.opaque_nodes()`` (node classes kept as atoms);
- kink splitting: ``kink_arguments(expr)`` and ``FUNCTIONS.for_node(cls).kinks``;
- float evaluation: ``FUNCTIONS.float_functions()``; lambdify: ``FUNCTIONS.numpy_namespace()``;
- code printers: ``FUNCTIONS.for_node(cls).code(args, wrapped_args)``.

Example (tests/test_function_registry.py does this with GELU, Φ and φ)::

    softsign = define_function("softsign", definition=None, numpy=lambda x: x / (1 + np.abs(x)),
                               latex=r"\\operatorname{softsign}", unicode="softsign")
    with FUNCTIONS.temporary(softsign):
        expr = softsign.build(x)          # a SymPy node every engine now understands
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np
import sympy as sp
from sympy import Heaviside, Piecewise, exp, log, tanh
from sympy.core.function import ArgumentIndexError

from derive import stable_numpy as st

__all__ = [
    "FUNCTIONS",
    "SEED_FUNCTIONS",
    "FunctionRecord",
    "FunctionTable",
    "Kink",
    "NamedFunction",
    "define_function",
    "kink_arguments",
    "leaky_relu",
    "leaky_relu_prime",
    "relu",
    "sigmoid",
    "softmax",
    "softplus",
    "step",
]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Kink:
    """A point where a function is not smooth: ``where(*args)`` is 0 there, ``value(*args)``
    is the function's value there, ``derivative`` says what derivative derive uses there."""

    where: Callable[..., sp.Expr]
    value: Callable[..., sp.Expr]
    derivative: str


@dataclass(frozen=True)
class FunctionRecord:
    """Everything derive knows about one named function (see the module docstring)."""

    name: str
    build: Callable[..., sp.Expr]
    node: type | None
    arity: int
    latex: str
    unicode: str
    aliases: tuple[str, ...]
    numpy: Callable[..., Any]
    numpy_code: str | None = None
    scalar: Callable[..., float] | None = None
    definition: Callable[..., sp.Expr] | None = None
    derivative: Callable[..., sp.Expr] | None = None
    kinks: tuple[Kink, ...] = ()

    def float_function(self) -> Callable[..., float]:
        """The float implementation: ``scalar`` when given, else ``numpy`` on floats."""
        if self.scalar is not None:
            return self.scalar
        numpy = self.numpy
        return lambda *xs: float(numpy(*xs))

    def code(self, plain: list[str], wrapped: list[str]) -> str:
        """``numpy_code`` with each argument's code filled in."""
        if self.numpy_code is None:
            raise ValueError(f"function {self.name!r} has no numpy_code")
        fields = {f"x{k}": c for k, c in enumerate(plain)} | {f"w{k}": c for k, c in enumerate(wrapped)}
        return self.numpy_code.format(**fields)


class FunctionTable:
    """Records by name, alias and node class, in registration order."""

    def __init__(self) -> None:
        self._records: dict[str, FunctionRecord] = {}
        #: Derived views, rebuilt after every change (the engines look them up per node).
        self._views: dict[str, Any] = {}

    def _view(self, key: str, build: Callable[[], Any]) -> Any:
        if key not in self._views:
            self._views[key] = build()
        return self._views[key]

    def register(self, record: FunctionRecord) -> FunctionRecord:
        """Add a record; a name or alias already taken is an error (never a silent override)."""
        taken = self.aliases()
        clash = [a for a in (record.name, *record.aliases) if a in taken or a in self._records]
        if clash:
            raise ValueError(f"function name {clash[0]!r} is already registered; choose another name")
        if record.node is not None and self.for_node(record.node) is not None:
            raise ValueError(f"node class {record.node.__name__} already has a record")
        self._records[record.name] = record
        self._views.clear()
        return record

    def unregister(self, name: str) -> None:
        del self._records[name]
        self._views.clear()

    @contextmanager
    def temporary(self, *records: FunctionRecord) -> Iterator[tuple[FunctionRecord, ...]]:
        """Register ``records`` for the length of a ``with`` block only."""
        added: list[str] = []
        try:
            for record in records:
                self.register(record)
                added.append(record.name)
            yield records
        finally:
            for name in added:
                self.unregister(name)

    def __getitem__(self, name: str) -> FunctionRecord:
        try:
            return self._records[name]
        except KeyError:
            raise KeyError(f"no function named {name!r}; known: {', '.join(self._records)}") from None

    def __iter__(self) -> Iterator[FunctionRecord]:
        return iter(list(self._records.values()))

    def __len__(self) -> int:
        return len(self._records)

    def for_node(self, node_class: type) -> FunctionRecord | None:
        """The record whose SymPy nodes are of this class, or None."""
        nodes = self._view("nodes", lambda: {r.node: r for r in self._records.values() if r.node is not None})
        return nodes.get(node_class)

    def aliases(self) -> Mapping[str, Callable[..., sp.Expr]]:
        """Every name a user may write (name and aliases) → the SymPy callable."""

        def build() -> Mapping[str, Callable[..., sp.Expr]]:
            out: dict[str, Callable[..., sp.Expr]] = {}
            for record in self._records.values():
                for alias in (record.name, *record.aliases):
                    out[alias] = record.build
            return MappingProxyType(out)

        return self._view("aliases", build)

    def exp_definitions(self) -> Mapping[type, Callable[..., sp.Expr]]:
        """Node class → its rewrite to exp/log (what the exact prover substitutes)."""
        return self._view("exp", lambda: MappingProxyType(
            {r.node: r.definition for r in self._records.values() if r.node is not None and r.definition is not None}))

    def opaque_nodes(self) -> tuple[type, ...]:
        """Node classes the exact prover keeps as atoms: no rewrite to exp (exp itself aside)."""
        return self._view("opaque", lambda: tuple(
            r.node for r in self._records.values()
            if r.node is not None and r.definition is None and r.node is not sp.exp))

    def float_functions(self) -> Mapping[type, Callable[..., float]]:
        """Node class → float implementation (DAG evaluation)."""
        return self._view("float", lambda: MappingProxyType(
            {r.node: r.float_function() for r in self._records.values() if r.node is not None}))

    def numpy_namespace(self) -> Mapping[str, Callable[..., Any]]:
        """Printed function name → NumPy implementation, for ``lambdify``'s modules argument
        (SymPy's own functions print as ``numpy.*`` and need no entry)."""
        return self._view("numpy", lambda: MappingProxyType({
            r.node.__name__: r.numpy for r in self._records.values()
            if r.node is not None and issubclass(r.node, NamedFunction)}))


def kink_arguments(expr: sp.Basic, table: FunctionTable | None = None) -> list[sp.Expr]:
    """The expressions whose zeros are kinks of the named functions in ``expr`` (sorted by
    string, no duplicates): ``relu(z - 1)`` gives ``[z - 1]``; ``Max(a, b)`` gives ``[a - b]``."""
    table = table or FUNCTIONS
    found: set[sp.Expr] = set()
    for node in sp.preorder_traversal(expr):
        record = table.for_node(type(node)) if isinstance(node, sp.Basic) else None
        if record is None or not record.kinks:
            continue
        args = node.args[: record.arity] if record.arity else node.args
        for kink in record.kinks:
            where = kink.where(*args)
            if not where.is_number:
                found.add(where)
    return sorted(found, key=str)


# --------------------------------------------------------------------------- SymPy classes


class NamedFunction(sp.Function):
    """Base of derive's own functions: derivative, rewrite to exp, evalf and LaTeX come from
    the function's record, so a class needs no more than its name and argument count."""

    @classmethod
    def record(cls) -> FunctionRecord:
        record = FUNCTIONS.for_node(cls)
        if record is None:
            raise LookupError(f"{cls.__name__} has no record in derive.functions.FUNCTIONS")
        return record

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        record = self.record()
        if argindex != 1 or record.derivative is None:
            raise ArgumentIndexError(self, argindex)
        return record.derivative(*self.args)

    def _eval_rewrite_as_exp(self, *args, **kwargs):
        definition = self.record().definition
        return definition(*args) if definition is not None else None

    def _eval_evalf(self, prec):
        definition = self.record().definition
        if definition is None:
            return None
        return sp.sympify(definition(*self.args))._eval_evalf(prec)

    def _eval_is_real(self):
        return self.args[0].is_real if len(self.args) == 1 else None

    def _latex(self, printer, exp=None):
        inner = ", ".join(printer._print(a) for a in self.args)
        tex = rf"{self.record().latex}\left({inner}\right)"
        return tex if exp is None else rf"{{\left({tex}\right)}}^{{{exp}}}"


def step(x: sp.Expr) -> sp.Expr:
    """The indicator 1{x > 0}, with the value 0 at 0 made explicit."""
    return Heaviside(x, 0)


class sigmoid(NamedFunction):  # noqa: N801 - named as printed in the seeds
    """The logistic function σ(x) = 1 / (1 + e^{-x})."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sp.S.Half

    def _eval_rewrite_as_tanh(self, x, **kwargs):
        return (tanh(x / 2) + 1) / 2

    def _eval_is_positive(self):
        return self.args[0].is_real


class softplus(NamedFunction):  # noqa: N801
    """softplus(x) = ln(1 + e^x)."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return log(2)

    def _eval_rewrite_as_log(self, x, **kwargs):
        return log(1 + exp(x))

    def _eval_is_positive(self):
        return self.args[0].is_real


class relu(NamedFunction):  # noqa: N801
    """rect(x) = max(0, x). Its derivative is step(x) = 1{x > 0} (the seeds' rect'(0) = 0).

    It stays an opaque function for symbolic x so that chain-rule proofs keep the mask
    1{z > 0} as a factor; it evaluates on numbers and on symbols of known sign, which is
    what the case-split proofs use.
    """

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_nonnegative:
            return x
        if x.is_nonpositive:
            return sp.S.Zero

    def _eval_rewrite_as_Piecewise(self, x, **kwargs):
        return Piecewise((x, x > 0), (0, True))

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return sp.Max(0, x)

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_real else None


class leaky_relu(NamedFunction):  # noqa: N801
    """LeakyReLU_α(z) = z for z >= 0, αz for z < 0, with 0 < α < 1."""

    nargs = 2

    @classmethod
    def eval(cls, z, alpha):
        if z.is_nonnegative:
            return z
        if z.is_negative:
            return alpha * z

    def fdiff(self, argindex=1):
        z, alpha = self.args
        if argindex == 1:
            return leaky_relu_prime(z, alpha)
        return Piecewise((0, z >= 0), (z, True))

    def _eval_rewrite_as_Piecewise(self, z, alpha, **kwargs):
        return Piecewise((z, z >= 0), (alpha * z, True))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        z, alpha = self.args
        tex = rf"{self.record().latex}_{{{printer._print(alpha)}}}\left({printer._print(z)}\right)"
        return tex if exp is None else rf"{{\left({tex}\right)}}^{{{exp}}}"


def leaky_relu_prime(z: sp.Expr, alpha: sp.Expr) -> sp.Expr:
    """LeakyReLU_α'(z) = 1 if z >= 0 else α (001 Q2(l)), i.e. α + (1 − α)·1{z ≥ 0}."""
    return alpha + (1 - alpha) * Heaviside(z, 1)


def softmax(xs: sp.Matrix | list) -> sp.Matrix:
    """S(x)_i = e^{x_i} / Σ_j e^{x_j} for an explicit vector, as a column."""
    xs = list(xs)
    total = sp.Add(*[exp(x) for x in xs])
    return sp.Matrix([exp(x) / total for x in xs])


def define_function(
    name: str,
    *,
    definition: Callable[..., sp.Expr] | None,
    numpy: Callable[..., Any],
    latex: str,
    unicode: str,
    derivative: Callable[..., sp.Expr] | None = None,
    aliases: tuple[str, ...] = (),
    numpy_code: str | None = None,
    kinks: tuple[Kink, ...] = (),
    arity: int = 1,
) -> FunctionRecord:
    """A new named function as one record, with its SymPy class built from it (not yet
    registered: pass it to ``FUNCTIONS.register`` or ``FUNCTIONS.temporary``)."""
    node = type(name, (NamedFunction,), {"nargs": arity, "__doc__": f"{unicode}, defined by its record."})
    return FunctionRecord(name, node, node, arity, latex, unicode, aliases, numpy, numpy_code=numpy_code,
                          definition=definition, derivative=derivative, kinks=kinks)


# --------------------------------------------------------------------------- implementations


FUNCTIONS = FunctionTable()
"""The table every engine reads."""

_R = FunctionRecord  # the table below reads as one record per line group


def _zero_kink(derivative: str) -> tuple[Kink, ...]:
    """A kink at first argument = 0 where the function's value is 0."""
    return (Kink(lambda x, *rest: x, lambda x, *rest: sp.S.Zero, derivative),)


def _tie_kink() -> tuple[Kink, ...]:
    return (Kink(lambda a, b, *rest: a - b, lambda a, b, *rest: a, "not differentiable where the arguments tie"),)


for _record in (
    _R("sigmoid", sigmoid, sigmoid, 1, r"\sigma", "σ", ("σ",), st.np_sigmoid,
       numpy_code="np.exp(-np.logaddexp(0, -{w0}))", scalar=st.float_sigmoid,
       definition=lambda x: 1 / (1 + exp(-x)), derivative=lambda x: sigmoid(x) * (1 - sigmoid(x))),
    _R("softplus", softplus, softplus, 1, r"\operatorname{softplus}", "softplus", (), lambda x: np.logaddexp(0.0, x),
       numpy_code="np.logaddexp(0, {x0})", scalar=st.float_softplus,
       definition=lambda x: log(1 + exp(x)), derivative=sigmoid),
    _R("relu", relu, relu, 1, r"\operatorname{rect}", "rect", ("rect",), lambda x: np.maximum(x, 0.0),
       numpy_code="np.maximum({x0}, 0)", scalar=lambda x: x if x > 0 else 0.0,
       derivative=step, kinks=_zero_kink("rect'(0) := 1{0 > 0} = 0")),
    _R("leaky_relu", leaky_relu, leaky_relu, 2, r"\operatorname{LeakyReLU}", "LeakyReLU", (),
       lambda z, a: np.where(np.asarray(z) >= 0, z, np.multiply(a, z)),
       numpy_code="np.where({w0} >= 0, {w0}, {w1} * {w0})", scalar=lambda z, a: z if z >= 0 else a * z,
       derivative=leaky_relu_prime, kinks=_zero_kink("LeakyReLU'(0) := 1 (the z >= 0 branch)")),
    # step builds Heaviside(x, 0); other values at 0 (Heaviside(x, 1)) are the same node class,
    # printed by the printers' own Heaviside methods, which show the value at 0.
    _R("step", step, sp.Heaviside, 2, r"\mathbf{1}", "1", ("heaviside",), st.np_heaviside, scalar=st.float_heaviside,
       kinks=(Kink(lambda x, h0=0: x, lambda x, h0=0: h0, "not differentiable at 0 (a jump)"),)),
    _R("sign", sp.sign, sp.sign, 1, r"\operatorname{sign}", "sign", (), np.sign,
       numpy_code="np.sign({x0})", scalar=st.float_sign, kinks=_zero_kink("a jump at 0; sign(0) = 0")),
    _R("abs", sp.Abs, sp.Abs, 1, r"\left|\cdot\right|", "|·|", ("Abs",), np.abs,
       numpy_code="np.abs({x0})", scalar=abs, derivative=sp.sign, kinks=_zero_kink("abs'(0) := sign(0) = 0")),
    _R("max", sp.Max, sp.Max, 0, r"\max", "max", (), lambda *xs: functools.reduce(np.maximum, xs),
       scalar=lambda *xs: max(xs), kinks=_tie_kink()),
    _R("min", sp.Min, sp.Min, 0, r"\min", "min", (), lambda *xs: functools.reduce(np.minimum, xs),
       scalar=lambda *xs: min(xs), kinks=_tie_kink()),
    _R("tanh", sp.tanh, sp.tanh, 1, r"\tanh", "tanh", (), np.tanh, scalar=math.tanh,
       definition=lambda x: (exp(x) - exp(-x)) / (exp(x) + exp(-x)), derivative=lambda x: 1 - tanh(x) ** 2),
    _R("sinh", sp.sinh, sp.sinh, 1, r"\sinh", "sinh", (), np.sinh,
       scalar=st.overflow_to_inf(math.sinh, lambda x: math.copysign(math.inf, x)),
       definition=lambda x: (exp(x) - exp(-x)) / 2, derivative=sp.cosh),
    _R("cosh", sp.cosh, sp.cosh, 1, r"\cosh", "cosh", (), np.cosh,
       scalar=st.overflow_to_inf(math.cosh, lambda x: math.inf),
       definition=lambda x: (exp(x) + exp(-x)) / 2, derivative=sp.sinh),
    _R("exp", sp.exp, sp.exp, 1, r"\exp", "exp", (), np.exp, scalar=st.float_exp, derivative=sp.exp),
    _R("log", sp.log, sp.log, 1, r"\log", "ln", ("ln",), np.log, scalar=st.float_log, derivative=lambda x: 1 / x),
    # sqrt builds a power (no node class of its own): listed for its names and its code.
    _R("sqrt", sp.sqrt, None, 1, r"\sqrt", "√", (), np.sqrt, numpy_code="np.sqrt({x0})", scalar=math.sqrt,
       derivative=lambda x: 1 / (2 * sp.sqrt(x))),
):
    FUNCTIONS.register(_record)


class _AliasView(Mapping):
    """A live view of ``FUNCTIONS.aliases()`` (temporary records included)."""

    def __getitem__(self, key: str) -> Callable[..., sp.Expr]:
        return FUNCTIONS.aliases()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(FUNCTIONS.aliases())

    def __len__(self) -> int:
        return len(FUNCTIONS.aliases())


#: The functions a user may name in ``derive check`` and in LaTeX notation files, mapped to
#: the SymPy callables that build them: a view of the records' names and aliases.
SEED_FUNCTIONS: Mapping[str, Callable[..., sp.Expr]] = _AliasView()
