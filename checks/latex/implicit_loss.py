r"""Steps about a loss the document names but never writes, read with a made-up loss of the last layer.

A document writes the forward pass unit by unit (``u_q = \sum_p v_{qp} h_p + c_q``, ``o_q =
\tanh(u_q)``), names its loss R without a value, and derives: ``\varepsilon_q = \frac{\partial
R}{\partial u_q}``, ``\frac{\partial R}{\partial v_{qp}} = \varepsilon_q h_p``, ``\frac{\partial
R}{\partial h_p} = \sum_q \varepsilon_q v_{qp}``. As written, R contains none of the variables, so
every such step is left unread (its dependence is not stated). Backpropagation's steps hold for
EVERY smooth loss of the network's last layer, so a correct one holds for any one loss; a wrong one
(a chain through the wrong unit, a missing factor) fails for a loss that couples every unit, unless
by a coincidence of that loss: the ok below is sampled with one such loss, not proved for all.

So each step left unread is judged again with R given a made-up value: a smooth, non-separable
function of the one family of the document's definitions that feeds no other (the last layer
as the document writes it, o_q above): ``R = \sum_s \cos(o_s) + \frac{1}{2}(\sum_s o_s)^2``.
Only an ``ok`` is taken (the step is then sampled true for that loss, and the message says so);
any other verdict leaves the step as it was. A wrong verdict for the made-up loss says nothing
about the document's own loss, which may be one particular loss the prose names (a step that holds
for squared error only), so it is never given.

The reading is taken only where it cannot stand in for something the document says:

- the loss is the one numerator of the step's derivatives (and of the definitions its names have,
  ``\varepsilon_q = \partial R / \partial u_q``) that the document never defines, and it has no
  index letter (``E_n`` per example is left alone);
- exactly one defined family feeds no other definition and writes no derivative (a δ defined as
  a derivative is no layer); its name has one index letter;
- every variable the step differentiates by, and every other numerator, is that family or
  reaches it through the definitions (a target y, a name off the network, keeps the step unread:
  the made-up loss would say it does not matter).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.summed_chains import FACTOR, family_key, subscript_letters
from derive.checks.latex.unstated_dependence import ancestors

__all__ = ["confirm_implicit_losses", "implicit_loss", "last_family", "loss_value"]

#: steps judged again per document at most (each is one more judgement)
_MOST_CONFIRMED = 40
#: letters tried, in order, for the made-up loss's summation index
_SUM_LETTERS = "srtmnq"

_WHY = (
    "{message}; reading {loss}, which the document names without a value, as a smooth function of the"
    " last layer its definitions write, {family} (made up for the reading: {loss} = {value}, a loss"
    " coupling every unit; sampled true with it, not a proof for every loss; a step that fails with it"
    " is not judged)"
)


def _numerators(norm: Normalized) -> set[str]:
    """Names differentiated in a normalised side (the N of each ∂N/∂X)."""
    found = set()
    for _, sym in re.findall(FACTOR, norm.latex):
        kind, name = norm.symbols.get(int(sym), ("", ""))
        if kind == "symbol" and name:
            found.add(name)
    return found


def _variables(norm: Normalized) -> set[str]:
    """Names a normalised side differentiates by (the X of each ∂N/∂X)."""
    return {v for v in norm.derivatives.values() if isinstance(v, str)}


def _parents(scalar: dict[str, tuple[str, Normalized]]) -> dict[str, set[str]]:
    """family → families its definition's value writes (u_{*} → v_{*}, h_{*}, c_{*})."""
    graph: dict[str, set[str]] = {}
    for name, (_, value) in _readable(scalar).items():
        graph.setdefault(family_key(name), set()).update(family_key(n) for n in value.symbol_names)
    return graph


def _readable(scalar: dict[str, Any]) -> dict[str, tuple[str, Normalized]]:
    """The definitions whose value is a normalised expression (a few hold another form)."""
    return {
        name: entry
        for name, entry in scalar.items()
        if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], Normalized)
    }


def last_families(scalar: dict[str, tuple[str, Normalized]], loss: str) -> list[str]:
    """The defined names, with one index letter, whose family no other definition's value writes
    and whose own value writes no derivative and not the loss (each layer's output the document
    writes last: o_q; a^{l+1}_j and a^{L}_j where it writes a layer letter's instances)."""
    graph = _parents(scalar)
    fed = {parent for name, parents in graph.items() for parent in parents if parent != name}
    found = []
    for name, (letters, value) in _readable(scalar).items():
        if len(letters) != 1 or family_key(name) in fed or loss in value.symbol_names:
            continue
        if re.search(FACTOR, value.latex) or value.derivatives:
            continue  # δ_q = ∂R/∂u_q: an error signal, not a layer
        found.append(name)
    return found


def last_family(scalar: dict[str, tuple[str, Normalized]], loss: str) -> str | None:
    """The one name of :func:`last_families`, None when there is not exactly one."""
    found = last_families(scalar, loss)
    return found[0] if len(found) == 1 else None


def loss_value(entry: str, letter: str, free: set[str]) -> str | None:
    """LaTeX of the made-up loss of a family (entry ``o_{q}``, its index ``q``): non-separable, so
    a chain through the wrong unit, or one unit only, is not equal to the right one by accident."""
    s = next((c for c in _SUM_LETTERS if c not in free), None)
    if s is None or f"_{{{letter}}}" not in entry:
        return None
    one = entry.replace(f"_{{{letter}}}", f"_{{{s}}}", 1)
    return rf"\sum_{{{s}}} \cos\left({one}\right) + \frac{{1}}{{2}}\left(\sum_{{{s}}} {one}\right)^{{2}}"


def implicit_loss(
    sides: tuple[Normalized, Normalized], scalar: dict[str, tuple[str, Normalized]], defined: set[str]
) -> tuple[str, str, str] | None:
    """(loss, last family's entry, made-up value) for a step's sides under the definitions before
    it (``scalar``), ``defined`` every name the document defines anywhere; None where the module
    docstring's conditions fail."""
    numerators = set().union(*(_numerators(s) for s in sides))
    variables = set().union(*(_variables(s) for s in sides))
    written = set().union(*(s.symbol_names for s in sides))
    readable = _readable(scalar)
    used = [readable[n][1] for n in written if n in readable]
    candidates = numerators | set().union(*(_numerators(v) for v in used)) if used else set(numerators)
    undefined = {n for n in candidates if n not in defined and n not in scalar}
    if len(undefined) != 1 or not variables:
        return None
    loss = undefined.pop()
    if subscript_letters(loss):
        return None
    graph = _parents(scalar)
    differentiated = {family_key(n) for n in variables | (numerators - {loss})}
    # the last layer that every name the step differentiates reaches: a^{l+1} for a step about
    # a^{l} beside a^{L} (the loss reaches a^{l} only through the next layer, whatever it is)
    reaches = {t: ancestors(family_key(t), graph) | {family_key(t)} for t in last_families(scalar, loss)}
    tops = [t for t, reached in reaches.items() if differentiated <= reached]
    if len(tops) != 1:
        return None
    top = tops[0]
    free = {c for n in written | set(scalar) for c in subscript_letters(n)} | set(loss)
    value = loss_value(top, scalar[top][0], free)
    return (loss, top, value) if value else None


def _instances_before(context: Any, step: Any) -> dict[str, Any]:
    """The layer instances (layer_instances: z^{l} read at l+1, at L) defined before a step, as
    scalar definitions; the document's own definitions of a name come first."""
    at = (step.line, step.column)
    return {
        i.definition.name: i.scalar
        for i in getattr(context, "layer_instances", ())
        if (i.definition.line, i.definition.column) < at
    }


def confirm_implicit_losses(judged: list[Any], context: Any, notation: Any, again: Any) -> list[Any]:
    """``judged`` (StepResults) with each step left unparsed or inconclusive without a
    counterexample judged again (``again``, a rejudge.Rejudge) with its unwritten loss given the
    made-up value of :func:`implicit_loss`: ``ok`` where it then holds, else as it was."""
    document = getattr(context, "document", None)
    if document is None or not getattr(document, "scalar", None):
        return judged
    defined = {d.name for d in document.defs}
    scoped = replace(notation, sum_takes_index_terms=True)  # as DocumentDefinitions reads a value
    tasks, where, why = [], [], []
    for k, result in enumerate(judged):
        step = result.step
        if result.status not in ("unparsed", "inconclusive") or result.counterexample is not None:
            continue
        typed, scalar = document.for_step(step.line, step.column, step.rhs)
        scalar = {**_instances_before(context, step), **scalar}
        sides = (normalize(step.lhs, notation), normalize(step.rhs, notation))
        found = implicit_loss(sides, scalar, defined)
        if found is None:
            continue
        loss, top, value = found
        norm = normalize(value, scoped)
        if norm.problems:
            continue
        tasks.append((step, (typed, {**scalar, loss: ("", norm)})))
        where.append(k)
        why.append(_WHY.replace("{loss}", loss).replace("{family}", top).replace("{value}", value))
        if len(tasks) >= _MOST_CONFIRMED:
            break
    return again.confirm(judged, tasks, where, why)
