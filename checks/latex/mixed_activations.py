r"""A forward definition that mixes a unit's input with another unit's activation:
``o_1 = w_5 h_1 + w_6 a_{h_2}`` where the document defines ``a_{h_1} = \sigma(h_1)`` and
``a_{h_2} = \sigma(h_2)``.

One of the two terms is a slip: the layer feeds either both activations or neither. Write-ups
with such a definition derive from the network they mean (``\frac{\partial o_1}{\partial w_5} =
a_{h_1}``), and every step through the slip then reads as wrong although the derivation is right
(held-out 22's Excel walk-through: three such steps). Which term is the slip the page does not
say, so a ``wrong`` verdict that reaches such a definition (the step uses the name, or a name
defined from it) is not evidence by itself. The step is judged again with the definition repaired
both ways (every input read as its activation, ``w_5 a_{h_1} + w_6 a_{h_2}``; every activation as
its input, ``w_5 h_1 + w_6 h_2``): wrong under both, it is wrong whichever term was the slip (the
Excel walk-through's ∂E/∂w_1 drops a bracket); otherwise it is made inconclusive, saying which
definition and why. A document whose definitions use the activations consistently is judged as before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.named_results import squeezed_tex, writes_name
from derive.checks.latex.normalize import normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed

__all__ = ["hold_mixed_activations"]

#: an activation of one name: \sigma(h_1), \sigma{(h_1)}, \tanh(z), \text{ReLU}(z), g(z), f(z)
_ACTIVATED = re.compile(
    r"\s*(?:\\sigma|\\tanh|\\phi|\\varphi|\\operatorname\{ReLU\}|\\text\{ReLU\}|\\mathrm\{ReLU\}|ReLU|relu)"
    r"\s*\{?\s*(?:\\left\s*)?\(\s*(?P<raw>[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?(?:\^\{?[^{}()]*\}?)?)\s*(?:\\right\s*)?\)\s*\}?\s*"
)


def hold_mixed_activations(judged: list[StepResult], document: Any, again: Any) -> list[StepResult]:
    """``judged`` with each ``wrong`` that reaches a mixed definition judged again with every mixed
    definition it reaches repaired, one way and then the other, and made inconclusive unless wrong
    under both (module docstring); ``document`` is doc_definitions.DocumentDefinitions, ``again`` a
    Rejudge."""
    mixed = _mixed(document.defs) if any(r.status == "wrong" for r in judged) else {}
    plans: list[tuple[int, Any, int]] = []  # (index, the first mixed definition reached, readings judged)
    tasks: list[tuple[Any, tuple[dict, dict]]] = []
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        names = _reached(f"{result.step.lhs} = {result.step.rhs}", document.defs) & mixed.keys()
        reached = [d for d in document.defs if d.name in names]  # in the document's order
        if not reached:
            continue
        # the same repair for each (the author's slip is one habit): all inputs as activations, or the reverse
        readings = [
            _repaired(result.step, document, {d.name: mixed[d.name][2][way] for d in reached}, again.notation)
            for way in (0, 1)
        ]
        whole = None not in readings
        plans.append((k, reached[0], 2 if whole else 0))
        tasks += [(result.step, r) for r in readings if r is not None] if whole else []
    verdicts = again.run(tasks) if tasks else []
    out, at = list(judged), 0
    for k, reached, count in plans:
        both, at = verdicts[at : at + count], at + count
        result, (raw, activated, _) = judged[k], mixed[reached.name]
        if both and all(v["status"] == "wrong" for v in both):
            why = f"; wrong also with the definition of {reached.name} (line {reached.line}) repaired either way"
            out[k] = replace(result, message=result.message + why)
            continue
        why = (
            f"{result.message}; but the definition of {reached.name} (line {reached.line}) takes {raw} "
            f"beside {activated}, an activation: one of them is likely a slip, so a step wrong through it "
            "is not judged"
        )
        out[k] = result.held(why)
    return out


def _repaired(step: Any, document: Any, values: dict[str, str], notation: Any) -> tuple[dict, dict] | None:
    """The step's definitions with each name given its repaired value (None where one is not read,
    or the step does not see its definition)."""
    typed, scalar = document.for_step(step.line, step.column, step.rhs)
    typed, scalar = dict(typed), dict(scalar)
    for name, value in values.items():
        read = normalize(value, notation)
        if name not in scalar or read.problems:
            return None
        try:
            typed[name] = parse_typed(value, notation)
        except Unreadable:
            return None
        scalar[name] = (scalar[name][0], read)
    return typed, scalar


def _mixed(defs: list[Any]) -> dict[str, tuple[str, str, tuple[str, str]]]:
    """name → (a raw input it takes, an activation it also takes, its value repaired both ways:
    every input as its activation, every activation as its input), for each mixed definition."""
    activation_of: dict[str, str] = {}  # raw input (squeezed) → the name of its activation
    for d in defs:
        m = _ACTIVATED.fullmatch(d.rhs)
        if m is not None:
            activation_of[squeezed_tex(m.group("raw"))] = d.name
    if len(activation_of) < 2:
        return {}
    found: dict[str, tuple[str, str, tuple[str, str]]] = {}
    for d in defs:
        value = squeezed_tex(d.rhs)
        if d.name in activation_of.values() or _ACTIVATED.fullmatch(d.rhs):
            continue
        activations = [(raw, name) for raw, name in activation_of.items() if writes_name(name, value)]
        inputs_only = value
        for _, name in activations:  # h_2 inside a_{h_2} is no use of h_2
            inputs_only = inputs_only.replace(squeezed_tex(name), " ")
        raws = [raw for raw in activation_of if writes_name(raw, inputs_only)]
        activations = [(raw, name) for raw, name in activations if raw not in raws]
        if raws and activations:
            found[d.name] = (raws[0], activations[0][1], _repairs(value, activation_of))
    return found


def _repairs(value: str, activation_of: dict[str, str]) -> tuple[str, str]:
    """The squeezed value with every input read as its activation, and every activation as its input."""
    marks = {f"\\0{k}\\0": (raw, squeezed_tex(name)) for k, (raw, name) in enumerate(activation_of.items())}
    marked = value
    for mark, (_, name) in marks.items():  # the activations first, so that h_{1} in a_{h_{1}} stays
        marked = marked.replace(name, mark)
    as_inputs, as_activations = marked, marked
    for mark, (raw, name) in marks.items():
        as_activations = re.sub(
            r"(?<![A-Za-z{\\])" + re.escape(raw) + r"(?![_^'])", lambda _m, n=name: n, as_activations
        )
        as_activations = as_activations.replace(mark, name)
        as_inputs = as_inputs.replace(mark, raw)
    return as_activations, as_inputs


def _reached(text: str, defs: list[Any]) -> set[str]:
    """The names of the definitions the text uses, directly or through the definitions it uses."""
    by_name = {d.name: d for d in defs}
    seen: set[str] = set()
    todo = [name for name in by_name if writes_name(name, squeezed_tex(text))]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        value = squeezed_tex(by_name[name].rhs)
        todo += [other for other in by_name if other not in seen and writes_name(other, value)]
    return seen
