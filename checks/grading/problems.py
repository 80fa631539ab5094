"""Problems a two-layer-network gradient is graded on, and public Hypothesis strategies for them.

A problem is one call ``loss_and_grads(params, X, y, reg)``: W1 (D×H), b1 (H,), W2 (H×C),
b2 (C,), X (N×D), integer labels y (N,) and the penalty strength. The fixed problems are the
course toy problem (the CS231n/HLCV/Sapienza drivers: ``np.random.seed(0)`` for the model with
std 0.1, ``np.random.seed(1)`` for ``X = 10 * randn(5, 4)``, y = [0, 1, 2, 2, 1]), a problem with
nonzero biases, one with exact zeros in the hidden pre-activations (kinks), a square one
(D = H = C, where a term taken from the wrong layer still broadcasts), one with logits of ±1000
the toy's sizes with other values, and the full-size CIFAR-10 problem (N = 200, D = 3072,
H = 100, C = 10).

Drawn problems use multiples of 1/4 (weights and biases in [-1, 1], inputs in [-2, 2]): they are
exact binary floats, so exact zeros in pre-activations occur by themselves, the logits stay
moderate (|z3| ≤ 205, far from exp's overflow at 709), and a shrunk counterexample is a handful
of numbers a student can redo by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # Hypothesis is imported when a strategy is built, not by every grade's start-up
    from hypothesis import strategies as st

__all__ = [
    "PARAMETERS",
    "Problem",
    "biases_problem",
    "fixed_problems",
    "full_size_problem",
    "kinks_problem",
    "large_logits_problem",
    "mlp_problems",
    "square_problem",
    "toy_problem",
    "toy_sizes_problem",
]

#: The parameter names, in the order reports list them.
PARAMETERS: tuple[str, ...] = ("W1", "b1", "W2", "b2")
#: Penalty strengths drawn by default: none, the course's 0.05 and others.
DEFAULT_REGS: tuple[float, ...] = (0.0, 0.05, 0.1, 0.5, 1.0, 1e-3)


@dataclass(frozen=True, eq=False)
class Problem:
    """One input to a gradient implementation, with a name that says where it came from.

    ``finite_differences`` says whether central differences of a loss are meaningful here
    (no pre-activation at or near a kink, logits moderate, small enough to afford).
    """

    name: str
    params: dict[str, np.ndarray]
    X: np.ndarray
    y: np.ndarray
    reg: float
    finite_differences: bool = False
    tags: tuple[str, ...] = field(default=())

    @property
    def sizes(self) -> dict[str, int]:
        return {
            "N": self.X.shape[0],
            "D": self.X.shape[1],
            "H": self.params["W1"].shape[1],
            "C": self.params["W2"].shape[1],
        }

    def copy_params(self) -> dict[str, np.ndarray]:
        return {k: np.array(v, dtype=float, copy=True) for k, v in self.params.items()}

    def hidden_preactivation(self) -> np.ndarray:
        return self.X @ self.params["W1"] + self.params["b1"]

    def has_kinks(self) -> bool:
        """True when some hidden pre-activation is exactly 0 (where any subgradient is right)."""
        return bool(np.any(self.hidden_preactivation() == 0.0))

    def size_text(self) -> str:
        s = self.sizes
        return f"N={s['N']}, D={s['D']}, H={s['H']}, C={s['C']}, reg={self.reg:g}"

    def as_arrays(self) -> dict[str, object]:
        """Every input as nested lists (for JSON and for a student to paste)."""
        out: dict[str, object] = {"X": self.X.tolist(), "y": self.y.tolist(), "reg": self.reg}
        out.update({k: self.params[k].tolist() for k in PARAMETERS})
        return out


# ------------------------------------------------------------------------ fixed problems


@functools.lru_cache(maxsize=8)
def toy_problem(reg: float = 0.05) -> Problem:
    """The course toy problem, bit for bit as the course drivers build it."""
    model = np.random.RandomState(0)  # same stream as np.random.seed(0) + np.random.randn
    W1 = 0.1 * model.randn(4, 10)
    W2 = 0.1 * model.randn(10, 3)
    data = np.random.RandomState(1)
    X = 10 * data.randn(5, 4)
    y = np.array([0, 1, 2, 2, 1])
    params = {"W1": W1, "b1": np.zeros(10), "W2": W2, "b2": np.zeros(3)}
    return _frozen(Problem("toy", params, X, y, reg, finite_differences=True, tags=("toy",)))


def _quarters(rng: np.random.RandomState, shape: tuple[int, ...], bound: float) -> np.ndarray:
    k = int(bound * 4)
    return rng.randint(-k, k + 1, size=shape) / 4.0


@functools.lru_cache(maxsize=8)
def biases_problem(seed: int = 0) -> Problem:
    """Nonzero biases and a penalty other than the course's, sizes unlike the toy's."""
    rng = np.random.RandomState(1000 + seed)
    N, D, H, C = 7, 5, 6, 4
    params = {
        "W1": 0.5 * rng.randn(D, H),
        "b1": 0.5 * rng.randn(H),
        "W2": 0.5 * rng.randn(H, C),
        "b2": 0.5 * rng.randn(C),
    }
    X = rng.randn(N, D)
    y = rng.randint(0, C, size=N)
    problem = Problem("nonzero biases", params, X, y, 0.1, finite_differences=True, tags=("biases",))
    return _frozen(problem) if _far_from_kinks(problem) else biases_problem(seed + 1)


@functools.lru_cache(maxsize=8)
def square_problem(seed: int = 0) -> Problem:
    """D = H = C: a term taken from the wrong layer (W2 for W1, z3 for z2) still broadcasts."""
    rng = np.random.RandomState(2000 + seed)
    N, D = 6, 3
    params = {
        "W1": 0.5 * rng.randn(D, D),
        "b1": 0.3 * rng.randn(D),
        "W2": 0.5 * rng.randn(D, D),
        "b2": 0.3 * rng.randn(D),
    }
    X = rng.randn(N, D)
    y = np.arange(N) % D
    problem = Problem("square (D = H = C)", params, X, y, 0.05, finite_differences=True, tags=("square",))
    return _frozen(problem) if _far_from_kinks(problem) else square_problem(seed + 1)


@functools.lru_cache(maxsize=8)
def kinks_problem() -> Problem:
    """Exact zeros in the hidden pre-activations: a zero input row with zero biases, and
    biases that cancel a row exactly (all numbers are multiples of 1/4, so exactly)."""
    rng = np.random.RandomState(3000)
    N, D, H, C = 6, 3, 5, 3
    W1 = _quarters(rng, (D, H), 1.0)
    X = _quarters(rng, (N, D), 2.0)
    X[0] = 0.0
    b1 = np.zeros(H)
    b1[1] = -(X[1] @ W1[:, 1])
    b1[3] = -(X[2] @ W1[:, 3])
    params = {"W1": W1, "b1": b1, "W2": _quarters(rng, (H, C), 1.0), "b2": _quarters(rng, (C,), 1.0)}
    problem = Problem("exact zeros in pre-activations", params, X, np.array([0, 1, 2, 0, 1, 2]), 0.05, tags=("kinks",))
    assert problem.has_kinks()  # the construction guarantees it; a change that breaks it must fail loudly
    return _frozen(problem)


@functools.lru_cache(maxsize=8)
def large_logits_problem() -> Problem:
    """Rows of logits near +1000 and rows near -1000, each row spread over a few units.

    Without the max-shift exp overflows (+1000: inf/inf = NaN) or underflows (-1000: 0/0);
    with it everything is finite. The spread within a row stays small so that log P of the
    true class is moderate: a stable softmax followed by log P is not penalised here.
    The large values sit in X (x0 = 2000 feeds hidden unit 0 with weight 1), not in the
    weights, so the penalty stays moderate.
    """
    rng = np.random.RandomState(4000)
    N, D, H, C = 4, 3, 4, 3
    X = 0.5 * rng.randn(N, D)
    X[:, 0] = [2000.0, 0.0, 2000.0, 0.0]
    W1 = 0.5 * rng.randn(D, H)
    W1[0, :] = [1.0, 0.0, 0.0, 0.0]
    W2 = 0.5 * rng.randn(H, C)
    W2[0, :] = 1.0
    params = {"W1": W1, "b1": 0.1 * rng.randn(H), "W2": W2, "b2": -1000.0 + 0.3 * rng.randn(C)}
    return _frozen(Problem("logits of ±1000", params, X, np.array([0, 1, 2, 1]), 0.05, tags=("large-logits",)))


@functools.lru_cache(maxsize=8)
def full_size_problem(seed: int = 0) -> Problem:
    """The CIFAR-10 size of the course (N = 200, D = 3072, H = 100, C = 10)."""
    rng = np.random.RandomState(5000 + seed)
    N, D, H, C = 200, 3072, 100, 10
    params = {
        "W1": 1e-2 * rng.randn(D, H),
        "b1": 1e-2 * rng.randn(H),
        "W2": 1e-1 * rng.randn(H, C),
        "b2": 1e-2 * rng.randn(C),
    }
    X = rng.randn(N, D)
    return _frozen(Problem("full size", params, X, rng.randint(0, C, size=N), 0.05, tags=("full-size",)))


@functools.lru_cache(maxsize=8)
def toy_sizes_problem(seed: int = 0) -> Problem:
    """The toy's sizes (N = 5, D = 4, H = 10, C = 3) with other values: nonzero biases and
    reg = 0.1. A submission right here and on the toy but wrong at other sizes depends on the
    sizes, not on the values: a hard-coded shape."""
    rng = np.random.RandomState(6000 + seed)
    params = {
        "W1": 0.3 * rng.randn(4, 10),
        "b1": 0.3 * rng.randn(10),
        "W2": 0.3 * rng.randn(10, 3),
        "b2": 0.3 * rng.randn(3),
    }
    problem = Problem(
        "toy sizes, other values", params, rng.randn(5, 4), np.array([2, 0, 1, 1, 0]), 0.1, tags=("toy-sizes",)
    )
    return _frozen(problem) if _far_from_kinks(problem) else toy_sizes_problem(seed + 1)


def _frozen(problem: Problem) -> Problem:
    """A fixed problem is built once per process and shared by every grade (so are the
    reference results cached on it): its arrays are made read-only, so that no grade can
    change what the next one sees. Runners always get copies."""
    for array in (problem.X, problem.y, *problem.params.values()):
        array.setflags(write=False)
    return problem


def fixed_problems() -> list[Problem]:
    """Every fixed problem except the toy and the full-size one, in grading order."""
    return [toy_sizes_problem(), biases_problem(), square_problem(), kinks_problem(), large_logits_problem()]


def _far_from_kinks(problem: Problem, margin: float = 1e-2) -> bool:
    return bool(np.all(np.abs(problem.hidden_preactivation()) > margin))


# ------------------------------------------------------------------------ strategies


def _check_bounds(name: str, low: int, high: int, floor: int) -> None:
    for label, value in ((f"min_{name}", low), (f"max_{name}", high)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{label}={value!r} must be an integer")
    if low < floor:
        raise ValueError(f"min_{name}={low} must be at least {floor}")
    if low > high:
        raise ValueError(f"min_{name}={low} is larger than max_{name}={high}")


def _block(draw, rows: int, cols: int, shape: tuple[int, ...], bound: float) -> np.ndarray:
    """Multiples of 1/4 in ±bound, the top-left block ``shape`` of a rows × cols draw.

    The whole block is ONE Hypothesis choice (a byte string), not one per entry: drawing and
    shrinking hundreds of separate integers made Hypothesis itself the slowest part of a
    grade. It is drawn at the largest sizes and sliced, so when the shrinker makes N, D, H
    or C smaller the entries that remain keep their values and the failure usually survives.
    Byte b maps to 0, +1/4, -1/4, +2/4, -2/4, ... so shrinking bytes shrinks entries to 0.
    """
    k = int(round(bound * 4))
    from hypothesis import strategies as st

    raw = np.frombuffer(draw(st.binary(min_size=rows * cols, max_size=rows * cols)), dtype=np.uint8).astype(int)
    index = raw.reshape(rows, cols) % (2 * k + 1)
    magnitude = (index + 1) // 2
    values = np.where(index % 2 == 1, magnitude, -magnitude) / 4.0
    if len(shape) == 1:
        return values[0, : shape[0]].copy()
    return values[: shape[0], : shape[1]].copy()


def mlp_problems(
    *,
    min_n: int = 1,
    max_n: int = 12,
    min_d: int = 1,
    max_d: int = 8,
    min_h: int = 1,
    max_h: int = 12,
    min_c: int = 2,
    max_c: int = 6,
    regs: Sequence[float] = DEFAULT_REGS,
    weight_bound: float = 1.0,
    input_bound: float = 2.0,
) -> st.SearchStrategy[Problem]:
    """Problems for a two-layer ReLU network with a softmax cross-entropy loss.

    Arguments (all keyword-only):
      min_n=1, max_n=12: batch size N.     min_d=1, max_d=8: input size D.
      min_h=1, max_h=12: hidden size H.    min_c=2, max_c=6: number of classes C.
      regs=(0.0, 0.05, 0.1, 0.5, 1.0, 0.001): penalty strengths to choose from.
      weight_bound=1.0, input_bound=2.0: entries are multiples of 1/4 in ±bound.

    Biases are drawn like weights (so usually nonzero); exact zeros in pre-activations occur
    often, which is where a grader must accept any subgradient.

    Example::

        from hypothesis import given
        from derive.checks.grading.problems import mlp_problems

        @given(mlp_problems(max_n=4, max_c=3))
        def test_my_gradients(problem):
            loss, grads = my_loss_and_grads(problem.copy_params(), problem.X, problem.y, problem.reg)
    """
    _check_bounds("n", min_n, max_n, 1)
    _check_bounds("d", min_d, max_d, 1)
    _check_bounds("h", min_h, max_h, 1)
    _check_bounds("c", min_c, max_c, 2)
    regs = tuple(regs)
    if not regs:
        raise ValueError("regs=() must hold at least one penalty strength")
    for r in regs:
        if not isinstance(r, (int, float)) or isinstance(r, bool) or not np.isfinite(r) or r < 0:
            raise ValueError(f"regs contains {r!r}; penalty strengths must be finite numbers >= 0")
    for label, bound in (("weight_bound", weight_bound), ("input_bound", input_bound)):
        if not isinstance(bound, (int, float)) or not 0.25 <= bound <= 16:
            raise ValueError(f"{label}={bound!r} must be a number between 0.25 and 16")

    from hypothesis import strategies as st

    @st.composite
    def build(draw) -> Problem:
        N = draw(st.integers(min_n, max_n))
        D = draw(st.integers(min_d, max_d))
        H = draw(st.integers(min_h, max_h))
        C = draw(st.integers(min_c, max_c))
        params = {
            "W1": _block(draw, max_d, max_h, (D, H), weight_bound),
            "b1": _block(draw, 1, max_h, (H,), weight_bound),
            "W2": _block(draw, max_h, max_c, (H, C), weight_bound),
            "b2": _block(draw, 1, max_c, (C,), weight_bound),
        }
        X = _block(draw, max_n, max_d, (N, D), input_bound)
        labels = np.frombuffer(draw(st.binary(min_size=max_n, max_size=max_n)), dtype=np.uint8)
        y = (labels[:N].astype(int) % C).astype(int)
        reg = draw(st.sampled_from(regs))
        return Problem("drawn", params, X, y, float(reg), tags=("drawn",))

    return build()
