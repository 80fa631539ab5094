r"""A shape clash through a name the document has just given a plain number.

A tutorial's warm-up: "Say $u = 2x$ and $y = u^2$. If $x = 3$, then $u = 6$", and then
``\frac{dy}{du} = 2u = 12``. The default notation samples x as a vector (the seeds' input, sized
d), so u = 2x is a d-vector to the matrix judge, and ``2u = 12`` has a vector on one side and a
number on the other: "shapes differ", a ``wrong``. But the document made u the number 6 a line
before: here u is a scalar, and the clash is the judge's size, not the step's error.

A ``wrong`` whose counterexample is a shape clash with a scalar side, in a step that writes a name
the document gave a number before it (``u = 6``, ``x = 3``: a name = … = number, numeric_values),
is judged again with the numbers the document gave its names: equal, ``ok`` (``2u = 12`` with u = 6);
different, ``wrong`` with those numbers (``2u = 14``); where some name has no number given exactly
(a rounded result, or none), inconclusive, saying which value. A name the document declares with a shape (``u \in
\mathbb{R}^2``) keeps its shape, and a clash through names given no number stays ``wrong``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.named_results import squeezed_tex, writes_name
from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.numeric_values import document_values
from derive.checks.latex.results import StepResult
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["hold_scalar_givens"]


def hold_scalar_givens(
    judged: list[StepResult], equations: list[Any], notation: Notation, text: str
) -> list[StepResult]:
    """``judged`` with each scalar-against-array ``wrong`` through a name given a number judged
    again with the numbers, or made inconclusive (module docstring)."""
    if not any(r.status == "wrong" and _scalar_clash(r.counterexample) for r in judged):
        return judged
    values = document_values(equations, notation)
    out = []
    for result in judged:
        if result.status == "wrong" and _scalar_clash(result.counterexample):
            at = (result.step.line, result.step.column)
            written = squeezed_tex(f"{result.step.lhs} = {result.step.rhs}")
            given = [v for v in values if v.at < at and writes_name(v.name, written) and not _declared(v.name, text)]
            if given:
                latest = {v.name: v for v in values if v.at < at}
                result = _with_values(result, notation, latest) or result.held(
                    f"{result.message}; but the document gives {given[-1].name} the number {given[-1].text} "
                    f"before (line {given[-1].at[0]}): a scalar there, where the judge sized it as an array"
                )
        out.append(result)
    return out


def _with_values(result: StepResult, notation: Notation, latest: dict[str, Any]) -> StepResult | None:
    """The step judged with the exact numbers the document gave every name it writes, else None."""
    import sympy as sp

    step = result.step
    try:
        sides = [to_sympy(normalize(tex, notation, step.chain_var)) for tex in (step.lhs, step.rhs)]
    except (Unparsed, RecursionError, TypeError, ValueError):
        return None
    symbols = sides[0].free_symbols | sides[1].free_symbols
    if not symbols or any(s.name not in latest or latest[s.name].unit for s in symbols):
        return None  # a name with no number, or a rounded one: the numbers do not decide
    point = {s: latest[s.name].value for s in symbols}
    try:
        left, right = (sp.nsimplify(side.subs(point)) for side in sides)
        same = sp.simplify(left - right) == 0
    except (TypeError, ValueError, ArithmeticError):
        return None
    if not (left.is_number and right.is_number):
        return None
    shown = ", ".join(f"{s.name} = {latest[s.name].text}" for s in sorted(symbols, key=lambda s: s.name))
    if same:
        return replace(result, status="ok", counterexample=None, message=f"equal with the document's values ({shown})")
    cex = {"point": {s.name: latest[s.name].text for s in symbols}, "lhs": str(left), "rhs": str(right)}
    cex["where"] = "the numbers the document gave its names"
    message = f"with the document's values ({shown}) the sides are {left} and {right}"
    return replace(result, counterexample=cex, message=message, method="numeric values")


def _scalar_clash(counterexample: Any) -> bool:
    """A counterexample of shapes (``"where": "shape"``) with one side a scalar."""
    if not isinstance(counterexample, dict) or counterexample.get("where") != "shape":
        return False
    return "scalar" in (counterexample.get("lhs"), counterexample.get("rhs"))


def _declared(name: str, text: str) -> bool:
    r"""Does the document give the name a shape (``u \in \mathbb{R}^2``, ``\mathbf{u} \in \mathbb R^{n}``)?"""
    head = re.escape(name).replace(r"\ ", r"\s*")
    return re.search(r"(?<![A-Za-z\\])" + head + r"\}?\s*\\in\s*\\mathbb", text) is not None
