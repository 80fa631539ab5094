r"""Equations a document writes to be solved or carried out, not claimed: never ``wrong``.

Five shapes, all found on real pages where a correct text was called wrong:

- an equation set to zero in a name the document gave a number before: ``If you stand at $w =
  0.5$ …`` and, pages later, ``the true minimum where $3 - 2w = 0$`` or ``\frac{dL}{dw} = 0
  \Rightarrow 2w - 4 = 0 \Rightarrow w = 2``. The equation is the condition that fixes ``w`` (a
  minimum, a root), not a claim about the value given before; read with that value it fails, and a
  wrong verdict would be a false alarm. It is the whole formula, or a link between implication
  arrows (``E = 0 \Rightarrow …``), or the last link after a derivative written out
  (``\frac{\partial C}{\partial \beta_0} = -4(4-2\beta_0)+\lambda\mathrm{sgn}(\beta_0) = 0``, the
  Lasso condition after the Ridge solution gave β_0 a number: hunt 32, oystehbr/FYS-STK4155); one side
  is ``0``; the other uses a name with a number value.
  (``w = 2`` after the arrow is the solution: a new value of ``w``, see doc_definitions'
  reassignments.)
- an update of a name from its own value, ``r = r + 1`` (re-index a sum), ``i = i + 1``, ``k = k -
  1``: programmers' assignment, never an equation (as one it would claim ``1 = 0``). The left side
  is a bare name; the right side is that name plus or minus terms without it, or that name divided
  by its own norm (``x = x / ||x||``, ``v = \frac{v}{\|v\|}``: the power method's normalisation, an
  assignment; as an equation it would claim ‖x‖ = 1).

- a step that uses ``e`` in a document that gives ``e`` a value as a name (``e = \hat{y} - y``,
  the error): ``L = e^2 = (-0.3775)^2``, ``2e = 2 \times (-0.3775)`` mean that error, not Euler's
  number, which is how the judge reads ``e``; the step is not judged with the constant.

- an equation in one name that both sides use, the left side that name alone: ``E_0 = 3 + 0.5
  E_0`` in a system being solved (solved_equations), unless no real value satisfies it.

- an equation that rearranges one set to zero before it: ``e^x = \\frac{1}{x}`` after ``f'(x) = e^x
  - \\frac{1}{x} = 0`` (rearranged_zeros).

- a contradiction an assumption leads to: ``(1, 0) + \mu_1 (0, 1) = (0, 0) \implies 1 = 0``, then
  "This is a contradiction". Two different whole numbers after an implication arrow are what the
  assumed equation would force, written to show that it cannot hold, not a claim.

- two decimal numbers side by side, ``1.65 = 0.9505`` ("we got $\phi(1.64)=0.9495$ and $1.65=0.9505$":
  a table's entry and the value it maps to). A bare decimal on each side computes nothing; as an
  equation it would claim two different numbers equal, which nobody derives. A side with any
  operation (``0.3 + 0.4 = 0.8``) or a whole number (``1 = 0``, see above) is judged as before.

- a shape mismatch against a side the document gave a number: ``\frac{\partial L}{\partial
  b^{(2)}} = \delta^{(2)}`` after ``\delta^{(2)} = -0.1903`` is "a 3×1 matrix is no scalar" only
  by the notation's sizes (the seeds' b^{(2)}); the document's own example makes it one number.

A ``wrong`` verdict on such a step becomes ``inconclusive`` with the reason; ``ok`` stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.extract import Equation
from derive.checks.latex.rearranged_zeros import rearranged_zero
from derive.checks.latex.results import StepResult
from derive.checks.latex.solved_equations import fixed_point
from derive.checks.latex.steps import split_chain

__all__ = ["ARROWS", "contradictions", "names_e", "release_unclaimed", "zero_conditions"]

#: implication arrows between the equations of a worked solution
ARROWS = frozenset({r"\Rightarrow", r"\implies", r"\Longrightarrow", r"\iff", r"\Leftrightarrow"})

#: a bare name: w, x_1, w_{ij}, \theta, \theta_{0}
_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?"
_BARE = re.compile(rf"\s*({_NAME})\s*")
#: a programmer's counter: iter, count, epoch (several letters, one name only where it is updated)
_WORD = re.compile(r"\s*([A-Za-z]{2,}(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*")


#: a side that is a derivative: \frac{\partial C}{\partial \beta_0}, \frac{dL}{dw}, \nabla_w L, \partial_w L
_DERIVATIVE = re.compile(
    r"\s*(?:\\[dt]?frac\s*\{\s*(?:\\partial|d).*?\}\s*\{\s*(?:\\partial|d\s*[A-Za-z\\])|\\nabla|\\partial)", re.S
)


def zero_conditions(
    equations: list[Equation], valued: Callable[[str, tuple[int, int]], list[str]]
) -> dict[tuple[int, int], str]:
    """Where (line, column of the ``0``) each equation set to zero in a valued name starts its
    right side, with that name; ``valued(text, where)`` gives the names in ``text`` that have a
    number value before ``where``."""
    found: dict[tuple[int, int], str] = {}
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(len(chain) - 1):
                (left, relation), (right, after) = chain[k], chain[k + 1]
                if relation != "=" or right.text.strip() != "0":
                    continue
                alone = (k == 0 or chain[k - 1][1] in ARROWS) and (k + 2 == len(chain) or after in ARROWS)
                # ∂C/∂β_0 = -4(4 - 2β_0) + λ sgn(β_0) = 0: the derivative written out, then set to zero
                alone = alone or (k == 1 and k + 2 == len(chain) and _DERIVATIVE.match(chain[0][0].text) is not None)
                names = valued(left.text, (left.line, left.column)) if alone else []
                if names:
                    found[right.line, right.column] = names[0]
    return found


#: a whole number, perhaps with a remark after wide space: 0 \quad \text{(from the first component)}
_WHOLE = re.compile(r"\s*-?\d+\s*(?:(?:\\q?quad|\\[,;]|~)\s*(?:\\text\s*\{[^{}]*\})?\s*)?")


def contradictions(equations: list[Equation]) -> frozenset[tuple[int, int]]:
    """Where (line, column of the right side) each ``\\implies 1 = 0`` starts its right side: two
    whole numbers linked after an implication arrow."""
    found = set()
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(1, len(chain) - 1):
                (left, relation), (right, _) = chain[k], chain[k + 1]
                if chain[k - 1][1] in ARROWS and relation == "=" and _WHOLE.fullmatch(left.text):
                    if _WHOLE.fullmatch(right.text):
                        found.add((right.line, right.column))
    return frozenset(found)


#: the letter e standing alone (e^2, 2e, e = …), not inside a name or a command
_E = re.compile(r"(?<![A-Za-z\\])e(?![A-Za-z])")


def names_e(equations: list[Equation]) -> bool:
    """Does the document give ``e`` a value as a name (a chain ``e = …``)?"""
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(len(chain) - 1):
                if chain[k][0].text.strip() == "e" and chain[k][1] in ("=", ":="):
                    return True
    return False


#: a decimal number alone: 0.9505, -1.65
_DECIMAL = re.compile(r"\s*-?\d+\.\d+\s*")


def _table_entry(lhs: str, rhs: str) -> bool:
    """Are both sides a bare decimal number (1.65 = 0.9505: a value and its table entry)?"""
    return _DECIMAL.fullmatch(lhs) is not None and _DECIMAL.fullmatch(rhs) is not None


def _normalised(name: str, rhs: str) -> bool:
    """Is ``rhs`` the name divided by its own norm (x / ||x||, \\frac{v}{\\|v\\|})?"""
    bars = r"(?:\|\||\\\||\\lVert|\\left\s*\\\||\\left\s*\|)"
    ends = r"(?:\|\||\\\||\\rVert|\\right\s*\\\||\\right\s*\|)"
    norm = rf"{bars}\s*{re.escape(name)}\s*{ends}(?:_\{{?2\}}?)?"
    over = rf"\s*{re.escape(name)}\s*/\s*{norm}\s*"
    fraction = rf"\s*\\frac\s*\{{\s*{re.escape(name)}\s*\}}\s*\{{\s*{norm}\s*\}}\s*"
    return re.fullmatch(over, rhs) is not None or re.fullmatch(fraction, rhs) is not None


def _update(lhs: str, rhs: str) -> str | None:
    """The name of ``r = r + 1`` (a bare name, then itself plus or minus terms without it) or of
    ``x = x / ||x||`` (a bare name, then itself over its norm). A word of several letters counts as
    one name here (``iter = iter + 1`` in an algorithm's steps): written again with a term added, it
    is the program's counter, whatever product its letters would make elsewhere."""
    m = _BARE.fullmatch(lhs) or _WORD.fullmatch(lhs)
    if m is None:
        return None
    name = m.group(1)
    if _normalised(name, rhs):
        return name
    rest = re.fullmatch(rf"\s*{re.escape(name)}\s*([+-].*)", rhs, flags=re.S)
    if rest is None or re.search(rf"{re.escape(name)}(?![A-Za-z])", rest.group(1)):
        return None
    return name


def _numbered_scalar(result: StepResult, valued: Callable[[str, tuple[int, int]], list[str]] | None) -> str | None:
    """The side a shape verdict calls a scalar when it is only names the document gave numbers."""
    cex = result.counterexample if isinstance(result.counterexample, dict) else {}
    if valued is None or cex.get("where") != "shape" or "scalar" not in (cex.get("lhs"), cex.get("rhs")):
        return None
    side = result.step.lhs if cex.get("lhs") == "scalar" else result.step.rhs
    m = _BARE.fullmatch(re.sub(r"\^\{\(\w+\)\}", "", side))  # δ^{(2)}: a layer's mark
    names = valued(side, (result.step.line, result.step.column)) if m else []
    return names[0] if names else None


def release_unclaimed(
    judged: list[StepResult],
    zeros: dict[tuple[int, int], str],
    e_named: bool = False,
    valued: Callable[[str, tuple[int, int]], list[str]] | None = None,
    notation: Any = None,
    zero_sides: list[tuple[tuple[int, int], str]] | None = None,
    contradicted: frozenset[tuple[int, int]] = frozenset(),
) -> list[StepResult]:
    """``judged`` with the ``wrong`` verdicts on equations to solve and on updates made inconclusive;
    ``zero_sides`` are the expressions the document sets to zero (rearranged_zeros.zero_sides)."""
    out: list[StepResult] = []
    for result in judged:
        step = result.step
        if result.status == "wrong" and getattr(step, "relation", "=") == "=":
            name = zeros.get((step.line, step.column))
            why = None
            if (step.line, step.column) in contradicted:
                why = "a contradiction derived after ⟹: what an assumed equation would force, not a claim"
            elif _table_entry(step.lhs, step.rhs):
                why = "two decimal numbers side by side: a value and its table entry (1.65 = 0.9505), not a computation"
            elif (number := _numbered_scalar(result, valued)) is not None:
                why = f"{number} is a number in the document's example: the notation's shapes do not size this step"
            elif name is not None:
                why = (
                    f"an equation set to zero in {name}, which the document gave a number before: the condition "
                    f"that fixes {name} (a minimum, a root), not a claim about that value"
                )
            elif (updated := _update(step.lhs, step.rhs)) is not None:
                why = (
                    f"{step.lhs} = {step.rhs} updates {updated} from its own value (an increment, a "
                    "re-indexing, a normalisation): an assignment, not an equation"
                )
            elif e_named and (_E.search(step.lhs) or _E.search(step.rhs)):
                why = "the document gives e a value as a name (e = …): e here is that value, not Euler's number"
            elif notation is not None:
                why = fixed_point(step.lhs, step.rhs, notation)  # E_0 = 3 + 0.5 E_0, solved for E_0
                # e^x = 1/x after e^x - 1/x = 0: the same condition rearranged (rearranged_zeros)
                why = why or rearranged_zero(step, zero_sides or [], notation)
            if why is not None:
                result = result.held(why)
        out.append(result)
    return out
