r"""Steps of a worked example that compute with the matrices the document gave its names.

``x = \begin{bmatrix} 1 \\ 2 \end{bmatrix}``, ``W_1 = \begin{bmatrix} 0.1 & 0.2 \\ 0.3 & -0.4
\end{bmatrix}``, then ``W_1 x = \begin{bmatrix} 0.5 \\ -0.5 \end{bmatrix}`` or ``z_1 = \sigma(s_1) =
\begin{bmatrix} 0.646 \\ 0.401 \end{bmatrix}``: the matrix judge samples W_1 and x at sizes and values
of its own, so such a step differs from its numbers by that choice alone and stays unjudged. Read as
the document means it, each name is the matrix it was last given before the step
(matrix_values.document_matrices; a scalar such as the rate η from numeric_values), both sides are
evaluated with those values (tensor_eval, activations entry-wise), and compared entry by entry.

How close is equal: the numbers are read exactly as written, and each written number may be a
rounding of the value meant (an earlier result, 0.646 for σ(0.6) = 0.64566…), so each is moved by half
a unit of its last written place and what that moves each entry of each side is summed (first order):
that is the slack the rounding explains. A whole number written in a step or given to a name is exact.

- ``ok`` when every entry agrees within that slack (a printed value rounded to the digits written);
- ``wrong`` when an entry differs by more than ten times the slack (and by more than 1e-9), with every
  value each name had before the step (the first and each update, and an update written on a marked
  name, W' or W^{new}); the counterexample names the entry and both values;
- otherwise ``inconclusive``, saying by how much (a value truncated, not rounded; an update read
  otherwise).

Only steps left unparsed or inconclusive, with ``=``, under no condition, holding a matrix (a value
of more than one entry) and at least one number written in the step are tried; every name in them must
have a value; no derivative, sum, case or function the document does not define (an activation the
judge would stand in for) may appear. Shapes that do not fit, or a side that is the other's transpose
(a row written for a column), stay as they were, saying so. A step that writes a name alone against
numbers alone (``s_1 = \begin{bmatrix} … \end{bmatrix}``) gives the name a value and is not judged here.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import fields, is_dataclass, replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from derive.checks.latex.entrywise_activations import is_activation
from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.matrix_values import MatrixValue, compound_key, document_matrices, values_before
from derive.checks.latex.normalize import Notation
from derive.checks.latex.numeric_values import DECIMALS
from derive.checks.latex.results import StepResult
from derive.checks.latex.tensor_eval import Evaluator, NotJudged, World
from derive.checks.latex.tensor_ops import Dual, scalar
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Add, Call, Mul, Neg, Node, Num, Pow, Sym, Transpose, all_nodes
from derive.checks.latex.unread_matrices import Position, without_stale_values

__all__ = [
    "JUDGED_AGAIN", "compound_key", "example_values", "judge_with_values", "judge_worked_matrices",
    "plain_computation", "second_opinion", "with_compound_names",
]  # fmt: skip

_METHOD = "worked matrices"
#: beyond the slack the rounding explains, up to this many times it the step is inconclusive
_BAND = 2
#: value combinations tried before a step is called wrong (each name's earlier values)
_MOST_COMBINATIONS = 32
#: the nodes a computed step is made of; anything else (a derivative, a sum, cases) is not tried
_PLAIN = (Add, Mul, Neg, Num, Pow, Sym, Transpose, Call, Literal)
def with_compound_names(node: Any, keys: set[str]) -> Any:
    """``node`` with each part that is a name with a value (compound_key) made one Sym."""
    if isinstance(node, tuple):
        return tuple(with_compound_names(item, keys) for item in node)
    if not isinstance(node, Node) or not is_dataclass(node):
        return node
    key = compound_key(node)
    if key is not None and key in keys and not isinstance(node, Sym):
        return Sym(key, key, "")
    changed = {f.name: with_compound_names(getattr(node, f.name), keys) for f in fields(node)}
    return replace(node, **changed)


class _Nudged(Evaluator):
    """An evaluator that moves one written number (by its node's identity) by ``delta``."""

    def __init__(self, world: World, target: int, delta: float) -> None:
        super().__init__(world)
        self.target, self.delta = target, delta

    def _ev_Num(self, node: Num) -> Dual:
        value = float(node.value) + (self.delta if id(node) == self.target else 0.0)
        return scalar(value)


def _num_unit(value: Fraction, coarsest: float) -> float:
    """Half the rounding of a number written in the step: none for a whole number other than 0."""
    if value.denominator == 1 and value != 0:
        return 0.0
    return coarsest / 2


def _coarsest_unit(text: str) -> float:
    """One unit of the coarsest decimal place written in the step's text (0 with no decimals)."""
    places = [len(m.group(1)) for m in DECIMALS.finditer(text)]
    return 10.0 ** -min(places) if places else 0.0


def _world(values: dict[str, MatrixValue | Any]) -> World:
    leaves = {name: Dual(np.array([[float(x) for x in row] for row in v.grid])) for name, v in values.items()}
    return World(sizes={}, leaves=leaves, definitions={})


def _evaluate(side: Node, world: World) -> np.ndarray | None:
    try:
        value = Evaluator(world).ev(side)
    except (NotJudged, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
        return None
    return value.v if np.all(np.isfinite(value.v)) else None


def _slack(side: Node, world: World, values: dict[str, MatrixValue], coarsest: float, base: np.ndarray) -> np.ndarray:
    """What half a unit of each written number moves each entry of ``side`` by, summed."""
    total = np.zeros_like(base)
    for node in all_nodes(side):
        if isinstance(node, Num) and (half := _num_unit(node.value, coarsest)):
            moved = _moved(_Nudged(world, id(node), half), side)
            total = total + (np.abs(moved - base) if moved is not None else np.inf)
    used = {n.full for n in all_nodes(side) if isinstance(n, Sym)}
    for name in sorted(used & set(values)):
        value = values[name]
        grid = world.leaves[name].v
        for (i, j), unit in np.ndenumerate(np.array([[float(u) for u in row] for row in value.units])):
            if unit == 0:
                continue
            nudged = grid.copy()
            nudged[i, j] += unit / 2
            moved = _evaluate(side, World({}, {**world.leaves, name: Dual(nudged)}, {}))
            total = total + (np.abs(moved - base) if moved is not None else np.inf)
    return total


def _moved(ev: Evaluator, side: Node) -> np.ndarray | None:
    try:
        return ev.ev(side).v
    except (NotJudged, ArithmeticError, ValueError, TypeError, IndexError, RecursionError):
        return None


def plain_computation(sides: tuple[Node, Node], notation: Notation) -> bool:
    """Every part a plain computation, and every function one the judge computes as written."""
    for node in all_nodes(sides):
        if not isinstance(node, _PLAIN):
            return False
        if isinstance(node, Call) and (is_activation(node.fn) or ":" in node.fn or node.prime):
            return False
    return True


def _outcome(sides: tuple[Node, Node], values: dict[str, MatrixValue], coarsest: float) -> tuple[str, str] | None:
    """("ok" | "wrong" | "inconclusive" | "transposed" | "shape", detail) with these values, or None
    when a side is not evaluated."""
    world = _world(values)
    left, right = _evaluate(sides[0], world), _evaluate(sides[1], world)
    if left is None or right is None:
        return None
    if world.flags.get("ambiguous") or world.flags.get("orientation"):
        return None
    if left.shape != right.shape:
        if left.shape == right.T.shape and left.size > 1:
            return "transposed", f"a {left.shape[0]}×{left.shape[1]} against a {right.shape[0]}×{right.shape[1]}"
        return "shape", f"a {left.shape[0]}×{left.shape[1]} against a {right.shape[0]}×{right.shape[1]}"
    slack = _slack(sides[0], world, values, coarsest, left) + _slack(sides[1], world, values, coarsest, right)
    gap = np.abs(left - right)
    floor = 1e-9 * np.maximum(1.0, np.abs(left) + np.abs(right))
    if np.all(gap <= slack + floor):
        return "ok", ""
    (i, j) = np.unravel_index(int(np.argmax(gap - slack)), gap.shape)
    where = "" if gap.size == 1 else f"entry ({i + 1}, {j + 1}): "
    detail = f"{where}left {left[i, j]:.6g}, right {right[i, j]:.6g}, off by {gap[i, j]:.3g}"
    if np.any(gap > _BAND * slack + floor):
        return "wrong", detail + f" (the rounding of the numbers written explains {slack[i, j]:.2g})"
    return "inconclusive", detail + f", more than the rounding of the numbers written explains ({slack[i, j]:.2g})"


def _choices(names: set[str], before: dict[str, list[MatrixValue]]) -> list[dict[str, MatrixValue]]:
    """Each name's latest value first (an update written on a marked name, W', included: the next
    iteration's W), then every other combination of the values each name had (at most four each)."""
    latest = {name: before[name][-1] for name in names}
    options = [list(reversed(before[name]))[:4] for name in sorted(names)]
    combos = [latest]
    for combo in itertools.islice(itertools.product(*options), _MOST_COMBINATIONS):
        chosen = dict(zip(sorted(names), combo, strict=True))
        if chosen != latest:
            combos.append(chosen)
    return combos


#: the statuses this reading judges: those left open, and a wrong it may hold
JUDGED_AGAIN = ("unparsed", "inconclusive", "wrong")


def second_opinion(original: StepResult, judged: StepResult) -> StepResult:
    """A step another judge called wrong stays so when the document's values refute it too; where they do
    not (the other judge's difference came from values it chose, or from numbers read exactly that are
    rounded), it is held inconclusive with this reading's reason, never made ok. Any other step takes
    this reading's verdict."""
    if original.status != "wrong":
        return judged
    if judged.status == "wrong" or judged is original:
        return original
    return original.held(f"{judged.message} (with the document's values; another reading differs, not called wrong)")


def judge_with_values(
    result: StepResult, sides: tuple[Node, Node], before: dict[str, list[MatrixValue]], formula: str = ""
) -> StepResult:
    """``result`` judged by evaluating ``sides`` with the values each name had before the step (module
    docstring); ``formula`` says where the left side came from when the step did not write it."""
    names = {n.full for n in all_nodes(sides) if isinstance(n, Sym)}
    combos = _choices(names, before)
    everything = int(np.prod([min(len(before[n]), 4) for n in names])) <= _MOST_COMBINATIONS
    coarsest = _coarsest_unit(result.step.lhs + " " + result.step.rhs)
    outcomes = [_outcome(sides, values, coarsest) for values in combos]
    first = outcomes[0]
    if first is None:
        return result
    shown = ", ".join(f"{name} (line {combos[0][name].at[0]})" for name in sorted(names))
    used = f"{formula}with the document's values of {shown}" if names else f"{formula}with the numbers written"
    if first[0] == "ok":
        why = f"computed {used}: equal to the places written"
        return replace(result, status="ok", counterexample=None, message=why, method=_METHOD)
    for values, outcome in zip(combos[1:], outcomes[1:], strict=True):
        if outcome is not None and outcome[0] == "ok":
            other = ", ".join(f"{n} of line {values[n].at[0]}" for n in sorted(names) if values[n] != combos[0][n])
            why = f"equal with an earlier or updated value ({other}), not {used}"
            return replace(result, status="inconclusive", counterexample=None, message=why, method=_METHOD)
    if first[0] in ("transposed", "shape"):
        what = "one side is the other's layout transposed" if first[0] == "transposed" else "the shapes differ"
        why = f"{used}, {what} ({first[1]}): a layout not compared"
        return replace(result, status="inconclusive", counterexample=None, message=why, method=_METHOD)
    # a value a formula cannot be evaluated with (shapes that do not fit) is not the one meant
    wrong_every = everything and all(o is None or o[0] == "wrong" for o in outcomes)
    if first[0] == "wrong" and wrong_every:
        grids = {name: [[str(x) for x in row] for row in combos[0][name].grid] for name in sorted(names)}
        why = f"{used}, the sides differ at {first[1]}"
        counterexample = {"values": grids, "entry": first[1]}
        return replace(result, status="wrong", counterexample=counterexample, message=why, method=_METHOD)
    why = f"{used}, {first[1]}"
    return replace(result, status="inconclusive", counterexample=None, message=why, method=_METHOD)


def _scalars(scalar_values: list[Any]) -> list[MatrixValue]:
    """numeric_values' scalars (a rate η = 0.1) as 1×1 matrices, under the typed reader's names."""
    out = []
    for v in scalar_values:
        if v.placed or v.several:
            continue
        try:
            grid = ((Decimal(str(v.value.p)) / Decimal(str(v.value.q)),),)
        except (AttributeError, ArithmeticError):
            continue
        out.append(MatrixValue(v.name, grid, ((Decimal(str(float(v.unit))),),), v.at))
    return out


def example_values(equations: list, notation: Notation, scalar_values: Callable[[], list[Any]]) -> list[MatrixValue]:
    """The worked example's matrices (matrix_values) and numeric_values' scalars (read only then), in
    order; none when the document gives no matrix."""
    values = document_matrices(equations, notation)
    if not any(v.shape != (1, 1) for v in values):
        return []
    return sorted([*values, *_scalars(scalar_values())], key=lambda v: v.at)


def judge_worked_matrices(
    judged: list[StepResult], notation: Notation, values: list[MatrixValue], unread: list[tuple[Position, str]] = ()
) -> list[StepResult]:
    """``judged`` with the steps that compute with the document's matrices judged with them; a name
    given a value the reader did not take (``unread``, unread_matrices) has no value after it."""
    if not values:
        return judged
    keys = {v.name for v in values}
    out = list(judged)
    for k, result in enumerate(judged):
        step = result.step
        if result.status not in JUDGED_AGAIN or step.relation != "=" or step.conditions:
            continue
        if not any(ch.isdigit() for ch in step.lhs + step.rhs):
            continue
        try:
            sides = (parse_typed(step.lhs, notation), parse_typed(step.rhs, notation))
        except (Unreadable, RecursionError, ValueError):
            continue
        if compound_key(sides[0]) is not None or compound_key(sides[1]) is not None:
            continue  # a name alone: its value given, or a formula restated (restated_results weighs those)
        sides = (with_compound_names(sides[0], keys), with_compound_names(sides[1], keys))
        names = {n.full for n in all_nodes(sides) if isinstance(n, Sym)}
        where = (step.line, step.column)
        before = without_stale_values(values_before(values, where), list(unread), where)  # (unread_matrices)
        if not plain_computation(sides, notation) or not names <= set(before):
            continue
        big = any(isinstance(n, Literal) for n in all_nodes(sides)) or any(before[n][-1].shape != (1, 1) for n in names)
        if big:
            out[k] = second_opinion(result, judge_with_values(result, sides, before))
    return out
