"""Numeric property checks: both sides on Hypothesis-drawn inputs, and finite differences.

An identity passes when, on every drawn example (sizes included), each entry satisfies

    |lhs − rhs| ≤ ATOL + RTOL · max(|lhs|, |rhs|)        (ATOL = RTOL = 1e-8)

and, for a derivative claim, the right side agrees with central finite differences of the
differentiated function (h = 1e-6 · max(1, |w|)) within FD_ATOL + FD_RTOL · |rhs|
(both 1e-5). Finite differences never see SymPy's ``diff``: they are the independent oracle.

Draws avoid kinks: scalars stated "nonzero" are at least 0.1 away from 0, and the claim's
``avoid_zero`` expressions (pre-activations) must be at least 1e-3 away from 0, so a central
difference never straddles one. A failure returns Hypothesis's shrunk example. Runs are
deterministic for a given seed (``derandomize`` with the seed folded into the database key).
"""

from __future__ import annotations

import functools
import math
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp
from derive.checks.proof.sample_domains import positive_by_domain
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import seed as hyp_seed
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import Unsatisfiable

from derive.functions import FUNCTIONS
from derive.identity import Claim, Identity, Value, Variable

ATOL = RTOL = 1e-8
FD_ATOL = FD_RTOL = 1e-5
FD_STEP = 1e-6
KINK_MARGIN = 1e-3


@dataclass(frozen=True)
class NumericResult:
    status: str  # "passed" | "failed"
    examples: int
    max_error: float
    counterexample: dict[str, Any] | None = None
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "examples": self.examples,
            "max_error": _finite(self.max_error),
            "counterexample": self.counterexample,
        }


def _finite(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


# ------------------------------------------------------------------- evaluation with NumPy


def _lambdify(symbols: list[sp.Symbol], expr: Value) -> Callable[..., np.ndarray]:
    """Compile for float evaluation: derive.checks.proof.dag_eval walks the expression DAG once (ms per
    size; lambdify's printing + cse took ~1 s per batch-gradient size, 37 of the 43 s of a
    whole `derive verify`), falling back to lambdify for nodes it does not know."""
    from derive.checks.proof.dag_eval import compile_dag

    return compile_dag(symbols, expr, fallback=_lambdify_numpy)


def _lambdify_numpy(symbols: list[sp.Symbol], expr: Value) -> Callable[..., np.ndarray]:
    if isinstance(expr, sp.MatrixBase):
        expr = sp.Matrix(expr)
    fn = sp.lambdify(symbols, expr, modules=[dict(FUNCTIONS.numpy_namespace()), "numpy"], cse=True)
    # dtype=float raises TypeError on a complex value instead of silently keeping it.
    return lambda *args: np.asarray(fn(*args), dtype=float)


# ----------------------------------------------------------------------- drawing values


# Strategies are built once per (domain, shape): Hypothesis validates every new strategy
# object (and reads the source of its lambdas), which cost more than drawing from it.


@functools.cache
def _float_strategy(domain: str, kink: bool) -> st.SearchStrategy[float]:
    magnitudes = st.floats(min_value=0.1, max_value=4.0, allow_nan=False)
    if domain == "positive":
        return magnitudes
    if domain == "unit-interval":
        return st.floats(min_value=0.05, max_value=0.95)
    if domain == "nonzero":
        return st.tuples(st.sampled_from((1.0, -1.0)), magnitudes).map(lambda t: t[0] * t[1])
    base = st.floats(min_value=-4.0, max_value=4.0, allow_nan=False)
    return st.one_of(st.just(0.0), base) if kink else base


def _assignment(identity: Identity) -> st.SearchStrategy[tuple[dict[str, int], dict[str, Any]]]:
    """Sizes (one of the identity's), then every variable's values at those sizes."""
    return _assignment_of(list(identity.sizes()), identity.variables)


def _assignment_of(
    size_list: list[dict[str, int]], variables: tuple[Variable, ...]
) -> st.SearchStrategy[tuple[dict[str, int], dict[str, Any]]]:
    size_strategy = st.sampled_from(size_list)

    @st.composite
    def assignment(draw) -> tuple[dict[str, int], dict[str, Any]]:
        sizes = draw(size_strategy)
        key = tuple(sorted(sizes.items()))
        return sizes, {var.name: draw(_variable_values(var, key)) for var in variables}

    return assignment()


@functools.cache
def _variable_values(var: Variable, size_key: tuple[tuple[str, int], ...]) -> st.SearchStrategy[Any]:
    if not var.shape:
        return _float_strategy(var.domain, var.kink)
    sizes = dict(size_key)
    rows = sizes[var.shape[0]]
    cols = sizes[var.shape[1]] if len(var.shape) > 1 else 1
    if var.domain == "onehot-rows":
        if len(var.shape) == 1:
            # A vector is one label among `rows` classes.
            return st.integers(0, rows - 1).map(lambda label: [label])
        return st.lists(st.integers(0, cols - 1), min_size=rows, max_size=rows)
    entry = _float_strategy(var.domain, False)
    # One flat tuple of entries, row by row: a third of the drawing cost of nested lists,
    # which was most of the sampler's time. ``_show_raw`` gives the rows back for reports.
    return st.tuples(*([entry] * (rows * cols))).map(lambda flat: _Entries(flat, cols))


class _Entries(tuple):
    """A matrix's drawn entries, flat and row by row, with its number of columns."""

    cols: int

    def __new__(cls, flat: tuple[float, ...], cols: int) -> _Entries:
        out = super().__new__(cls, flat)
        out.cols = cols
        return out

    def rows(self) -> list[list[float]]:
        return [list(self[k:k + self.cols]) for k in range(0, len(self), self.cols)]


def _bind(var: Variable, symbolic: Value, raw: Any, sizes: Mapping[str, int]) -> dict[sp.Symbol, float]:
    """Symbol → float for one variable's drawn value."""
    if not var.shape:
        return {symbolic: raw} if isinstance(symbolic, sp.Symbol) else {}
    if var.domain == "onehot-rows":
        # Only the free entries are symbols (the last of each label is 1 − Σ the others).
        matrix = symbolic.T if len(var.shape) == 1 else symbolic
        out = {}
        for i, label in enumerate(raw):
            for j in range(matrix.shape[1] - 1):
                out[matrix[i, j]] = 1.0 if j == label else 0.0
        return out
    return dict(zip(symbolic, raw, strict=True))  # both row by row


def _show_raw(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Drawn values as a person reads them: a matrix as its list of rows."""
    return {k: v.rows() if isinstance(v, _Entries) else v for k, v in raw.items()}


# ----------------------------------------------------------------------- compiled claims


@dataclass
class _Compiled:
    symbols: list[sp.Symbol]
    #: (lhs, rhs, the avoid_zero values or None) at one point, from one shared program.
    sides: Callable[..., list[np.ndarray]]
    function: Callable[..., np.ndarray] | None
    wrt_positions: list[int]
    claim: Claim


def _compile(claim: Claim) -> _Compiled:
    from derive.checks.proof.dag_eval import compile_dags

    symbols: set[sp.Symbol] = set()
    for value in claim.values.values():
        symbols |= value.free_symbols if hasattr(value, "free_symbols") else set()
    ordered = sorted(symbols, key=str)
    function = wrt_positions = None
    if claim.function is not None and claim.wrt is not None:
        function = _lambdify(ordered, claim.function)
        wrt = list(claim.wrt) if isinstance(claim.wrt, sp.MatrixBase) else [claim.wrt]
        wrt_positions = [ordered.index(w) for w in wrt]
    exprs = [claim.lhs, claim.rhs] + ([sp.Matrix(list(claim.avoid_zero))] if claim.avoid_zero else [])
    joint = compile_dags(ordered, exprs, fallback=_lambdify_numpy)
    sides = joint if claim.avoid_zero else (lambda *args: [*joint(*args), None])
    return _Compiled(ordered, sides, function, wrt_positions or [], claim)


def _entry_error(a: np.ndarray, b: np.ndarray, atol: float, rtol: float) -> float:
    """Largest error in units of the tolerance (≤ 1 passes); inf for a shape mismatch."""
    a, b = np.atleast_1d(a).astype(float), np.atleast_1d(b).astype(float)
    if a.shape != b.shape:
        return math.inf
    bound = atol + rtol * np.maximum(np.abs(a), np.abs(b))
    return float(np.max(np.abs(a - b) / bound)) if a.size else 0.0


def _fd_gradient(c: _Compiled, args: list[float], shape: tuple[int, ...]) -> np.ndarray:
    """Central differences of ``function`` in the layout of the right side: the shape of
    ``wrt`` for a scalar function, the Jacobian J[i, j] = ∂fᵢ/∂wⱼ for a vector function."""
    columns = []
    for pos in c.wrt_positions:
        h = FD_STEP * max(1.0, abs(args[pos]))
        up, down = list(args), list(args)
        up[pos] += h
        down[pos] -= h
        columns.append(np.ravel((c.function(*up) - c.function(*down)) / (2 * h)))
    jacobian = np.stack(columns, axis=1)  # rows: entries of f, columns: entries of wrt
    # A size mismatch is returned as is: _entry_error then reports it as a failure.
    return jacobian.reshape(shape) if jacobian.size == int(np.prod(shape)) else jacobian


# ----------------------------------------------------------------------- the checks

_LOCK = threading.Lock()  # Hypothesis' global state is not re-entrant across threads.


class _Checker:
    """One identity's evaluation at drawn points: its compiled claims by sizes, and what it
    has seen (examples, largest absolute error, the failing example)."""

    def __init__(self, identity: Identity) -> None:
        self.identity = identity
        self.cache: dict[tuple, _Compiled] = {}
        self.state: dict[str, Any] = {"n": 0, "max": 0.0, "failure": None}

    def compiled(self, sizes: Mapping[str, int]) -> _Compiled:
        key = tuple(sorted(sizes.items()))
        if key not in self.cache:
            self.cache[key] = _compile(self.identity.instantiate(sizes))
        return self.cache[key]

    def evaluate(self, sizes: Mapping[str, int], raw: Mapping[str, Any]) -> tuple | None:
        """(lhs, rhs, error, finite-difference error) at the point, or None at a kink."""
        c = self.compiled(sizes)
        point: dict[sp.Symbol, float] = {}
        for var in self.identity.variables:
            point.update(_bind(var, c.claim.values[var.name], raw[var.name], sizes))
        args = [point.get(s, 0.0) for s in c.symbols]
        with np.errstate(all="ignore"):
            lhs, rhs, avoid = c.sides(*args)
            if avoid is not None and not bool(np.all(np.abs(avoid) >= KINK_MARGIN)):
                return None
            err = _entry_error(lhs, rhs, ATOL, RTOL)
            fd_err = 0.0
            if c.function is not None:
                fd = _fd_gradient(c, args, np.shape(rhs))
                fd_err = _entry_error(fd, np.asarray(rhs, dtype=float), FD_ATOL, FD_RTOL)
        return lhs, rhs, err, fd_err

    def record(self, sizes: Mapping[str, int], raw: Mapping[str, Any], evaluated: tuple) -> bool:
        """Count one example; False (and the example kept) when it fails."""
        lhs, rhs, err, fd_err = evaluated
        state = self.state
        state["n"] += 1
        same = np.shape(lhs) == np.shape(rhs)
        abs_err = float(np.max(np.abs(np.ravel(lhs) - np.ravel(rhs)))) if same else math.inf
        state["max"] = max(state["max"], abs_err if not math.isnan(abs_err) else math.inf)
        if max(err, fd_err) <= 1.0:
            return True
        state["failure"] = {
            "sizes": dict(sizes),
            "inputs": _show_raw({v.name: raw[v.name] for v in self.identity.variables}),
            "lhs": np.ravel(lhs).tolist(),
            "rhs": np.ravel(rhs).tolist(),
            "check": "finite differences" if fd_err > err else "both sides",
        }
        return False


def check_identity(identity: Identity, *, examples: int = 40, seed: int = 0) -> NumericResult:
    """Both sides (and finite differences) on Hypothesis-drawn sizes and values."""
    return _check_alone(_Checker(identity), examples, seed)


def _check_alone(checker: _Checker, examples: int, seed: int) -> NumericResult:
    checker.state = {"n": 0, "max": 0.0, "failure": None}

    def run(drawn) -> None:
        sizes, raw = drawn
        evaluated = checker.evaluate(sizes, raw)
        assume(evaluated is not None)
        if not checker.record(sizes, raw, evaluated):
            raise AssertionError("sides differ")

    strategy = _assignment(checker.identity)
    return _run_property(given(strategy)(run), examples, seed, checker.state, "no valid inputs could be drawn")


def share_key(identity: Identity) -> tuple:
    """Identities with equal keys draw from the same sizes, and a variable of the same name
    is drawn the same way in both (``can_share``), so one drawn example serves them all."""
    return tuple(tuple(sorted(sizes.items())) for sizes in identity.sizes())


def can_share(group: list[Identity], identity: Identity) -> bool:
    if share_key(group[0]) != share_key(identity):
        return False
    drawn = {v.name: v for member in group for v in member.variables}
    return all(drawn.get(v.name, v) == v for v in identity.variables)


def check_identities(identities: list[Identity], *, examples: int = 40, seed: int = 0) -> list[NumericResult]:
    """Identities that ``can_share`` their inputs, checked on ONE Hypothesis run: every drawn
    example (the union of their variables) is evaluated for each identity, so each still
    gets ``examples`` examples and its own largest error, at a fraction of the drawing cost
    (Hypothesis's drawing was most of the sampler's time). An example at any member's kink
    is skipped for all. An identity that fails is checked again alone, so Hypothesis shrinks
    its counterexample."""
    if len(identities) <= 1 or not all(can_share(identities[:k], i) for k, i in enumerate(identities) if k):
        return [check_identity(i, examples=examples, seed=seed) for i in identities]
    checkers = [_Checker(i) for i in identities]
    variables = tuple({v.name: v for i in identities for v in i.variables}.values())

    def run(drawn) -> None:
        sizes, raw = drawn
        evaluated = [c.evaluate(sizes, raw) for c in checkers]
        assume(all(e is not None for e in evaluated))
        for checker, e in zip(checkers, evaluated, strict=True):
            checker.record(sizes, raw, e)

    strategy = _assignment_of(list(identities[0].sizes()), variables)
    shared = _run_property(given(strategy)(run), examples, seed, {"n": 0, "max": 0.0, "failure": None}, "")
    out = []
    for c in checkers:
        if shared.status == "passed" and c.state["failure"] is None:
            out.append(NumericResult("passed", c.state["n"], c.state["max"]))
        else:
            out.append(_check_alone(c, examples, seed))
    return out


def _symbol_strategy(s: sp.Symbol, positive: bool = False) -> st.SearchStrategy[float]:
    """Values within a symbol's assumptions: sign, and whether 0 is allowed (``positive``: the
    claim's own log or root of it, see sample_domains)."""
    if s.is_positive or (positive and not s.is_nonpositive):
        return _float_strategy("positive", False)
    if s.is_negative:
        return _float_strategy("positive", False).map(lambda v: -v)
    if s.is_nonnegative:
        return st.one_of(st.just(0.0), _float_strategy("positive", False))
    if s.is_nonpositive:
        return st.one_of(st.just(0.0), _float_strategy("positive", False).map(lambda v: -v))
    if s.is_nonzero:
        return _float_strategy("nonzero", False)
    return _float_strategy("real", False)


class _FloatsUnreliable(BaseException):
    """Ends a Hypothesis run at once, without shrinking (Hypothesis shrinks every Exception):
    floating point kept disagreeing where exact evaluation found no difference."""


#: exact re-evaluations of float differences per run before the floats are given up on
MOST_CLEARED = 5


def sample_compare(
    lhs: sp.Expr,
    rhs: sp.Expr,
    symbols: Mapping[str, sp.Symbol],
    *,
    examples: int = 100,
    seed: int = 0,
    still_differs: Callable[[dict[str, float]], bool] | None = None,
) -> NumericResult:
    """Both sides of an ad-hoc scalar claim on Hypothesis-drawn values of its symbols,
    within each symbol's assumptions (positive, nonzero or real).

    ``still_differs(values)`` (the caller's exact evaluation) is asked about float
    differences until one is confirmed: a point it clears (log(1 - σ(z)) cancelling in
    floats, a point outside a side's domain) is no evidence and is not counted, so sampling
    goes on instead of Hypothesis shrinking a difference that is not there, which took
    minutes on sums of logs. After MOST_CLEARED cleared points the run ends, failed, with no
    confirmed counterexample; the first confirmed one is kept beside the shrunk one
    (``confirmed_inputs``), as floats may shrink to a point exact evaluation clears."""
    names = sorted(symbols)
    ordered = [symbols[n] for n in names]
    f_lhs, f_rhs = _lambdify(ordered, lhs), _lambdify(ordered, rhs)
    state: dict[str, Any] = {"n": 0, "max": 0.0, "failure": None, "confirmed": None, "cleared": 0, "outside": 0}

    positive = positive_by_domain((lhs, rhs))
    strategy = st.fixed_dictionaries({n: _symbol_strategy(symbols[n], symbols[n] in positive) for n in names})

    def run(values: dict[str, float]) -> None:
        args = [values[n] for n in names]
        try:
            with np.errstate(all="ignore"):
                a, b = f_lhs(*args), f_rhs(*args)
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            # A side that is not real (or not defined) at this point says nothing either way.
            _outside(state, examples)
        if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
            _outside(state, examples)
        err = _entry_error(a, b, ATOL, RTOL)
        failure = None
        if not err <= 1.0:
            failure = {"inputs": dict(values), "lhs": np.ravel(a).tolist(), "rhs": np.ravel(b).tolist()}
            if still_differs is not None and state["confirmed"] is None:
                _confirm_or_skip(failure, state, still_differs)
        state["n"] += 1
        same_shape = np.shape(a) == np.shape(b)
        state["max"] = max(state["max"], float(np.max(np.abs(np.ravel(a) - np.ravel(b)))) if same_shape else math.inf)
        if failure is not None:
            state["failure"] = {**failure, "confirmed_inputs": (state["confirmed"] or {}).get("inputs")}
            raise AssertionError("sides differ")

    return _run_property(given(strategy)(run), examples, seed, state, "no finite values could be drawn")


class _NothingDrawn(BaseException):
    """Ends a Hypothesis run at once: every draw so far fell outside the claim's domain."""


def _outside(state: dict[str, Any], examples: int) -> None:
    """A draw outside a side's domain: Hypothesis draws another, but once 3 × ``examples``
    (at least 100) draws in a row have found no point where both sides are real, the run ends
    as Hypothesis' own Unsatisfiable would, without the ten-fold budget it spends first
    (seconds per claim on sums of logs, always to the same end)."""
    state["outside"] += 1
    if state["n"] == 0 and state["outside"] >= max(100, 3 * examples):
        raise _NothingDrawn
    assume(False)


def _confirm_or_skip(failure: dict[str, Any], state: dict[str, Any], still_differs: Callable[..., bool]) -> None:
    """Keep a float difference the exact evaluation confirms; skip one it clears (Hypothesis
    draws another point); end the run when too many were cleared (_FloatsUnreliable)."""
    if state["cleared"] >= MOST_CLEARED:
        state["failure"] = failure
        raise _FloatsUnreliable
    if not still_differs(dict(failure["inputs"])):
        state["cleared"] += 1
        assume(False)
    state["confirmed"] = failure


def _run_property(
    test: Callable[[], None], examples: int, seed: int, state: dict[str, Any], unsatisfiable: str
) -> NumericResult:
    """Run a Hypothesis property that records into ``state`` and raises AssertionError on a
    failure; Hypothesis replays the shrunk failing example last, so ``state["failure"]``
    holds the shrunk counterexample when it returns."""
    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=(Phase.generate, Phase.shrink),
        print_blob=False,
    )(test)
    test = hyp_seed(seed)(test)
    with _LOCK:
        # database=None keeps no examples, but Hypothesis still caches the constants it reads
        # from local source files under its home directory, ./.hypothesis by default: point it
        # at a per-user cache for the run, never at the user's working directory.
        set_hypothesis_home_dir(None if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY") else hypothesis_home())
        try:
            test()
        except AssertionError:
            return NumericResult("failed", state["n"], state["max"], state["failure"])
        except _FloatsUnreliable:
            why = f"floats differed at {state['cleared']} points where exact evaluation found no difference"
            return NumericResult("failed", state["n"], state["max"], state["failure"], why)
        except (Unsatisfiable, _NothingDrawn):
            return NumericResult("failed", state["n"], state["max"], None, unsatisfiable)
        finally:
            set_hypothesis_home_dir(None)  # back to Hypothesis' own default for anyone else
    return NumericResult("passed", state["n"], state["max"])


def hypothesis_home() -> Path:
    """Where the sampler lets Hypothesis keep its caches: $XDG_CACHE_HOME/derive/hypothesis
    (~/.cache/derive/hypothesis); HYPOTHESIS_STORAGE_DIRECTORY, when set, wins."""
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "derive" / "hypothesis"
