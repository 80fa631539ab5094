r"""A forward definition that mixes a unit's input with another unit's activation:
``o_1 = w_5 h_1 + w_6 a_{h_2}`` where the document defines ``a_{h_1} = \sigma(h_1)`` and
``a_{h_2} = \sigma(h_2)``.

One of the two terms is a slip: the layer feeds either both activations or neither. Write-ups
with such a definition derive from the network they mean (``\frac{\partial o_1}{\partial w_5} =
a_{h_1}``), and every step through the slip then reads as wrong although the derivation is right
(held-out 22's Excel walk-through: three such steps). Which term is the slip the page does not
say, so a ``wrong`` verdict that reaches such a definition (the step uses the name, or a name
defined from it) is not evidence: it is made inconclusive, saying which definition and why.
A document whose definitions use the activations consistently is judged as before.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.named_results import squeezed_tex, writes_name
from derive.checks.latex.results import StepResult

__all__ = ["hold_mixed_activations"]

#: an activation of one name: \sigma(h_1), \sigma{(h_1)}, \tanh(z), \text{ReLU}(z), g(z), f(z)
_ACTIVATED = re.compile(
    r"\s*(?:\\sigma|\\tanh|\\phi|\\varphi|\\operatorname\{ReLU\}|\\text\{ReLU\}|\\mathrm\{ReLU\}|ReLU|relu)"
    r"\s*\{?\s*(?:\\left\s*)?\(\s*(?P<raw>[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?(?:\^\{?[^{}()]*\}?)?)\s*(?:\\right\s*)?\)\s*\}?\s*"
)


def hold_mixed_activations(judged: list[StepResult], defs: list[Any]) -> list[StepResult]:
    """``judged`` with each ``wrong`` that reaches a mixed definition made inconclusive; ``defs``
    the document's definitions (doc_definitions.Definition: name, rhs, line)."""
    if not any(r.status == "wrong" for r in judged):
        return judged
    mixed = _mixed(defs)
    if not mixed:
        return judged
    out = []
    for result in judged:
        if result.status == "wrong":
            reached = _reached(f"{result.step.lhs} = {result.step.rhs}", defs, mixed)
            if reached is not None:
                raw, activated = mixed[reached.name]
                why = (
                    f"{result.message}; but the definition of {reached.name} (line {reached.line}) takes {raw} "
                    f"beside {activated}, an activation: one of them is likely a slip, so a step wrong through it "
                    "is not judged"
                )
                result = result.held(why)
        out.append(result)
    return out


def _mixed(defs: list[Any]) -> dict[str, tuple[str, str]]:
    """name → (a raw input it takes, an activation it also takes), for each mixed definition."""
    activation_of: dict[str, str] = {}  # raw input (squeezed) → the name of its activation
    for d in defs:
        m = _ACTIVATED.fullmatch(d.rhs)
        if m is not None:
            activation_of[squeezed_tex(m.group("raw"))] = d.name
    if len(activation_of) < 2:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for d in defs:
        value = squeezed_tex(d.rhs)
        if d.name in activation_of.values() or _ACTIVATED.fullmatch(d.rhs):
            continue
        activations = [(raw, name) for raw, name in activation_of.items() if writes_name(name, value)]
        for _, name in activations:  # h_2 inside a_{h_2} is no use of h_2
            value = value.replace(squeezed_tex(name), " ")
        raws = [raw for raw in activation_of if writes_name(raw, value)]
        activations = [(raw, name) for raw, name in activations if raw not in raws]
        if raws and activations:
            found[d.name] = (raws[0], activations[0][1])
    return found


def _reached(text: str, defs: list[Any], mixed: dict[str, tuple[str, str]]) -> Any | None:
    """The mixed definition the text uses, directly or through the definitions it uses."""
    by_name = {d.name: d for d in defs}
    seen: set[str] = set()
    todo = [name for name in by_name if writes_name(name, squeezed_tex(text))]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        if name in mixed:
            return by_name[name]
        value = squeezed_tex(by_name[name].rhs)
        todo += [other for other in by_name if other not in seen and writes_name(other, value)]
    return None
