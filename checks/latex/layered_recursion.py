r"""A delta the document defines by its own back-propagation equations, read as ∂C/∂z where they compute it.

Many notes (Nielsen's style, course reports) never write ``\delta^l_j = \partial C/\partial z^l_j``.
They give the output error and the recursion instead, and then the gradients through them:

    δ^L_j = f'(z^L_j) ∂C/∂a^L_j,   δ^l_j = Σ_k δ^{l+1}_k w^{l+1}_{kj} f'(z^l_j),
    ∂C/∂w^l_{jk} = δ^l_j a^{l-1}_k,   ∂C/∂b^l_j = δ^l_j.

For the checker δ was a name with two formulas and no derivative, and the last two steps stayed
unread ("… does not contain b^l_j"). :mod:`layered_backprop` judges such steps on random
networks, but only where δ is defined as the derivative.

Here δ's formulas are taken as its definition. The output error (at L) fixes δ at the last layer
and the recursion (at the generic layer l) fixes it below; together they fix δ at every layer. Each
of them is judged on :mod:`layered_backprop`'s random networks as if δ were ∂C/∂z (the document's
forward pass and activation; a random smooth loss, or the document's loss formula where the formula
writes the target). Where every formula the document gives δ holds so, the δ the document computes
IS ∂C/∂z on those networks, and each unread step is judged again under that reading.

Only ``ok`` is taken from this reading (it confirms; every other verdict of the second reading
leaves the step as it was): the forward pass or the activation may be read in a way the author did
not mean, and the document's own δ formulas are that reading's evidence, not a proof. δ's formulas
themselves are not confirmed by it (they are what the reading is built from). Not read: a document
for which layered_backprop already has a δ defined as a derivative, a δ formula that does not hold
or is not read, no formula at L or none at l.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from derive.checks.latex.layered_assumed import assumed_context
from derive.checks.latex.layered_backprop import (
    METHOD,
    UNFORESEEN,
    LayeredContext,
    _context,
    _definitions,
    _read,
    _safely,
    layered_context,
)
from derive.checks.latex.layered_plain import NO_DELTA, undefined_delta
from derive.checks.latex.results import StepResult

__all__ = ["confirm_layered_recursion", "recursion_context"]

#: the names a document gives the error signal it back-propagates
DELTA_NAMES = ("\\delta", "\\Delta", "\\varepsilon", "\\epsilon")
#: the reading, said in each confirmed step's message
WHY = (
    "reading {delta} as ∂{loss}/∂{z}, which the document's own formulas for {delta} (at the last layer and "
    "at layer l) compute on random networks: "
)


def recursion_context(text: str, equations: list[Any]) -> tuple[LayeredContext, set[tuple[int, int]]] | None:
    """The layered context with δ read as ∂C/∂z, and the places of δ's formulas, where every
    formula the document gives δ holds under that reading (see the module doc); None otherwise."""
    if "\\partial" not in text and "\\pdv" not in text:
        return None
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            found = layered_context(text, equations)
            if found is not None and found.roles.delta != NO_DELTA:
                return None  # δ defined as the derivative: layered_backprop's own reading
            return _scan(_definitions(equations), text)
    except UNFORESEEN:
        return None


def _scan(pairs: list[Any], text: str) -> tuple[LayeredContext, set[tuple[int, int]]] | None:
    for sup in (True, False):
        trees = [(s, _read(s.lhs, sup), _read(s.rhs, sup)) for s in pairs]
        loss_names = undefined_delta(trees)
        if loss_names is None:
            continue
        loss, names = loss_names
        for delta in DELTA_NAMES:
            formulas = [(s, lhs) for s, lhs, rhs in trees if _is_delta(lhs, delta) and rhs is not None]
            if not formulas:
                continue
            places = {(s.line, s.column) for s, _ in formulas}
            for z in dict.fromkeys((*names, *_activated(trees))):
                context = _context((None, (delta, loss, z)), trees, text, sup)
                if context is not None and _computes_derivative(formulas, context):
                    return context, places
            context = assumed_context(trees, formulas, (delta, loss, names), text, sup)
            if context is not None and _computes_derivative(formulas, context):
                return context, places
    return None


def _activated(trees: list) -> list[str]:
    """The names the document applies its activation to (z of a^l = σ(z^l)): the pre-activation,
    which a document giving δ by formulas need never differentiate by."""
    out = []
    for _, lhs, rhs in trees:
        if lhs and rhs and lhs[0] == "var" and lhs[2] is not None and rhs[0] == "call" and rhs[3][0] == "var":
            out.append(rhs[3][1])
    return out


def _is_delta(lhs: Any, delta: str) -> bool:
    """δ at a layer, as the left side of a formula: δ^L_j, δ^l, δ^{(l)}_j."""
    return bool(lhs) and lhs[0] == "var" and lhs[1] == delta and lhs[2] is not None


def _computes_derivative(formulas: list[tuple[Any, tuple]], context: LayeredContext) -> bool:
    """Every formula for δ holds with δ read as ∂C/∂z, and there is one at L and one at l."""
    layers = {lhs[2][0] for _, lhs in formulas if lhs[2][1] == 0}
    if not {"L", "l"} <= layers:
        return False
    for pair, _ in formulas:
        verdict = _safely(_Step(pair.lhs, pair.rhs, line=pair.line, column=pair.column), context)
        if verdict is None or verdict[0] != "ok":
            return False
    return True


@dataclass(frozen=True)
class _Step:
    """The parts of a step layered_backprop's judge reads: its sides, the prose before it, its
    conditions (a formula of δ is judged as a step of its own, with none)."""

    lhs: str
    rhs: str
    context: str = ""
    conditions: tuple = ()
    line: int = 0
    column: int = 0


def confirm_layered_recursion(results: list[StepResult], equations: list[Any], text: str) -> list[StepResult]:
    """The results, with each step left unread (no counterexample) that holds on random networks
    under the recursion's reading of δ made ok; every other step as it was."""
    found = recursion_context(text, equations)
    if found is None:
        return results
    context, formulas = found
    skipped = formulas | set(context.definitions)  # δ's formulas, the activation's and forward pass's
    roles = context.roles
    why = WHY.format(delta=roles.delta, loss=roles.loss, z=roles.z)
    if context.activation_assumed:  # layered_assumed's layer, or one stated at the last layer only
        layer = f"{roles.z} = {roles.weight} {roles.a} + b, {roles.a} = {roles.act}({roles.z})"
        why = why.replace(": ", f" (the layer {layer} assumed where the document does not state it at layer l): ", 1)
    out = []
    for r in results:
        step = r.step
        unread = r.status in ("inconclusive", "unparsed") and r.counterexample is None
        if unread and (step.line, step.column) not in skipped:
            verdict = _safely(step, context)
            if verdict is not None and verdict[0] == "ok":
                r = replace(r, status="ok", counterexample=None, message=why + verdict[2], method=METHOD)
        out.append(r)
    return out
