r"""Steps about dimensions, written as products of sizes: ``(3\times 3)\cdot(3\times 1) = (3\times 1)``.

Notes that check the shapes of a back-propagation formula write each factor's size in brackets
and the size of the product on the right. Read as arithmetic it is 27 = 3, a false alarm on a
true statement. A step whose left side is two or more such sizes side by side (or joined by
``\cdot``) and whose right side is one size is a statement about the shape of a matrix product:
it holds when each inner pair of sizes agrees and the outer sizes are the right side's. Written
in numbers it is judged so (a product whose inner sizes differ is not defined, so the step is
wrong), unless it holds as arithmetic too (then which reading is meant is not known); with
letters only identical letters count as equal, anything else is inconclusive.
"""

from __future__ import annotations

import math
import re

from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

__all__ = ["shape_statement"]

_SIZE = r"[A-Za-z0-9]+(?:_\{?[A-Za-z0-9]+\}?)?"
_GROUP = re.compile(rf"\(\s*({_SIZE})\s*\\times\s*({_SIZE})\s*\)")
_JOIN = re.compile(r"\s*(?:\\cdot|\*|\\,|\\;)?\s*")


def _sizes(text: str, whole_group: bool) -> list[tuple[str, str]] | None:
    text = re.sub(r"\\left|\\right|\\big|\\Big", "", text).strip()
    if not whole_group:
        m = re.fullmatch(rf"\(?\s*({_SIZE})\s*\\times\s*({_SIZE})\s*\)?", text)
        return [(m.group(1), m.group(2))] if m else None
    out, k = [], 0
    while k < len(text):
        m = _GROUP.match(text, k)
        if m is None:
            return None
        out.append((m.group(1), m.group(2)))
        k = _JOIN.match(text, m.end()).end()  # type: ignore[union-attr]
    return out if len(out) >= 2 else None


def shape_statement(step: Step) -> StepResult | None:
    """The verdict on a step about the shape of a product of sizes, or None for any other step."""
    if step.relation != "=":
        return None
    factors, result = _sizes(step.lhs, True), _sizes(step.rhs, False)
    if not factors or not result:
        return None
    pairs = [(a[1], b[0]) for a, b in zip(factors, factors[1:], strict=False)]
    outer = (factors[0][0], factors[-1][1])
    numbers = all(x.isdigit() for f in (*factors, *result) for x in f)
    shown = " · ".join(f"({r}×{c})" for r, c in factors)
    if all(p == q for p, q in pairs) and outer == result[0]:
        why = f"a statement about shapes: {shown} is {outer[0]}×{outer[1]}, as written"
        return StepResult(step, "ok", None, why, "shapes")
    if not numbers:
        why = f"a statement about shapes ({shown}) with sizes named by letters that may be equal: not judged"
        return StepResult(step, "inconclusive", None, why, "shapes")
    if math.prod(int(x) for f in factors for x in f) == math.prod(int(x) for x in result[0]):
        # (2×3)(1×4) = (6×4) holds as arithmetic: which reading is meant is not known
        why = f"{shown}: wrong as a product of shapes, but equal as numbers"
        return StepResult(step, "inconclusive", None, why, "shapes")
    bad = next(((p, q) for p, q in pairs if p != q), None)
    if bad is not None:
        why = f"a statement about shapes: {shown} is not defined (inner sizes {bad[0]} and {bad[1]} differ)"
    else:
        why = f"a statement about shapes: {shown} is {outer[0]}×{outer[1]}, not {result[0][0]}×{result[0][1]}"
    cex = {"point": {}, "lhs": f"{outer[0]}×{outer[1]}", "rhs": f"{result[0][0]}×{result[0][1]}", "where": "shape"}
    return StepResult(step, "wrong", cex, why, "shapes")
