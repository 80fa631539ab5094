r"""A subscripted name before a bracket that holds one number: ``c_{\text{skip}}(0)``, ``f_\theta(1)``.

The readers take a subscripted name before a bracket as a product (``p_j(1 - p_j)``, see
docs/notation.md), which is what a writer means where the bracket holds a formula. A bracket
around one number is another matter: nobody writes c·0 as ``c(0)``, while a function's value at a
point is written exactly so ("hand-crafted functions satisfying $c_{\text{skip}}(0) = 1 -
c_{\text{out}}(0) = 1$", a consistency model's boundary condition, was refuted as 0 = 1). A
``wrong`` that reads such a call is held back: the sides were compared under a reading the writer
very likely did not mean. Logarithms and the other functions the readers know (``\log_2(8)``)
are read as calls already, and stay judged.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.results import held_back
from derive.checks.latex.steps import Step

__all__ = ["number_call_guard"]

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
        for m in _NUMBER_CALL.finditer(side):
            if m.group(1).lstrip("\\") not in _KNOWN:
                call = side[m.start() : m.end()]
                why = f"; but {call} was read as a product, and it is more likely a function's value at a number"
                return held_back(out, why)
    return out
