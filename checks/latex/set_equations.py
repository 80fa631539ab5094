r"""An equation between a number and names the page never gives a value: a condition, not an
identity. "The optimal fat-hyperplane is $-2[x]_2 + 1 = 0$" (niuers' Learning-From-Data solutions)
states which points lie on a line; the matrix judge, which samples x because the notation sizes it,
refuted it at a random x. The scalar judge already leaves such a step open ("the sides use different
symbols: a definition, or a step that needs context"); this keeps the matrix judge's verdict in line
with it: a ``wrong`` whose one side is a bare number and whose other side's names all lack a value on
the page (and in the notation's definitions) is inconclusive. A name with a value keeps the
refutation: ``\sum_k p_k = 0`` after p is defined stays wrong, and so does every step of numbers.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.index_sums import split_name
from derive.checks.latex.normalize import Normalized

__all__ = ["SET_EQUATION", "hold_set_equation"]

#: a side that is a number as written (0, 1, -0.5): ∂E/∂r, with no plain names, is no number
_NUMBER = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")

SET_EQUATION = (
    "; but one side is a number and the page gives none of the other side's names a value: "
    "a condition on them (a line, a hyperplane, a root), not an identity"
)


def _stem(name: str) -> str:
    """x_{2}, x^{(i)}, [x]_2 → x: the family a defined name would give values to."""
    parts = split_name(name)
    return (parts[0] if parts else name).strip("[]{} ").removeprefix("\\mathbf").strip("{} ")


def _claims_more(expression: Normalized) -> bool:
    """A derivative, a sum or a function of the names: ∂/∂x_k (x_1² + … + x_n²) = 2 claims a value
    for every x, a rule, not which points satisfy it."""
    return bool(expression.derivatives or expression.sums or expression.functions or expression.limits)


def hold_set_equation(out: dict[str, Any], sides: tuple[Normalized, Normalized], defined: set[str]) -> dict[str, Any]:
    """The verdict, with a ``wrong`` ``expression = number`` of names without a value held back."""
    if out.get("status") != "wrong" or not (out.get("counterexample") or {}).get("point"):
        return out  # refuted at no sampled value ([0.5 \quad 0.6] v = 0.8649): numbers only
    # x_1 = (0, 0) gives the example x_1 a value, not x: a step's name is valued where the page
    # defines it, or the whole it is an entry of ([v]_2, v_{2} after v = …)
    for expression, number in (sides, sides[::-1]):
        names = expression.symbol_names
        if not _NUMBER.fullmatch(number.source) or not names or _claims_more(expression):
            continue
        if any(n in defined or _stem(n) in defined for n in names):
            continue
        return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + SET_EQUATION}
    return out
