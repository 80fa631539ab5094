"""A scalar step with sums (Σ_i y_i log p_i), index families (a_i defined for every i) or free
indices: expanded term by term at small sizes, every free index taking every value, and each
instance decided by the scalar judge. ok only if ok in every instance (and said so: sampled
sizes are no proof for every size); wrong with the size and index values of a counterexample."""

from __future__ import annotations

import functools
import re
from typing import Any

from derive.checks.latex.case_splits import case_split, unstated_case
from derive.checks.latex.defined_sizes import defined_sizes
from derive.checks.latex.einstein import contracted, einstein_free, einstein_sum, subscript_letters
from derive.checks.latex.fixed_families import fixed_family_letters
from derive.checks.latex.index_sums import fixed_definitions
from derive.checks.latex.normalize import Normalized
from derive.checks.latex.results import verdict
from derive.checks.latex.scalar_judge import decide
from derive.checks.latex.stated_facts import STATED_FACT, with_sums_to_one
from derive.checks.latex.step_judge import conditions_hold, guard_conditions
from derive.checks.latex.sum_bounds import expansions, unsized
from derive.checks.latex.sympy_build import (
    Definitions,
    Unparsed,
    condition_indices,
    index_letters,
    split_name,
    to_sympy,
)
from derive.checks.latex.text_groups import top_level_terms
from derive.checks.latex.unstated_sums import with_unstated_sums
from derive.checks.latex.unwritten_ranges import defined_unbounded, with_unwritten_range
from derive.checks.latex.vanishing_sides import VANISHED
from derive.checks.latex.written_sizes import numbered_size, written_size

__all__ = ["INDEX_SIZES", "check_indexed", "contracted_indices", "einstein_free_indices"]


#: free indices a step may have: four at size 2 are 16 instances (a tensor of index notation,
#: ∂A_{kn}/∂W_{ij}); five would be 32, past what a step's time allows
_MOST_FREE = 4
#: Sizes at which a step with sums is expanded, every free index taking every value.
INDEX_SIZES = (2, 3)


def check_indexed(
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    seed: int,
    examples: int,
    conditions: tuple[str, ...] = (),
    named: Definitions | None = None,
    family: list[str] | None = None,
    facts: frozenset[str] = frozenset(),
    einstein: bool = False,
    case_pairs: frozenset[str] = frozenset(),
    defined_ends: bool = True,
) -> dict[str, Any]:
    """A step with Σ: expanded at sizes 2 and 3 with every value of its free indices. ok only
    if ok in every instance (said so: not a proof for all sizes); wrong if one instance has a
    verified counterexample (reported with its size and index values). In a document that sums
    repeated indices (``einstein``), the free indices are those of every term.

    ``defined_ends``: the ends of the sums of the definitions the step reaches are its sizes
    where it writes them (defined_sizes); a step that reading leaves undecided is read again
    without it, as it was before (later passes, such as example_sums, take what that says)."""
    args = (lhs_norm, rhs_norm, seed, examples, conditions, named, family, facts, einstein, case_pairs)
    free, _ = _free_indices(lhs_norm, rhs_norm, named, family, einstein)
    if defined_ends and _reached_sizes(lhs_norm, rhs_norm, named, free):
        sized = _check_indexed(*args, defined_ends=True)
        if sized["status"] in ("ok", "wrong"):
            return sized
    # no defined end to read (or it left the step undecided): read once without them
    return _check_indexed(*args, defined_ends=False)


def _free_indices(
    lhs_norm: Normalized, rhs_norm: Normalized, named: Definitions | None, family: list[str] | None, einstein: bool
) -> tuple[list[str], set[str] | None]:
    """The step's free indices, and those a document that sums repeated indices implies (or None)."""
    _, free = index_letters([lhs_norm, rhs_norm], fixed_definitions(named))  # δ_{o1} defined: no Kronecker
    free = sorted(set(free) | set(family or ()))
    implied = einstein_free_indices(lhs_norm, rhs_norm, named) if einstein else None
    free = sorted(implied) if implied is not None else free
    return unsized([lhs_norm, rhs_norm], free), implied  # Σ_{i=0}^{N-1} … x_N: N is the size (sum_bounds)


def _size_names(lhs_norm: Normalized, rhs_norm: Normalized) -> list[str]:
    """The upper ends of the step's own sums that are names (N of Σ_{i=1}^N), "" for an unwritten end."""
    return sorted({u for norm in (lhs_norm, rhs_norm) for _, _, u in norm.sums.values() if not u.isdigit()})


def _reached_sizes(lhs_norm: Normalized, rhs_norm: Normalized, named: Definitions | None, free: list[str]) -> list[str]:
    """The ends of the sums of the definitions the step reaches, other than its own sums' ends and
    its free indices: the N of L = (1/N) Σ_{i=1}^{N} in -(2/N)(y_j - ŷ_j) (defined_sizes)."""
    written = set(_size_names(lhs_norm, rhs_norm)) | set(free)
    return sorted(defined_sizes(named, [lhs_norm, rhs_norm]) - written)


def _check_indexed(
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    seed: int,
    examples: int,
    conditions: tuple[str, ...],
    named: Definitions | None,
    family: list[str] | None,
    facts: frozenset[str],
    einstein: bool,
    case_pairs: frozenset[str],
    defined_ends: bool,
) -> dict[str, Any]:
    free, implied = _free_indices(lhs_norm, rhs_norm, named, family, einstein)
    if len(free) > _MOST_FREE:
        return verdict("unparsed", f"could not read a step with {len(free)} free indices", "parse")
    matrices = sorted(set(lhs_norm.matrices) | set(rhs_norm.matrices))
    units = {n for n, d in {**lhs_norm.domains, **rhs_norm.domains}.items() if d == "unit"}
    reached = _reached_sizes(lhs_norm, rhs_norm, named, free) if defined_ends else []
    size_names = sorted(set(_size_names(lhs_norm, rhs_norm)) | set(reached))
    open_sizes = [n or "size" for n in size_names]
    unbounded = "" in size_names or defined_unbounded(named or {}, [lhs_norm, rhs_norm])  # μ := (1/N)Σ_k x_k too
    sizes = _expansion_sizes([lhs_norm, rhs_norm], size_names, free, named or {})
    judge = functools.partial(decide, matrices=matrices, seed=seed, examples=examples, units=units)

    def holds_at(env: dict[str, int], size: int) -> bool:
        try:
            lhs, rhs = _sides(lhs_norm, rhs_norm, env, size, named, implied is not None, reached)
        except Unparsed:
            return False
        return _under_facts(judge, facts, size, env, lhs, rhs)["status"] == "ok"

    first_other = None
    vanished = True
    assumed = ""
    checked = 0
    # every size, every value of the free indices (in a shifted sum's range: sum_bounds)
    for size, env, fixed in expansions([lhs_norm, rhs_norm], free, sizes):
        checked += 1
        holds = conditions_hold(conditions, env) if conditions else True
        if holds is False:
            continue  # outside the step's conditions (i ≠ j): not evidence either way
        try:
            at = {**env, **fixed, **dict.fromkeys(reached, size)}  # a defined sum's end written here: size
            lhs, rhs = _sides(lhs_norm, rhs_norm, at, size, named, implied is not None)
        except Unparsed as exc:
            return verdict("unparsed", f"could not read {exc}", "parse")
        where = _where(open_sizes, size, env)
        out = _under_facts(judge, facts, size, env, lhs, rhs, unbounded=unbounded)
        vanished = vanished and bool(out.get(VANISHED))  # 0 = 0 in every instance (vanishing_sides)
        out = guard_conditions(out, conditions, checked=holds is True)
        if out["status"] == "wrong":
            instance = (lhs_norm, rhs_norm, at, size, implied is not None)
            out = _held_back(out, instance, named, functools.partial(_under_facts, judge, facts, size, env))
        if out["status"] == "wrong":
            cex = dict(out["counterexample"])
            cex["where"] = where
            out["counterexample"] = cex
            out["message"] = f"with {where}: {out['message']}"
            # a split the step writes itself (cases on i = j, 1_{i=j}, δ_ij) is no unstated case
            stated = condition_indices([lhs_norm, rhs_norm], fixed_definitions(named))
            split = None if conditions else case_split(free, env, size, holds_at, stated, case_pairs)
            return unstated_case(out, split) if split else out
        if out["status"] == "ok" and out.get("method") == STATED_FACT:
            assumed = out["message"].rpartition("using ")[2]
        if out["status"] != "ok" and first_other is None:
            first_other = {**out, "message": f"with {where}: {out['message']}"}
    if first_other is not None:
        return first_other
    if not checked:
        return verdict("inconclusive", "no size at which every sum's bounds make sense to expand at", "sampled")
    ok = {**_expanded_ok(open_sizes, free, sizes), VANISHED: vanished}
    if implied is not None:
        ok["message"] += ", repeated indices summed (the document's summation convention)"
    return {**ok, "message": f"{ok['message']}, using {assumed}", "method": STATED_FACT} if assumed else ok


def _without_entry_values(named: Definitions | None, norms: list[Normalized]) -> Definitions | None:
    """The document's definitions less those of one entry of a family (``y_2 = 1 - y_1``, said
    of a binary case) that this step writes with index letters only (y_i, Σ_k y_k): expanded at
    size 3, its y_2 is the family's second entry, not that case's. None when there are none."""
    if not named:
        return None
    parts = [p for norm in norms for name in norm.symbol_names if (p := split_name(name)) and p[1]]
    lettered = {(p[0], p[2]) for p in parts if not p[1].isdigit()} - {(p[0], p[2]) for p in parts if p[1].isdigit()}
    drop = {
        key
        for key, (letters, _) in named.items()
        if not letters and (p := split_name(key)) and p[1].isdigit() and (p[0], p[2]) in lettered
    }
    return {k: v for k, v in named.items() if k not in drop} if drop else None


def _under_facts(
    judge: Any, facts: frozenset[str], size: int, env: dict[str, int], lhs: Any, rhs: Any, unbounded: bool = False
) -> Any:
    """One instance's verdict, tried again under the facts the document states (stated_facts), and
    a refuted one under the families it sums summing to one (unstated_sums) and, with a sum whose
    range is not written (``unbounded``), under its size letters equal to the sum's size
    (unwritten_ranges: Σ_p beside 1/N)."""
    out = with_unstated_sums(with_sums_to_one(judge(lhs, rhs), lhs, rhs, facts, size, judge, env), lhs, rhs, judge)
    return with_unwritten_range(out, lhs, rhs, size, judge) if unbounded else out


def _held_back(
    out: dict[str, Any],
    instance: tuple[Normalized, Normalized, dict[str, int], int, bool],
    named: Definitions | None,
    judged: Any,
) -> dict[str, Any]:
    """A wrong instance made inconclusive when it rests on a single entry's value (see
    _without_entry_values: not refuted without it) or on an index summed on one side and free
    on the other (an implied, Einstein-style sum)."""
    lhs_norm, rhs_norm, values, size, implied = instance
    loose = _without_entry_values(named, [lhs_norm, rhs_norm])
    if loose is not None:
        try:
            again = judged(*_sides(lhs_norm, rhs_norm, values, size, loose, implied))["status"]
        except Unparsed:
            again = "unparsed"
        if again != "wrong":
            note = (
                "; not refuted without the document's value for a single entry of a family this step "
                "writes with index letters only (a value said of another case or size?)"
            )
            return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + note}
    if not implied and _implied_sum(lhs_norm, rhs_norm):
        note = "; an index summed on one side is free on the other (an implied, Einstein-style sum?)"
        return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + note}
    return out


def _expansion_sizes(
    norms: list[Normalized], size_names: list[str], free: list[str], named: Definitions
) -> tuple[int, ...]:
    """Sizes 2 and 3 (only 2 with three free indices), or the one a step writes out
    (e^{z_1} + e^{z_2} + e^{z_3} against Σ_j: size 3, see written_sizes), or the one its
    definitions sum its free index to (out_o of Σ_{o=1}^{2}: fixed_families)."""
    fixed, fixed_size = fixed_family_letters(norms, named)
    if fixed and fixed <= set(free) and not size_names and fixed_size:
        return (fixed_size,)
    written = written_size(norms) if size_names else None
    if written:
        return (written,)
    if size_names or free:
        return INDEX_SIZES if len(free) < 3 else INDEX_SIZES[:1]
    # Σ_{k=1}^{2} in the step: a definition's Σ_{k=1}^N is meant at N = 2 here (written_sizes)
    return (numbered_size(norms) or 3,)


def _where(open_sizes: list[str], size: int, env: dict[str, int]) -> str:
    return (
        ", ".join([f"{n} = {size}" for n in open_sizes] + [f"{k} = {v}" for k, v in env.items()]) or "the sums expanded"
    )


def _sides(
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    env: dict[str, int],
    size: int,
    named: Definitions | None,
    implied: bool,
    ends: list[str] | None = None,
) -> tuple[Any, Any]:
    """Both sides at this size and these index values (and ``ends``, a defined sum's end the step
    writes, at the size); with ``implied``, each term summed over the index letters left in it
    (Einstein's convention)."""
    env = {**env, **dict.fromkeys(ends or (), size)}
    lhs, rhs = to_sympy(lhs_norm, env, size, named), to_sympy(rhs_norm, env, size, named)
    if not implied:
        return lhs, rhs
    try:
        return einstein_sum(lhs, size), einstein_sum(rhs, size)
    except ValueError as exc:
        raise Unparsed(str(exc)) from None


def einstein_free_indices(lhs_norm: Normalized, rhs_norm: Normalized, named: Definitions | None) -> set[str] | None:
    """The step's free indices under the summation convention, or None (nothing implied here)."""
    try:
        return einstein_free(to_sympy(lhs_norm, {}, 2, named), to_sympy(rhs_norm, {}, 2, named))
    except Unparsed:
        return None


def _implied_sum(lhs: Normalized, rhs: Normalized) -> bool:
    """Is a letter summed on one side and used outside every sum on the other (y_i ŷ_i against
    Σ_i y_i ŷ_i) in a way a summation convention, or a sum whose scope ends too early, explains?
    Einstein's convention sums a letter a term writes twice; a letter written once (∂E/∂p_i
    against -Σ_i (y_i/p_i - …)) in every term of its side is a free index under any convention,
    and a step that sums its own free index is refuted as written. One missing from a term of its
    side (-y_k + y_i ŷ_k) is no index of the answer: a loose convention sums it (einstein). A
    letter both summed and left outside the sums on one side (Σ_i a_i + b_i) says that sum's scope
    was meant wider: held too."""

    def summed(norm: Normalized) -> set[str]:
        return {index for index, _, _ in norm.sums.values()}

    def loose(norm: Normalized) -> set[str]:
        return {c for name in norm.outside if (p := split_name(name)) and p[1].isalpha() for c in p[1]}

    for side, other in ((lhs, rhs), (rhs, lhs)):
        letters = summed(side) & loose(other)
        # a sum's scope ending early (Σ_i a_i + b_i) on either side, or a term writing the letter twice
        if letters and (letters & (loose(side) | _written_sums(other)) or _written_twice(other, letters)):
            return True
        # -y_k + y_i ŷ_k: a letter missing from a term is no index of the answer (a loose convention's sum)
        if any(not all(subscript_letters(t)[c] for t in top_level_terms(other.source)) for c in letters):
            return True
    return False


#: the index letter of a sum or product the side writes itself (not one of a definition it stands for)
_WRITTEN_SUM = re.compile(r"\\(?:sum|prod)\s*(?:\\limits\s*)?_\s*\{?\s*([A-Za-z])")


def _written_sums(norm: Normalized) -> set[str]:
    return set(_WRITTEN_SUM.findall(norm.source))


def _written_twice(norm: Normalized, letters: set[str]) -> bool:
    """Does this side write one of these index letters in two subscripts (y_i ŷ_i, X_{ii}, the chain
    rule's ∂ℓ/∂o_i ∂o_i/∂z_j; also y_i/p_i or a_i + b_i, which a convention could sum: held alike)?"""
    counts = subscript_letters(norm.source)
    return any(counts[c] >= 2 for c in letters)


def _expanded_ok(open_sizes: list[str], free: list[str], sizes: tuple[int, ...]) -> dict[str, Any]:
    if not open_sizes and not free:
        return {
            "status": "ok",
            "counterexample": None,
            "message": "sums expanded term by term (their bounds are numbers)",
            "method": "expanded",
        }
    indices = f" every value of {', '.join(free)}" if free else ""
    checked = ", ".join(map(str, sizes))
    over = " and ".join(f"{n} = {checked}" for n in open_sizes) or f"sizes {checked}"
    return {
        "status": "ok",
        "counterexample": None,
        "message": f"sums expanded: ok for {over}{' and' if indices else ''}{indices}"
        " (sampled sizes, not a proof for every size)",
        "method": "expanded",
    }


def contracted_indices(lhs_norm: Normalized, rhs_norm: Normalized, named: Definitions | None) -> bool:
    """Does the step write an index twice in one term that the other side lacks (einstein.contracted)?"""
    try:
        return contracted(to_sympy(lhs_norm, {}, 2, named), to_sympy(rhs_norm, {}, 2, named))
    except Unparsed:
        return False
