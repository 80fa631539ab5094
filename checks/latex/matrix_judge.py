r"""Judge a step on concrete tensors: matrix calculus, index notation and shapes.

Each side is read into a typed tree (:mod:`derive.checks.latex.typed`) and evaluated in three
worlds (:mod:`derive.checks.latex.tensor_eval`): small sizes, different in each world and
distinct from each other (so that a transposed product cannot fit by accident), and random
values for every sampled name; the notation's definitions (and the document's) say what the
other names are, so ``∂J/∂W^{(2)}`` is the gradient of the document's loss. Free indices
(``j`` in ``∂L/∂h_j``) take every value, except those the step's conditions exclude
(``i \neq j`` from the prose).

Verdicts:
- ``ok``: equal (to 1e-9 relative) in every world at every index value; sampled, not proved;
- ``wrong``: a shape that differs from the other side's, or values that differ in at least
  two worlds, never when a product was ambiguous (``A \cdot B`` of square matrices) or a
  condition could not be read;
- None (declined, with the reason): a side that cannot be read or evaluated, or a step that
  touches no vector or matrix (the scalar judge, which proves, is better there).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from typing import Any

import numpy as np
from derive.checks.latex.abstract_loss import Model, complete
from derive.checks.latex.doc_definitions import parsed_definitions
from derive.checks.latex.entrywise_activations import activation_verdict
from derive.checks.latex.index_readings import reread
from derive.checks.latex.jacobians import AS_MATRIX, Jacobian, full_jacobian, same_jacobian
from derive.checks.latex.layer_shift import with_layer_shifts
from derive.checks.latex.letter_case import degenerate_ok, lower_case_only
from derive.checks.latex.literal_entries import capital_entries
from derive.checks.latex.log_domains import with_positive_logs
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.numbered_entries import numbered_short
from derive.checks.latex.one_sided_names import names_in as _names
from derive.checks.latex.one_sided_names import one_sided_verdict
from derive.checks.latex.rounded_numbers import rounded_entries
from derive.checks.latex.row_lists import LIST_REFUSED, read_as_rows
from derive.checks.latex.shape_excuses import literal_meets_open_size, open_against_fixed, zero_against_array
from derive.checks.latex.shape_infer import reached_names
from derive.checks.latex.softmax_entry_guard import SOFTMAX_VECTOR, entry_for_vector
from derive.checks.latex.stated_constraints import algebra_only, stated_constraint
from derive.checks.latex.tensor_eval import Evaluator, UnboundIndex, World
from derive.checks.latex.tensor_ops import Dual, JacobianNeeded, LooseShapes, NotJudged, ShapeMismatch
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_condition, parse_typed
from derive.checks.latex.typed_nodes import Cond, Node, Sym
from derive.checks.latex.vector_sums import FLAG as VECTOR_SUM
from derive.checks.latex.vector_sums import mark_vector_sums
from derive.checks.latex.worked_examples import holds_literal, literal_meets_open_name, numbers_for_names
from derive.checks.latex.written_entries import written_verdict

__all__ = ["judge_typed", "judge_trees", "build_world", "WORLDS"]

#: Worlds (size and value draws) a step is evaluated in.
WORLDS = 3
_MAX_ASSIGNMENTS = 64
_SIZES = (2, 3, 4, 5, 6, 7)


def _dims(notation: Notation) -> list[str]:
    shapes = {**notation.sample_shapes, **notation.shapes}
    names = {d for dims in shapes.values() for d in dims if not d.isdigit()} | set(notation.index_values.values())
    return sorted(names)


def _size_key(dim: str) -> str:
    try:
        return identifier_name(dim)
    except Exception:  # noqa: BLE001 - a size written in a way that is not a name keeps its spelling
        return dim


def build_world(notation: Notation, definitions: dict[str, Node], draw: int, seed: int = 0) -> World:
    """Sizes, leaves and labels of one draw (deterministic in ``seed`` and ``draw``)."""
    rng = random.Random(seed * 1000 + draw)
    gen = np.random.default_rng(seed * 1000 + draw)
    dims = _dims(notation)
    # Different sizes in each world, all distinct within one (a transposed product cannot fit).
    values = list(_SIZES[draw % 2 : draw % 2 + max(len(dims), 1)])
    rng.shuffle(values)
    if len(_SIZES) < len(dims) + 1:
        values = [2 + k for k in range(len(dims))]
    sizes = {_size_key(d): values[k] for k, d in enumerate(dims)}
    raw_sizes = {d: values[k] for k, d in enumerate(dims)}
    leaves: dict[str, Dual] = {}
    for name, shape in {**notation.sample_shapes, **notation.shapes}.items():
        if name in definitions:
            continue
        rows = raw_sizes.get(shape[0], int(shape[0]) if shape and shape[0].isdigit() else 1) if shape else 1
        cols = (raw_sizes.get(shape[1]) or int(shape[1])) if len(shape) == 2 else 1
        value = _onehot(rows, cols, rng) if name in notation.onehot else gen.standard_normal((rows, cols))
        leaves[name] = Dual(value)
    for name, domain in notation.domains.items():
        if name in sizes or name in leaves or name in definitions:
            continue
        low, high = {"positive": (0.5, 2.0), "unit": (0.1, 0.9), "nonzero": (0.5, 2.0)}.get(domain, (-2.0, 2.0))
        leaves[name] = Dual(np.array([[rng.uniform(low, high)]]))
    labels = {
        letter: rng.randint(1, raw_sizes[dim]) for letter, dim in notation.index_values.items() if dim in raw_sizes
    }
    sample_only = frozenset(notation.sample_shapes) - set(notation.shapes)
    # stand_in: which stand-in an undefined activation g is in this draw (entrywise_activations.py)
    return World(sizes, leaves, definitions, labels, sample_only=sample_only, stand_in=draw)


def _onehot(rows: int, cols: int, rng: random.Random) -> np.ndarray:
    out = np.zeros((rows, cols))
    if cols == 1:  # a one-hot vector of length rows
        out[rng.randrange(rows), 0] = 1.0
        return out
    for r in range(rows):
        out[r, rng.randrange(cols)] = 1.0
    return out


def judge_typed(
    lhs: str,
    rhs: str,
    notation: Notation,
    *,
    conditions: tuple[str, ...] = (),
    definitions: dict[str, Node] | None = None,
    seed: int = 0,
) -> tuple[dict[str, Any] | None, str]:
    """(verdict, "") or (None, why the typed path declined)."""
    try:
        sides = capital_entries((parse_typed(lhs, notation), parse_typed(rhs, notation)))  # W: [w_{11} …]
    except Unreadable as exc:
        # [1, 2] · \begin{bmatrix}…\end{bmatrix}: the lists as rows, where a product needs them
        rows = read_as_rows(lhs, rhs, lambda text, **kw: parse_typed(text, notation, **kw))
        if str(exc) != LIST_REFUSED or rows is None:
            return None, f"could not read {exc}"
        sides = rows
    verdict, why = judge_trees(sides, notation, conditions=conditions, definitions=definitions, seed=seed)
    return rounded_entries(verdict, lhs, rhs), why


def judge_trees(
    sides: tuple[Node, Node],
    notation: Notation,
    *,
    conditions: tuple[str, ...] = (),
    definitions: dict[str, Node] | None = None,
    seed: int = 0,
    prepare: Callable[[World], None] | None = None,
) -> tuple[dict[str, Any] | None, str]:
    """:func:`judge_typed` on sides already read; ``prepare`` adds values to each world before
    the sides are evaluated (the differentials of a trace form, see trace_forms.py). A step that
    stops at an index is read again (from 0, or at a defined entry: index_readings.py)."""

    def judged(hook: Callable[[World], None] | None) -> tuple[dict[str, Any] | None, str]:
        return _judged_once(sides, notation, conditions=conditions, definitions=definitions, seed=seed, prepare=hook)

    return reread(judged(prepare), judged, prepare)


def _judged_once(
    sides: tuple[Node, Node],
    notation: Notation,
    *,
    conditions: tuple[str, ...],
    definitions: dict[str, Node] | None,
    seed: int,
    prepare: Callable[[World], None] | None,
) -> tuple[dict[str, Any] | None, str]:
    conds, unread = _conditions(conditions, notation)
    defs = definitions if definitions is not None else parsed_definitions(notation)
    defs = with_layer_shifts(sides, defs)  # z_ℓ = W_ℓ a_{ℓ-1} + b_ℓ holds at ℓ-1 too
    try:
        model, notation = complete(sides, notation, defs)
    except NotJudged:
        model = Model()  # the step's dependences are not stated: evaluated as it is written
    defs = {**defs, **model.definitions}
    prepare = with_positive_logs(prepare, sides, defs, model.inferred)  # log s of an inferred s
    defined = _defines(sides, defs)
    if defined:
        return None, f"a definition of {defined}"
    if _property(sides, defs):
        return None, f"a property of {_property(sides, defs)} (an equation it satisfies), not a step"
    outcomes = []
    for draw in range(WORLDS):
        world = build_world(notation, defs, draw, seed)
        world.undeclared = model.inferred
        try:
            if prepare is not None:
                prepare(world)
            outcome = _one_world(world, sides, conds)
        except ShapeMismatch as exc:
            return None, model.noted(f"shapes do not fit: {exc}")
        except NotJudged as exc:
            if str(exc) == AS_MATRIX and lower_case_only(model, sides, defs, notation):
                return None, "no vector or matrix declared, and every name is lower-case (scalars in most documents)"
            return None, model.noted(str(exc))
        except (RuntimeError, ValueError, IndexError) as exc:
            return None, model.noted(f"could not evaluate ({type(exc).__name__})")
        if not (world.flags.get("tensor") or world.flags.get(SOFTMAX_VECTOR)):  # softmax(x) of a sampled x
            return None, "no vector or matrix in this step"
        outcomes.append((world, outcome))
    verdict = written_verdict(_verdict(outcomes, unread), outcomes, sides)  # (written_entries)
    # A x = b with a matrix written out and x ∈ ℝ^n: the step may fix n (worked_examples)
    verdict = literal_meets_open_name(verdict, sides, {**notation.sample_shapes, **notation.shapes}, defs)
    if verdict["status"] == "wrong" and verdict["counterexample"] and not _names(sides):
        verdict = _numbers_only(verdict)  # the judge's sizes say nothing about a step of numbers
    # an undefined activation g (A = g(Z)): wrong only if the values differ under every stand-in
    # and no specific g could make the step hold (entrywise_activations.py)
    verdict = activation_verdict(verdict, outcomes, sides, defs)
    verdict = entry_for_vector(verdict, outcomes)  # softmax(x) = e^{x_i}/Σ_k e^{x_k}: entry i (softmax_entry_guard)
    # q_i only on the right, q ∈ ℝ^K declared and never defined: the step may name it (one_sided_names)
    declared = (set(notation.shapes) - notation.guessed_shapes) | set(notation.sample_shapes)
    verdict = one_sided_verdict(verdict, sides, defs, declared)
    degenerate = degenerate_ok(model, sides) if verdict["status"] == "ok" else None
    if degenerate:  # an ok only under an inferred shape no document means (letter_case)
        return {**verdict, "status": "inconclusive", "message": model.noted(degenerate)}, ""
    if model and verdict["status"] != "ok" and not (verdict["status"] == "wrong" and model.decisive(sides)):
        return None, model.noted(model.plainly(verdict["message"], sides))
    return ({**verdict, "message": model.noted(verdict["message"])} if model else verdict), ""


def _defines(sides: tuple[Node, Node], defs: dict[str, Node]) -> str | None:
    """``z = W x``: a side that is only a name without a definition, which the other side does
    not mention (nor the definitions it reaches), is being defined here (its sampled value says
    nothing about the step)."""
    from derive.checks.latex.matrix_literals import assignment  # (x_1 x_2) = (0.5 0.3): values of its entries

    for side, other in (sides, sides[::-1]):
        stems = {n.stem for n in _names(other)}
        # ∂z/∂W = a with z = W a + b: a is used by the definition the other side reaches, not defined
        stems |= set(reached_names((other, other), defs))
        bare = isinstance(side, Sym) and side.full not in defs and side.stem not in defs
        if bare and (not {side.stem, side.full} & stems or _renamed_entries(side, other)):
            return side.full
        if assignment(side, other, defs):
            return assignment(side, other, defs)
    return None


def _renamed_entries(name: Sym, other: Node) -> bool:
    """``x = [1; x_1]`` (x augmented with a 1): a vector written out with some of the name's own
    entries beside values that are none of them gives x new entries; x_1 is the old feature there,
    not entry 1 of this x. ``x = [x_1; 2 x_2]``, every entry made of x's, is judged."""
    from derive.checks.latex.matrix_literals import Literal

    if not isinstance(other, Literal) or 1 not in (other.rows, other.cols) or name.sub:
        return False
    mentions = [any(isinstance(n, Sym) and n.stem == name.full for n in _names(c)) for c in other.cells]
    return any(mentions) and not all(mentions)


def _property(sides: tuple[Node, Node], defs: dict[str, Node]) -> str | None:
    """``A = A^T`` (symmetric), ``P = P^2``: a name without a definition on one side, and the
    other side made of that name alone. Nothing is rewritten; it states what A satisfies (a
    hypothesis, often in an "if" list), so a sampled A that does not satisfy it refutes nothing."""
    for side, other in (sides, sides[::-1]):
        if isinstance(side, Sym) and side.full not in defs and side.stem not in defs:
            if {n.full for n in _names(other)} == {side.full} and not isinstance(other, Sym) and algebra_only(other):
                return side.full
        if constrained := stated_constraint(side, other, defs):  # ‖w‖ = 1, W^T W = I
            return constrained
    return None


def _numbers_only(verdict: dict[str, Any]) -> dict[str, Any]:
    cex = verdict["counterexample"]
    if cex.get("where") == "shape":
        return verdict
    cex = {**cex, "point": {}, "where": "the numbers as written"}
    return {**verdict, "counterexample": cex, "message": f"the sides differ: left {cex['lhs']}, right {cex['rhs']}"}


def _conditions(conditions: tuple[str, ...], notation: Notation) -> tuple[list[Cond], bool]:
    conds: list[Cond] = []
    unread = False
    for text in conditions:
        try:
            conds.append(parse_condition(text, notation))
        except Unreadable:
            unread = True
    return conds, unread


def _free_indices(world: World, sides: tuple[Node, Node]) -> dict[str, int]:
    ranges: dict[str, int] = {}
    bind: dict[str, int] = {}
    for _ in range(8):
        try:
            for side in sides:
                _value_or_mismatch(world, side, bind)
            return ranges
        except UnboundIndex as exc:
            if exc.letter in bind:
                raise
            ranges[exc.letter] = exc.size
            bind[exc.letter] = world.origin
    raise NotJudged("too many free indices")


def _one_world(world: World, sides: tuple[Node, Node], conds: list[Cond]) -> dict[str, Any]:
    """The first difference in this world (or the shapes), else {"status": "same"}."""
    mark_vector_sums(world, sides)  # \sum v read as its entries' sum: never a wrong (vector_sums)
    ranges = _free_indices(world, sides)
    letters = sorted(ranges)
    first = world.origin
    assignments = list(itertools.product(*[range(first, first + ranges[k]) for k in letters]))[:_MAX_ASSIGNMENTS]
    checked = 0
    for values in assignments:
        bind = dict(zip(letters, values, strict=True))
        probe = Evaluator(world, bind=bind)
        if conds and not all(bool(probe.condition(c).v.all()) for c in conds):
            continue
        a, b = (_value_or_mismatch(world, side, bind) for side in sides)
        checked += 1
        if isinstance(a, Jacobian) or isinstance(b, Jacobian):
            same_jacobian(a, b)  # type: ignore[arg-type] - equal, or NotJudged (never wrong)
            continue
        found = _ill_typed(a, b) or _compare(a, b)  # type: ignore[arg-type]
        if found is not None:
            # which side holds a matrix written out (its size fixed by its entries), and whether it
            # is the example's numbers for sampled names (see worked_examples, shape_excuses.literal_meets_open_size)
            known = {*world.definitions, *world.labels, *world.sizes}
            numbers = numbers_for_names(sides, known)
            return {**found, "bind": bind, "written_out": tuple(map(holds_literal, sides)), "numbers": numbers}
    if conds and not checked:
        raise NotJudged("no index values satisfy the step's conditions")
    return {"status": "same", "checked": checked, "letters": letters}


def _value_or_mismatch(world: World, side: Node, bind: dict[str, int]) -> Dual | Jacobian | NotJudged:
    """The side's value (every entry of a Jacobian standing alone), or the shape problem that
    stopped it (other problems propagate)."""
    try:
        return Evaluator(world, bind=bind).ev(side)
    except (ShapeMismatch, LooseShapes) as exc:
        return exc
    except JacobianNeeded:
        return full_jacobian(Evaluator(world, bind=bind), side)


def _ill_typed(a: Dual | NotJudged, b: Dual | NotJudged) -> dict[str, Any] | None:
    """A side whose product or sum does not fit (outside any derivative) while the other side
    fits, or is loose only inside a derivative: an error of the step. Both sides ill-typed,
    or one loose and one fine, is not judged."""
    bad = [isinstance(x, ShapeMismatch) for x in (a, b)]
    if all(bad):
        raise NotJudged(f"shapes do not fit on either side ({a})")
    if any(bad):
        side, reason, other = ("left", a, b) if bad[0] else ("right", b, a)
        return {"status": "illtyped", "side": side, "reason": str(reason), "other": other, "sizes": reason.sizes}
    for x in (a, b):
        if isinstance(x, NotJudged):
            raise x
    return None


def _compare(x: Dual, y: Dual) -> dict[str, Any] | None:
    a, b = x.v, y.v
    if a.shape != b.shape:
        if a.size == b.size and min(a.shape) == 1 and min(b.shape) == 1:
            a, b = a.reshape(-1, 1), b.reshape(-1, 1)  # a row and a column vector: the same gradient
        elif a.shape == b.T.shape and np.allclose(a, b.T, rtol=1e-9, atol=1e-9):
            return {"status": "transposed", "lhs": a, "rhs": b}
        else:
            return {"status": "shape", "lhs": a, "rhs": b}
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise NotJudged("a value that is not finite at the sampled point")
    scale = max(1.0, float(np.abs(a).max()), float(np.abs(b).max()))
    diff = np.abs(a - b)
    if float(diff.max()) <= 1e-9 * scale:
        return None
    at = divmod(int(diff.argmax()), a.shape[1])
    return {"status": "differ", "lhs": a, "rhs": b, "at": at, "gap": float(diff.max()), "gaps": diff}


def _verdict(outcomes: list[tuple[World, dict[str, Any]]], unread_conditions: bool) -> dict[str, Any]:
    worlds = "; ".join(_show_sizes(w) for w, _ in outcomes)
    bad = [(w, o) for w, o in outcomes if o["status"] != "same"]
    if not bad:
        letters = outcomes[0][1].get("letters") or []
        every = f", every value of {', '.join(letters)}" if letters else ""
        return _out("ok", f"equal on concrete tensors ({worlds}{every}; sampled, not proved)")
    world, first = bad[0]
    kinds = {o["status"] for _, o in bad}
    if kinds == {"transposed"}:
        return _out("inconclusive", "equal up to a transpose: the two sides use different layouts")
    if any(w.flags.get("unknown") for w, _ in outcomes):
        return _out("inconclusive", "the sides differ for a random instance of a function the document does not define")
    if any(w.flags.get(VECTOR_SUM) for w, _ in outcomes):  # the judge's reading of \sum v (vector_sums.py)
        return _out("inconclusive", "the sides differ with a sum without an index read as a sum of a vector's entries")
    if world.flags.get("ambiguous"):
        return _out(
            "inconclusive", "the sides differ if A · B is a matrix product, and · between square matrices is ambiguous"
        )
    if any(w.flags.get("orientation") for w, _ in outcomes):  # (a_1, …, a_n): see matrix_literals.Pattern
        return _out("inconclusive", "the sides differ, but a list (a_1, …, a_n) may be meant as a row or a column")
    if unread_conditions:
        return _out("inconclusive", "the sides differ, but a condition of the step could not be read")
    if first["status"] in ("illtyped", "shape") and any(w.flags.get("sampled_form") for w, _ in outcomes):
        # names the step takes from declarations only (x ∈ ℝ^n) where the notation may size them
        # otherwise (its x ∈ ℝ^d): their sizes can disagree by that mix alone (tensor_eval._matrix_form)
        return _out("inconclusive", "the shapes differ, but they are the document's and the notation's sizes mixed")
    if first["status"] in ("illtyped", "shape") and any(w.flags.get("row_list") for w, _ in outcomes):
        return _out("inconclusive", "the shapes do not fit with the lists [a, b, …] read as rows (a guess)")
    if first["status"] == "illtyped" and open_against_fixed(bad):
        why = f"a size the judge chose meets one the document fixes ({first['reason']})"
        return _out("inconclusive", f"the shapes do not fit, but {why}: the document may fix that size too")
    if first["status"] == "illtyped" and isinstance(first["other"], NotJudged):
        # neither side fits: the clash lies in what both read (a declaration from another section,
        # x ∈ ℝ^D, meeting z = x + y of scalars), not in what the step writes
        why = f"{first['reason']}; {first['other']}"
        return _out("inconclusive", f"neither side fits together with these shapes ({why})")
    if first["status"] == "illtyped":
        other = "right" if first["side"] == "left" else "left"
        msg = f"the {first['side']} side does not fit together ({first['reason']})"
        msg += f"; the {other} side is {_describe_other(first['other'])}"
        cex = {"point": _sizes_point(world, first), "where": "shape"}
        cex[first["side"][0] + "hs"] = f"does not fit: {first['reason']}"
        cex[other[0] + "hs"] = _describe_other(first["other"])
        return _out("wrong", msg + f" (at {_show_sizes(world)})", _with_indices(cex, first))
    if first.get("numbers") and first["status"] in ("shape", "differ"):
        why = "the step puts a worked example's numbers in for names the document gives no values here"
        return _out("inconclusive", f"{why} (the judge's own sizes and values differ from them: {_show_sizes(world)})")
    if first["status"] == "shape" and literal_meets_open_size(world, first):
        why = f"a matrix written out has a size the document leaves open ({_show_sizes(world)}): the step may fix it"
        return _out("inconclusive", why)
    if first["status"] == "shape" and any(w.flags.get("row_of") for w, _ in outcomes):
        return _out("inconclusive", "the shapes differ with a one-index name read as a matrix's row (h_1): an entry?")
    if first["status"] == "shape" and zero_against_array(first):
        why = "0 against a non-scalar side: the zero vector, or the names are scalars here (x + y + z = 0)"
        return _out("inconclusive", f"the shapes differ, but {why}")
    if first["status"] == "shape":
        msg = f"shapes differ: left side is {_shape(first['lhs'])}, right side is {_shape(first['rhs'])}"
        return _out(
            "wrong", msg + f" (at {_show_sizes(world)})", _with_indices(_counterexample(world, first, "shape"), first)
        )
    if len(bad) < 2:
        return _out("inconclusive", "the sides differ in one random draw only")
    if short := numbered_short([w for w, _ in outcomes], [w for w, _ in bad]):
        return _out("inconclusive", f"the sides differ, but {short}")
    cex = _with_indices(_counterexample(world, first, "values"), first)
    verdict = _out("wrong", f"the sides differ at {_describe_point(cex)}: left {cex['lhs']}, right {cex['rhs']}", cex)
    # the largest entry difference, for rounded_entries (beside the verdict, not in its counterexample)
    gaps = [o["gaps"] for _, o in bad if "gaps" in o]
    entrywise = np.max(gaps, axis=0).ravel().tolist() if gaps and len({g.shape for g in gaps}) == 1 else None
    return {**verdict, "gap": max(o.get("gap", 0.0) for _, o in bad), "gaps": entrywise}


def _describe_other(other: Dual | NotJudged) -> str:
    if isinstance(other, NotJudged):
        return f"not evaluated ({other})"
    return _shape(other.v)


def _shape(a: np.ndarray) -> str:
    return "scalar" if a.size == 1 else "×".join(map(str, a.shape))


def _out(status: str, message: str, cex: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"status": status, "counterexample": cex, "message": message, "method": "tensors"}


def _show_sizes(world: World) -> str:
    return ", ".join(f"{k} = {v}" for k, v in sorted(world.sizes.items()))


def _sizes_point(world: World, found: dict[str, Any]) -> dict[str, str]:
    point = {k: str(v) for k, v in sorted(world.sizes.items())}
    point.update({k: str(v) for k, v in found.get("bind", {}).items()})
    return point


def _with_indices(cex: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """Name the free indices the counterexample fixed (the step may hold at other values)."""
    return {**cex, "indices": sorted(found.get("bind", {}))} if found.get("bind") else cex


def _counterexample(world: World, found: dict[str, Any], where: str) -> dict[str, Any]:
    point = _sizes_point(world, found)
    a, b = found["lhs"], found["rhs"]
    if where == "shape":
        return {"point": point, "lhs": _shape(a), "rhs": _shape(b), "where": "shape"}
    r, c = found["at"]
    entry = "" if a.size == 1 else f"entry ({r + 1}, {c + 1}) "
    return {
        "point": point,
        "lhs": f"{entry}{float(a[r, c]):.6g}",
        "rhs": f"{entry}{float(b[r, c]):.6g}",
        "where": "random values of the sampled names (seeded)",
    }


def _describe_point(cex: dict[str, Any]) -> str:
    return ", ".join(f"{k} = {v}" for k, v in cex["point"].items())
