r"""A cost the step itself takes apart: its unknown derivatives are those its other side writes.

``\frac{\partial L}{\partial x_1} = \frac{\partial L}{\partial z_1} w_{11} + \frac{\partial
L}{\partial z_2} w_{21}`` in a document that defines ``z_1 = w_{11} x_1 + w_{12} x_2 + b_1`` and
``z_2 = …`` but gives L no formula that reaches x_1 (none at all, or one of another section's
example): both sides differentiate L, one by x_1, the other by z_1 and z_2, which the document's
definitions feed from x_1. The step is then a claim about ANY cost of the z's, the quantities it
writes the cost's derivatives by: :mod:`unstated_dependence` reads L as an unknown function of
them (its parents, :func:`own_cost_parents`), SymPy's chain rule expands every other factor by
the document's definitions, and the usual judges decide: ok when the sides agree for any such
cost, ``wrong`` only when the difference is a nonzero combination of the cost's derivatives
(:mod:`opaque_costs`: σ for σ', a swapped index, a wrong layer), otherwise inconclusive.

The document's doc-wide dependence graph (``settle``) often cannot say this: a long document
differentiates L by everything of every example it works (L by W, x, z, d, b_1 …: too many
parents), or gives L the value of an earlier example. This reading is the step's own, and it is
tried last (only where those leave the step unread), under these conditions, each of which keeps
a wrong step from passing for a dependence the step invents:
- the cost is differentiated on BOTH sides, and the variables it is taken by that feed none of
  the others (the frontier: z_1, z_2 above) are names the document gives a value (a family such
  as z_{*} whose entries it defines), so every factor but the cost's derivatives is the
  document's: an intermediate with no formula (y_o with no value) leaves the step as it was;
- every other variable the cost is taken by (x_1) is reached from the frontier by those values;
- a numbered frontier entry brings its defined siblings (z_1 brings z_2, z_3): a step that drops
  the term of z_2 (∂L/∂x_1 = ∂L/∂z_1 w_{11}) then leaves ∂L/∂z_2 on one side only, which
  opaque_costs holds back (inconclusive), instead of an ok for a cost of z_1 alone;
- at most three parents, no cost of matrices (decide_unstated and opaque_costs hold those).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Normalized
from derive.checks.latex.unstated_dependence import OWN, ancestors

__all__ = ["OwnReading", "decisive_only", "own_cost_entries", "own_cost_parents", "own_reading"]

#: a numbered entry: base, number, label (z_{2}, w_{21}^{(2)})
_NUMBERED = re.compile(r"(?P<base>.+?)_\{(?P<num>\d+)\}(?P<label>(?:\^\{[^{}]*\})?)")
#: parents a cost may have (unstated_dependence's limit)
_MOST_PARENTS = 3


class OwnReading(dict):
    """The step's definitions with its own costs' unknowns (split_unstated's last tier)."""


def decisive_only(
    before: dict[str, Any], again: dict[str, Any], reading: dict, sides: Sequence[Normalized]
) -> dict[str, Any]:
    """The verdict to keep after reading a step again with ``reading``: this module's reading
    keeps only ok or wrong, so that an unread step stays unread for the passes that read it
    after judging (abstract_chain, added_terms: they act on unread steps only); and a ``wrong``
    only where both sides write the cost's derivatives themselves (:func:`_through_values`) and
    each of its arguments is reached from the step's variable along ONE path of the values. Two
    paths (ŷ_1 = w_5 a_1 + w_6 a_2 with a_2 = σ(z_1), a typo for σ(z_2)) make the expanded side
    hold a term the step's chain never meant: that difference is the document's, not the step's,
    and the step is left as it was."""
    if not isinstance(reading, OwnReading) or again["status"] == "ok":
        return again
    if again["status"] != "wrong" or _parallel_paths(reading, sides) or _through_values(reading, sides):
        return before
    return again


def _through_values(reading: dict, sides: Sequence[Normalized]) -> bool:
    """Is a cost of ``reading`` differentiated on one side only through the value of a name it
    writes (∂C/∂w = −δ a with δ defined as ∂C/∂z)? That value may be one the prose has since
    changed ("some write δ with the other sign"): an ok through it stands, a wrong does not."""
    from derive.checks.latex.unstated_dependence import Unstated, written_dependences

    costs = {value.name for _, value in reading.values() if isinstance(value, Unstated)}
    written = [{n for n, _ in written_dependences(side)} for side in sides]
    return any(cost not in names for cost in costs for names in written)


def _parallel_paths(reading: dict, sides: Sequence[Normalized]) -> bool:
    """Does any unknown cost of ``reading`` reach one of the variables the sides take it by along
    more than one path of the reading's values (or along a cycle)?"""
    from derive.checks.latex.unstated_dependence import Unstated, node

    edges = {node(k): {node(n) for n in v.symbol_names} for k, (_, v) in reading.items() if not isinstance(v, Unstated)}
    pairs = set().union(*(_written(side, reading) for side in sides)) if sides else set()
    for _, value in reading.values():
        if not isinstance(value, Unstated):
            continue
        for variable in {node(v) for n, v in pairs if n == value.name} - set(value.parents):
            if any(_paths(parent, variable, edges, ()) > 1 for parent in value.parents):
                return True
    return False


def _paths(start: str, end: str, edges: dict[str, set[str]], seen: tuple[str, ...]) -> int:
    """Paths from ``start`` down to ``end`` through the values, counted up to 2 (a cycle counts 2)."""
    if start == end:
        return 1
    if start in seen:
        return 2
    count = 0
    for name in edges.get(start, ()):
        count += _paths(name, end, edges, (*seen, start))
        if count > 1:
            break  # two are enough to say it: a deep network has paths by the thousand
    return count


def _tag(sides: Sequence[Normalized]) -> str:
    """This reading's key prefix for one step: the definitions of steps at one place in the
    document may be one shared dict, and one step's costs are not another's."""
    digest = hashlib.sha1("\x00".join(side.latex for side in sides).encode()).hexdigest()[:16]
    return f"{OWN}{digest}:"


def own_reading(named: dict[str, Any], sides: Sequence[Normalized]) -> OwnReading:
    """The entries :func:`own_cost_entries` added for the step of these sides, their keys as keys."""
    tag = _tag(sides)
    return OwnReading({k[len(tag) :]: v for k, v in named.items() if k.startswith(tag)})


def own_cost_entries(
    sides: Sequence[Normalized],
    scalar: dict[str, tuple[str, Normalized]],
    fixed: set[str],
) -> dict[str, tuple[str, Normalized]]:
    """The step's definitions to add for this reading: unknown functions keyed ``own:<step>:``
    (each recording the document's values of its name it sets aside); empty where none applies."""
    from derive.checks.latex.unstated_dependence import Unstated, node, unstated_entry

    given = {k: v for k, v in scalar.items() if not isinstance(v[1], Unstated) and ":" not in k}
    out: dict[str, tuple[str, Normalized]] = {}
    for name, parents in own_cost_parents(sides, given, fixed).items():
        key, entry = unstated_entry(name, parents)
        dropped = tuple(sorted(k for k in given if node(k) == name))
        out[_tag(sides) + key] = (entry[0], replace(entry[1], replaces=dropped))
    return out


def own_cost_parents(
    sides: Sequence[Normalized],
    given: dict[str, tuple[str, Normalized]],
    fixed: set[str],
) -> dict[str, tuple[str, ...]]:
    """Each cost of the step (module docstring) and the parents it is read with."""
    from derive.checks.latex.unstated_dependence import choose_parents, node

    if len(sides) != 2:
        return {}
    per_side = [_written(side, given) for side in sides]
    costs = {n for n, _ in per_side[0]} & {n for n, _ in per_side[1]}
    valued = {node(k) for k in given}
    found: dict[str, tuple[str, ...]] = {}
    for cost in sorted(costs):
        if cost in fixed or node(cost) != cost:
            continue  # a function, a constant, or a family of costs (C_k): not this reading's
        # the cost's own values are set aside: its edges would make its parents feed it
        edges = {node(k): {node(n) for n in v.symbol_names} for k, (_, v) in given.items() if node(k) != cost}
        variables = {node(v) for pairs in per_side for n, v in pairs if n == cost}
        variables |= _siblings(variables, given)
        parents = choose_parents({cost: variables}, edges).get(cost)
        if not parents or len(parents) > _MOST_PARENTS or not set(parents) <= valued:
            continue  # an intermediate with no formula: the step says how the cost reaches it only
        reached = set().union(*(ancestors(p, edges) for p in parents))
        if variables - set(parents) <= reached:  # none beside them: a claim about its derivatives by them
            found[cost] = parents
    return found


def _written(side: Normalized, given: dict[str, tuple[str, Normalized]]) -> set[tuple[str, str]]:
    """(N, V) for each derivative of a bare name N by V the side writes, or the value of a name it
    writes does (δ_j defined as ∂C/∂z_j: C by z_j), since that value is what the judge reads."""
    from derive.checks.latex.unstated_dependence import node, written_dependences

    values = {node(k): v for k, (_, v) in given.items()}
    found = written_dependences(side)
    for name in side.symbol_names:
        if node(name) in values:
            found |= written_dependences(values[node(name)])
    return found


def _siblings(variables: set[str], given: dict[str, Any]) -> set[str]:
    """The defined numbered entries beside each numbered variable (z_1: z_2, z_3 of the same base
    and label): the units of one layer, or of a chain of layers, which choose_parents then orders
    (z_2 fed by z_1 through a_1: the cost of z_2 alone)."""
    from derive.checks.latex.unstated_dependence import node

    out: set[str] = set()
    for var in variables:
        m = _NUMBERED.fullmatch(var)
        if not m:
            continue
        for key in given:
            k = _NUMBERED.fullmatch(node(key))
            if k and (k.group("base"), k.group("label")) == (m.group("base"), m.group("label")):
                out.add(node(key))
    return out - variables
