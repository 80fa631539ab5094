r"""A function's definition written again in another form: a step, when it agrees.

Students define a loss at its arguments and then write it out again, simplified or at other
names: ``\mathcal{L}(\hat y, y) = -(y\log\hat y + (1-y)\log(1-\hat y))``, then ``\mathcal{L}(a, y) =
-(y\log a + (1-y)\log(1 - a))``; ``E(w) = \frac12(w - t)^2``, then ``E(w) = \frac12(t - w)^2``;
``J(\theta) = -\frac1m\sum_i[\dots h_\theta(x_i)\dots]``, then with h put in. Each of these is the
form ``X(params) = value`` that defines X, so each was read as a definition ("the document's
definition of the function X", inconclusive): which one is meant, if they differ, is not known
(scoped_functions reads each use with the latest before it).

Read as a claim, the later one holds or not under the earlier: ``X(params)`` put in from the
definition just before it. Where it holds (:func:`confirm_restatements`), the step is ``ok``,
saying it agrees with the earlier definition. Where it does not, it stays a definition,
inconclusive: a new section may define X anew (the ridge loss, then the lasso loss, both
``L(w) = …``), so a restatement that differs is never ``wrong``.

The same holds for a definition written again at the entries of a vector, which a definition of its
own is not taken to be (``f(x_1, x_2)`` may be f at a sample): "we look again at the quadratic example
$f(x_1,x_2) = 0.1x_1^2 + 9x_2^2$" after ``f(x, y) = 4x^2 + y^2`` was refuted as a claim about the
earlier f. A first link ``X(p_1, …, p_n) = value`` of a function the document defines with n ≥ 2
parameters, at n different names its value uses, is X defined anew: its ``wrong`` is inconclusive
(:func:`hold_restated_calls`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.abstract_functions import abstract_name
from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import PARAMETER_SEPARATOR
from derive.checks.latex.multi_functions import multi_call, multi_definitions
from derive.checks.latex.notation import Notation
from derive.checks.latex.own_functions import NewFunction
from derive.checks.latex.steps import split_chain
from derive.checks.latex.subscripted_functions import more_definitions, uses

__all__ = ["confirm_restatements", "hold_restated_calls"]

_AGREES = "{message}; it agrees with the document's definition of {name} on line {line}, put in on the left"


def confirm_restatements(
    judged: list[Any], equations: list[Equation], notation: Notation, document: Any, again: Any
) -> list[Any]:
    """``judged`` with each definition ``X(params) = value`` of a function defined before it made
    ok where it holds with X's definition just before (module docstring); any other verdict of
    that reading leaves it a definition. ``again``: a Rejudge."""
    found = [*more_definitions(equations, notation), *multi_definitions(equations, notation)]
    defs = sorted({(d.line, d.column): d for d in found}.values(), key=lambda d: (d.line, d.column))
    out = list(judged)
    for k, result in enumerate(judged):
        if result.status != "inconclusive" or result.method != "definitions":
            continue
        here = (result.step.line, result.step.column)
        own = next((d for d in defs if (d.line, d.column) == here), None)
        earlier = [d for d in defs if own is not None and _same_function(d, own) and (d.line, d.column) < here]
        if not earlier:
            continue
        step, before = result.step, earlier[-1]
        task = (step, document.for_step(step.line, step.column, step.rhs))
        why = _AGREES.format(message="{message}", name=own.name, line=before.line)
        out = replace(again, notation=_defined_as(again.notation, before)).confirm(out, [task], [k], [why])
    return hold_restated_calls(out, equations, notation)


_ANEW = "; it is {name} defined again at {params}, which a later section may do: a definition, not a claim"


def hold_restated_calls(judged: list[Any], equations: list[Equation], notation: Notation) -> list[Any]:
    """``judged`` with each ``wrong`` first link ``X(p_1, …, p_n) = value`` of a function the
    document defines with n ≥ 2 parameters, at n names the value uses, made inconclusive."""
    if not any(r.status == "wrong" for r in judged):
        return judged
    anew: dict[tuple[int, int], str] = {}
    for equation in equations:
        for chain in split_chain(equation):
            (first, relation), (second, _) = chain[0], chain[1]
            call = multi_call(first.text, notation) if relation in ("=", ":=", r"\coloneqq") else None
            defined = notation.doc_functions.get(call[0]) if call else None
            if call is None or defined is None or len(defined[0].split(PARAMETER_SEPARATOR)) != len(call[1]):
                continue
            if all(uses(second.text, p, notation) for p in call[1]):
                anew[second.line, second.column] = _ANEW.format(name=call[0], params=", ".join(call[1]))
    out = []
    for r in judged:
        why = anew.get((r.step.line, r.step.column)) if r.status == "wrong" else None
        out.append(r.held(r.message + why) if why else r)
    return out


def _same_function(a: NewFunction, b: NewFunction) -> bool:
    """One name at as many parameters: ``L(\\hat y, y)`` and ``L(a, y)``, not ``H(p)`` and ``H(p, q)``."""
    count = len(a.parameter.split(PARAMETER_SEPARATOR))
    return a.name == b.name and count == len(b.parameter.split(PARAMETER_SEPARATOR))


def _defined_as(notation: Notation, definition: NewFunction) -> Notation:
    """The notation with the function meaning this definition (and no undefined function of that name)."""
    name = definition.name
    functions = {k: v for k, v in notation.functions.items() if k != name or abstract_name(v) is None}
    own = {**notation.doc_functions, name: (definition.parameter, definition.body)}
    return replace(notation, doc_functions=own, functions=functions)
