r"""Matrix steps about names the document never declares (``\partial f/\partial W =
2X^\top((\hat Y - Y)\cdot\xi)`` with only ``f``, ``\hat Y`` and ``Z = XW`` defined), and trace
differentials (``df = \mathrm{tr}(G^\top dX)``).

The shapes come from :mod:`derive.checks.latex.shape_infer`, the differentials from
:mod:`derive.checks.latex.trace_forms`; the step is then evaluated as any matrix step
(:func:`derive.checks.latex.matrix_judge.judge_trees`). Verdicts, with rule one in mind:

- ``ok`` when the sides are equal under every best-ranked consistent shape reading that could
  be evaluated (random values of the undeclared names: an identity that holds for them holds
  for whatever values the document has in mind);
- not judged otherwise (None, with the reason, and the scalar judge still runs): undeclared
  names may be constrained in ways the document does not write (a one-hot y, a mask ξ), so a
  difference for unconstrained values is not a counterexample; nor is a shape that fits under
  none of the readings tried (the document's reading may be one not tried, such as a number).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
from derive.checks.latex.entrywise_activations import used_stand_ins
from derive.checks.latex.entrywise_steps import entrywise
from derive.checks.latex.jacobians import EVERY_READING_WRONG
from derive.checks.latex.literal_entries import capital_entries, pinned_sizes
from derive.checks.latex.log_domains import with_positive_logs
from derive.checks.latex.lone_jacobians import LAYOUTS, Jacobians, mark_jacobians
from derive.checks.latex.matrix_judge import judge_trees
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.shape_infer import (
    CONSTANTS,
    Assignment,
    anchored_reading,
    infer_assignments,
    reached_names,
    undeclared_names,
)
from derive.checks.latex.subscript_layers import as_whole_names, transposed_numbered_names
from derive.checks.latex.tensor_ops import Dual, NotJudged
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.trace_forms import DIFFERENTIAL, Differentials, differential_text, rewrite
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Deriv, Node, Opaque, Sym, all_syms, lowercase_name, with_children
from derive.checks.latex.written_vectors import differentiated_wrong

__all__ = ["fold_definitions", "judge_undeclared"]

_PER_TIER = 6  # best-ranked readings evaluated for ok


def _sizes(notation: Notation) -> set[str]:
    dims = {d for shape in {**notation.sample_shapes, **notation.shapes}.values() for d in shape if not d.isdigit()}
    dims |= set(notation.index_values.values())
    out = set(dims)
    for d in dims:
        try:
            out.add(identifier_name(d))
        except Exception:  # noqa: BLE001 - a size not written as a name is kept as written
            continue
    return out


def _read(lhs: str, rhs: str, notation: Notation) -> tuple[tuple[Node, Node], set[str]]:
    found: set[str] = set()
    sides = []
    for text in (lhs, rhs):
        tree = parse_typed(differential_text(text) or text, notation)
        sides.append(rewrite(tree, found))
    return capital_entries((sides[0], sides[1])), found  # W beside [w_{11} w_{12}]: W's entries (literal_entries)


def judge_undeclared(
    lhs: str,
    rhs: str,
    notation: Notation,
    conditions: tuple[str, ...],
    definitions: dict[str, Node],
    seed: int,
) -> tuple[dict[str, Any] | None, str]:
    """The verdict on inferred shapes, or None and why not."""
    try:
        sides, found = _read(lhs, rhs, notation)
    except Unreadable as exc:
        return None, f"could not read {exc}"
    # A value the document gives in a form not read (ξ = np.where(z > 0, 1, 0)) is any value.
    defs = fold_definitions({k: v for k, v in definitions.items() if not isinstance(v, Opaque)})
    # W_2^T, (W_2 W_1)^T: a transposed numbered capital is a matrix, not an entry of W (subscript_layers)
    turned = transposed_numbered_names(sides, lambda stem: stem in defs or stem in notation.shapes)
    sides = (as_whole_names(sides[0], turned), as_whole_names(sides[1], turned)) if turned else sides
    differentials = None
    if found:
        defs.update({DIFFERENTIAL.format(n): Sym(n, n, "") for n in found})  # dN has N's shape
        differentials = Differentials(found, defs)
    unstated = _unstated_dependence(sides, defs)
    if unstated:
        # a sampled name does not depend on another: ∂J/∂θ would be 0 on both sides
        return None, f"a derivative with respect to {unstated} of something that does not contain it"
    lone: dict[str, Deriv] = {}
    marked = (mark_jacobians(sides[0], lone), mark_jacobians(sides[1], lone))
    defs.update(lone)  # shapes only: the hook's value is the world's leaf
    readings = infer_assignments(sides, notation, defs, _sizes(notation))
    if not readings:
        if not found and not lone:
            return None, "no shapes could be inferred for the undeclared names"
        readings = [Assignment({}, 0, True, ())]
    used = set(reached_names(sides, defs))
    # a lone Jacobian in each layout (lone_jacobians.LAYOUTS), after the differentials
    consts = _Constants(set(CONSTANTS) & set(undeclared_names(sides, notation, defs, _sizes(notation))))
    layouts = LAYOUTS if lone else LAYOUTS[:1]
    hooks = [(t, _chain(consts, differentials, Jacobians(lone, t) if lone else None)) for t in layouts]

    def run(reading: Assignment) -> dict[str, Any] | None:
        shaped = _pinned(_restricted(notation, used, reading), sides)  # W_{23} written out: W is 2×3
        first = None
        for name, layout in hooks:
            hook = with_positive_logs(layout, marked, defs, reading.shapes)  # log s of an inferred s
            verdict, _ = judge_trees(marked, shaped, conditions=conditions, definitions=defs, seed=seed, prepare=hook)
            # the diagonal forms compare derivatives value for value: not with shared stand-ins
            entrywise_form = name not in LAYOUTS[:2]
            if verdict is not None and verdict["status"] == "ok" and not (entrywise_form and used_stand_ins(verdict)):
                return _entrywise_note(verdict, name)
            # the two layouts say what differs; an entry-wise form only ever adds an ok
            first = first or (verdict if name in LAYOUTS[:2] else None)
        return first

    agreeing = [r for r in readings if r.agree]
    if agreeing:
        verdict, why = _judge_agreeing(agreeing, run, bool(found), sides)
        if found or (verdict is not None and verdict["status"] == "ok"):
            return verdict, why
        wrong = _anchored_wrong(sides, notation, defs, dict(agreeing[0].kinds), run)
        return (wrong, "") if wrong is not None else (verdict, why)
    # No wrong from shapes alone: a reading we do not try (c a scalar in e^{x_i} e^c, a
    # vector written as a matrix) may be the document's, and the corpus shows it happens.
    return None, "the sides' shapes agree under no reading of the undeclared names"


def _entrywise_note(verdict: dict[str, Any], layout: str) -> dict[str, Any]:
    if layout in LAYOUTS[:2]:
        return verdict
    why = "the Jacobian of an entry-wise map written as its diagonal, every Jacobian of the step alike"
    return {**verdict, "message": f"{verdict['message']}; {why}"}


class _Constants:
    """The prepare hook that gives \\mathbf 1, \\mathbf 0 and I their values at the shapes read."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def __call__(self, world: Any) -> None:
        for name in self.names:
            leaf = world.leaves.get(name)
            if leaf is None:
                continue
            kind = CONSTANTS[name]
            if kind == "identity" and leaf.shape[0] != leaf.shape[1]:
                raise NotJudged("an identity matrix that is not square")
            value = np.ones(leaf.shape) if kind == "ones" else np.zeros(leaf.shape)
            world.leaves[name] = Dual(np.eye(leaf.shape[0]) if kind == "identity" else value)

    def __bool__(self) -> bool:
        return bool(self.names)


def _unstated_dependence(sides: tuple[Node, ...], defs: dict[str, Node]) -> str | None:
    """The variable of a derivative whose numerator, through the definitions, never uses it."""
    for deriv in _derivs(sides):
        if deriv.num is None:
            continue
        reached = reached_names((deriv.num, deriv.num), defs)
        if deriv.var.full not in reached and deriv.var.stem not in reached:
            return deriv.var.full
    return None


def _derivs(node: object) -> list[Deriv]:
    if isinstance(node, Deriv):
        return [node, *_derivs(node.num)]
    found: list[Deriv] = []
    for value in node if isinstance(node, tuple) else getattr(node, "__dict__", {}).values():
        if isinstance(value, Node | tuple):
            found += _derivs(value)
    return found


def _chain(*hooks: Any) -> Any:
    """One prepare hook running the given ones in order (None when there are none)."""
    present = [h for h in hooks if h]
    if not present:
        return None

    def prepare(world: Any) -> None:
        for hook in present:
            hook(world)

    return prepare


def _expand(node: Node, defs: dict[str, Node], depth: int = 0) -> Node:
    """The node with each defined name replaced by its definition (a few levels deep)."""
    if isinstance(node, Sym) and node.full in defs and depth < 6:
        return _expand(defs[node.full], defs, depth + 1)
    return with_children(node, lambda child: _expand(child, defs, depth))


def _replace(node: Node, pattern: Node, name: str) -> Node:
    if node == pattern:
        return Sym(name, name, "")
    return with_children(node, lambda child: _replace(child, pattern, name))


def fold_definitions(defs: dict[str, Node]) -> dict[str, Node]:
    r"""Definitions written out in full where another definition names the same expression:
    f = ||max(XW, 0) - Y||^2 beside \hat Y = max(Z, 0), Z = XW becomes f = ||\hat Y - Y||^2,
    so ∂f/∂\hat Y is the derivative the writer means (same values, the dependence visible)."""
    out = dict(defs)
    for name, value in defs.items():
        if isinstance(value, Sym | Opaque):
            continue
        full = _expand(value, defs)
        for other in list(out):
            if other == name or other in {s.full for s in all_syms(full)}:
                continue
            folded = _replace(_replace(out[other], value, name), full, name)
            if folded != out[other]:
                out[other] = folded
    return out


def _restricted(notation: Notation, used: set[str], reading: Assignment) -> Notation:
    """The notation's shapes of the names this step uses, and the reading's: sizes of names
    it never mentions would only take sizes from the ones that matter."""
    shapes = {k: v for k, v in notation.shapes.items() if k in used}
    samples = {k: v for k, v in notation.sample_shapes.items() if k in used}
    dims = {d for shape in (*shapes.values(), *samples.values()) for d in shape}
    labels = {k: v for k, v in notation.index_values.items() if k not in reading.shapes and v in dims}
    guessed = notation.guessed_shapes | frozenset(reading.shapes)
    shapes = {**shapes, **reading.shapes}
    return replace(notation, shapes=shapes, sample_shapes=samples, index_values=labels, guessed_shapes=guessed)


def _pinned(notation: Notation, sides: tuple[Node, Node]) -> Notation:
    """The notation with the sizes the step's written-out entries fix (literal_entries.pinned_sizes)."""
    pins = pinned_sizes(sides, {**notation.sample_shapes, **notation.shapes})
    if not pins:
        return notation
    shapes = {k: tuple(pins.get(d, d) for d in v) for k, v in notation.shapes.items()}
    samples = {k: tuple(pins.get(d, d) for d in v) for k, v in notation.sample_shapes.items()}
    return replace(notation, shapes=shapes, sample_shapes=samples)


def _judge_agreeing(
    readings: list[Assignment], run: Any, differential: bool, sides: tuple[Node, Node]
) -> tuple[dict[str, Any] | None, str]:
    """ok when every best-ranked reading is evaluated and equal (no name is read as a number
    unless it is one: u^T v = v u^T holds only with u or v a number)."""
    tier = [r for r in readings if r.score == readings[0].score]
    if len(tier) > _PER_TIER:
        return None, "too many readings of the undeclared shapes"
    outcomes = [(r, run(r)) for r in tier]
    if any(v is None for _, v in outcomes):
        return None, "a reading of the undeclared shapes could not be evaluated"
    if all(v["status"] == "ok" for _, v in outcomes):
        shown = "; ".join(_show(r) for r, _ in outcomes)
        what = "differentials along random directions, " if differential else ""
        message = f"{outcomes[0][1]['message']}; {what}shapes not declared, read as {shown}"
        return {**outcomes[0][1], "message": message}, ""
    shown = _show(outcomes[0][0])
    why = f"the sides differ for unconstrained values of names the document does not declare ({shown})"
    decided = all(v["status"] in ("ok", "wrong") for _, v in outcomes)
    matrices = any(len(d) == 2 and "1" not in d for r, _ in outcomes for d in r.shapes.values())
    if decided and matrices and not all(entrywise(sides, r.shapes, _lowered(r)) for r, _ in outcomes):
        if all(v["status"] == "wrong" for _, v in outcomes):
            # wrong under every reading tried: the scalar judge may find it wrong too (a 1×1
            # reading of every name: dŷ/dz = e^{-z}/(1 + e^{-z})), but its ok is no proof (read as
            # scalars, matrices commute: A B = B A), and the checker holds that back
            return None, f"{EVERY_READING_WRONG} ({shown})"
        # read as scalars, matrices would commute (A B = B A): the scalar judge must not see it,
        # unless the step is the same scalar step in every entry (entrywise_steps)
        return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}, ""
    wrong = differentiated_wrong(outcomes, sides, why)  # ∂/∂w ½‖w‖² = ∂/∂w wᵀw: w only (written_vectors)
    if wrong is not None:
        return wrong, ""
    # Not a verdict: the scalar judge, which may prove an entry-level step wrong, gets its turn.
    return None, why


def _lowered(reading: Assignment) -> frozenset[str]:
    """Lowercase names this reading makes matrices (σ(z)(1 - σ(z)) fits only so): entrywise_steps."""
    return frozenset(name for name, kind in reading.kinds if kind == "matrix" and lowercase_name(name))


def _anchored_wrong(
    sides: tuple[Node, Node], notation: Notation, defs: dict[str, Node], kinds: dict[str, str], run: Any
) -> dict[str, Any] | None:
    """wrong when the right side fits only by making two sizes equal that the left side and the
    document's definitions keep apart (a transposed factor that fits only for square W), and
    at distinct sizes it does not fit while the left side does."""
    lhs = sides[0]
    if not (isinstance(lhs, Deriv) and isinstance(lhs.num, Sym) and lhs.num.full in defs):
        # only a gradient of a defined quantity (∂f/∂W) fixes the sizes the right side must
        # keep apart; A B = B A alone says nothing about whether A and B are square
        return None
    found = anchored_reading(sides, notation, defs, _sizes(notation), kinds)
    if found is None:
        return None
    reading, merges = found
    verdict = run(reading)
    if verdict is None or verdict["status"] != "wrong":
        return None
    cex = verdict["counterexample"] or {}
    if cex.get("where") != "shape" or not str(cex.get("rhs", "")).startswith("does not fit"):
        return None
    why = f"the right side fits only if {', '.join(merges)}, sizes the left side and the definitions keep apart"
    return {**verdict, "message": f"{verdict['message']}; {why} (shapes not declared, read as {_show(reading)})"}


def _show(reading: Assignment) -> str:
    def dims(shape: tuple[str, ...]) -> str:
        if not shape:
            return "scalar"
        named = [d.replace("@", "") for d in shape]
        return "×".join(named) if len(named) == 2 else f"{named[0]}-vector"

    return ", ".join(f"{name}: {dims(shape)}" for name, shape in sorted(reading.shapes.items())) or "declared shapes"
