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

from derive.checks.latex.matrix_judge import judge_trees
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.shape_infer import Assignment, infer_assignments, reached_names
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.trace_forms import DIFFERENTIAL, Differentials, differential_text, rewrite
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node, Opaque, Sym

__all__ = ["judge_undeclared"]

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
    return (sides[0], sides[1]), found


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
    defs = {k: v for k, v in definitions.items() if not isinstance(v, Opaque)}
    prepare = None
    if found:
        defs.update({DIFFERENTIAL.format(n): Sym(n, n, "") for n in found})  # dN has N's shape
        prepare = Differentials(found, defs)
    readings = infer_assignments(sides, notation, defs, _sizes(notation))
    if not readings:
        if not found:
            return None, "no shapes could be inferred for the undeclared names"
        readings = [Assignment({}, 0, True, ())]

    used = set(reached_names(sides, defs))

    def run(reading: Assignment) -> dict[str, Any] | None:
        shaped = _restricted(notation, used, reading)
        verdict, _ = judge_trees(sides, shaped, conditions=conditions, definitions=defs, seed=seed, prepare=prepare)
        return verdict

    agreeing = [r for r in readings if r.agree]
    if agreeing:
        return _judge_agreeing(agreeing, run, bool(found), max(r.score for r in readings))
    # No wrong from shapes alone: a reading we do not try (c a scalar in e^{x_i} e^c, a
    # vector written as a matrix) may be the document's, and the corpus shows it happens.
    return None, "the sides' shapes agree under no reading of the undeclared names"


def _restricted(notation: Notation, used: set[str], reading: Assignment) -> Notation:
    """The notation's shapes of the names this step uses, and the reading's: sizes of names
    it never mentions would only take sizes from the ones that matter."""
    shapes = {k: v for k, v in notation.shapes.items() if k in used}
    samples = {k: v for k, v in notation.sample_shapes.items() if k in used}
    dims = {d for shape in (*shapes.values(), *samples.values()) for d in shape}
    labels = {k: v for k, v in notation.index_values.items() if k not in reading.shapes and v in dims}
    return replace(notation, shapes={**shapes, **reading.shapes}, sample_shapes=samples, index_values=labels)


def _judge_agreeing(
    readings: list[Assignment], run: Any, differential: bool, best: int
) -> tuple[dict[str, Any] | None, str]:
    """ok when every best-ranked reading is evaluated and equal; the best agreeing readings must
    be as ordinary as any consistent reading (u^T v = v u^T agrees only with u or v a scalar)."""
    if readings[0].score < best:
        return None, "the sides' shapes agree only under a less usual reading of the undeclared names"
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
    if decided and any(len(d) == 2 and "1" not in d for r, _ in outcomes for d in r.shapes.values()):
        # read as scalars, matrices would commute (A B = B A): the scalar judge must not see it
        return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}, ""
    # Not a verdict: the scalar judge, which may prove an entry-level step wrong, gets its turn.
    return None, why


def _show(reading: Assignment) -> str:
    def dims(shape: tuple[str, ...]) -> str:
        if not shape:
            return "scalar"
        named = [d.replace("@", "") for d in shape]
        return "×".join(named) if len(named) == 2 else f"{named[0]}-vector"

    return ", ".join(f"{name}: {dims(shape)}" for name, shape in sorted(reading.shapes.items())) or "declared shapes"
