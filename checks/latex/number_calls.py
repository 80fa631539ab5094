r"""A subscripted name before a bracket that holds one number: ``c_{\text{skip}}(0)``, ``f_\theta(1)``.

The readers take a subscripted name before a bracket as a product (``p_j(1 - p_j)``, see
docs/notation.md), which is what a writer means where the bracket holds a formula. A bracket
around one number is another matter: nobody writes c·0 as ``c(0)``, while a function's value at a
point is written exactly so ("hand-crafted functions satisfying $c_{\text{skip}}(0) = 1 -
c_{\text{out}}(0) = 1$", a consistency model's boundary condition, was refuted as 0 = 1). A
``wrong`` that reads such a call is held back: the sides were compared under a reading the writer
very likely did not mean. Logarithms and the other functions the readers know (``\log_2(8)``)
are read as calls already, and stay judged.

The call may sit in a definition the step relies on rather than in the step itself: "Let $p =
P_X(0)$ … Furthermore, let $p = \frac12$" (an information-theory assignment, hunt 39) read ``p``
as P_X·0 = 0, and the second line was refuted as 0 = 1/2. A ``wrong`` that goes through the value
of a name whose definition (or a definition it in turn uses) writes such a call is held back too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from derive.checks.latex.defined_sizes import reached_definitions
from derive.checks.latex.results import held_back
from derive.checks.latex.steps import Step

__all__ = ["defined_number_call_guard", "number_call_guard"]

#: control words that are functions or operators the readers apply themselves
_KNOWN = {"log", "ln", "exp", "sum", "prod", "max", "min", "lim", "sin", "cos", "tan", "tanh", "sqrt", "frac"}
_SUBSCRIPT = r"_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|[A-Za-z0-9])"
_NUMBER_CALL = re.compile(
    r"(?<![\\A-Za-z])(\\[A-Za-z]+|[A-Za-z])\s*" + _SUBSCRIPT
    + r"\s*(?:\\left\s*)?\(\s*[-+]?\s*\d+(?:\.\d+)?\s*(?:\\right\s*)?\)"
)


def number_call_guard(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    """Hold a ``wrong`` that reads ``name_sub(number)`` as a product of the name and the number."""
    if out["status"] != "wrong":
        return out
    for side in (step.lhs, step.rhs):
        call = _first_call(side)
        if call is not None:
            why = f"; but {call} was read as a product, and it is more likely a function's value at a number"
            return held_back(out, why)
    return out


def _first_call(text: str) -> str | None:
    """The first ``name_sub(number)`` in ``text`` that is not a function the readers know."""
    for m in _NUMBER_CALL.finditer(text):
        if m.group(1).lstrip("\\") not in _KNOWN:
            return text[m.start() : m.end()]
    return None


def defined_number_call_guard(out: dict[str, Any], used: set[str], named: Mapping[str, Any]) -> dict[str, Any]:
    """Hold a ``wrong`` whose names (``used``) take a value, directly or through other definitions,
    from a definition that writes ``name_sub(number)``: read as a product there too (above).
    ``named`` maps a name to (family letters, its normalised value) as the judge receives them."""
    if out["status"] != "wrong":
        return out
    for name, value in reached_definitions(used, named):
        call = _first_call(value.source)
        if call is not None:
            why = (
                f"; but the value of {name} ({value.source.strip()}) reads {call} as a product, "
                "and it is more likely a function's value at a number"
            )
            return held_back(out, why)
    return out
