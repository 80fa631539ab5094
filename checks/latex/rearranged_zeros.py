r"""Equations that rearrange one the document set to zero before: the condition being solved.

A worked minimisation sets a derivative to zero and solves it: "Find minimum by setting
equation to $0$ and solving: $$f'(x) = e^x - \frac{1}{x} = 0$$ $$e^x = \frac{1}{x}$$" (the
solution is the Omega constant). The second display is the first one rearranged, a condition on
``x`` that holds at the solution only; read as an identity it fails for nearly every ``x``, and a
``wrong`` verdict would be a false alarm.

The rule: a ``wrong`` step ``A = B`` written after an equation ``E = 0`` of the document (``E``
any link of its chain before the ``0``), where ``A - B`` is ``E`` times a nonzero number (the
same condition, moved across or scaled), is inconclusive with that reason. A step that is not
such a rearrangement (``e^x = x`` after ``e^x - 1/x = 0``) stays as judged, and so does one that sets
the same expression to zero again (``\frac{d}{dz}\mathrm{ReLU}(z) = 0`` for ``z > 0``, after the same
for ``z \le 0``): that is a claim of its own. Both expressions must be read exactly; where they cannot
be, nothing changes.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.extract import Equation
from derive.checks.latex.normalize import normalize
from derive.checks.latex.steps import split_chain

__all__ = ["rearranged_zero", "zero_sides"]

#: the zero conditions compared with one wrong step, nearest first
_MOST_COMPARED = 8


def zero_sides(equations: list[Equation]) -> list[tuple[tuple[int, int], str]]:
    """(place of the ``0``, expression) for every link of a chain that ``=`` links to a ``0``:
    in ``f'(x) = e^x - 1/x = 0`` both ``f'(x)`` and ``e^x - 1/x`` are set to zero there."""
    found: list[tuple[tuple[int, int], str]] = []
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(1, len(chain)):
                if chain[k][0].text.strip() != "0" or chain[k - 1][1] != "=":
                    continue
                j = k - 1
                while j >= 0 and chain[j][1] == "=":
                    found.append(((chain[k][0].line, chain[k][0].column), chain[j][0].text))
                    j -= 1
    return found


def rearranged_zero(step: Any, zeros: list[tuple[tuple[int, int], str]], notation: Any) -> str | None:
    """Why a ``wrong`` step restates an equation set to zero before it (None if it does not)."""
    if "0" in (step.lhs.strip(), step.rhs.strip()):
        return None  # E = 0 again (ReLU'(z) = 0 for z > 0 after z ≤ 0): a claim of its own, as judged
    where = (step.line, step.column)
    # the nearest 0 first, and of its chain the link next to it first (e^x - 1/x before f'(x))
    order = sorted(range(len(zeros)), key=lambda k: (zeros[k][0], -k), reverse=True)
    earlier = [zeros[k][1] for k in order if zeros[k][0] < where]
    if not earlier:
        return None
    difference = _exact(step.lhs, notation, minus=step.rhs)
    if difference is None or difference == 0:
        return None
    for text in earlier[:_MOST_COMPARED]:
        zero = _exact(text, notation)
        if zero is not None and zero != 0 and _constant_ratio(difference, zero):
            return (
                f"{step.lhs} = {step.rhs} rearranges the equation {text.strip()} = 0 written before it: "
                "the condition being solved (true at its solution), not an identity"
            )
    return None


def _exact(text: str, notation: Any, minus: str | None = None) -> Any:
    """The expression read exactly (``text - minus``), or None where it cannot be read."""
    from derive.checks.latex.sympy_build import to_sympy

    try:
        left = normalize(text, notation)
        right = normalize(minus, notation) if minus is not None else None
        if left.problems or (right is not None and right.problems):
            return None
        return to_sympy(left) - (to_sympy(right) if right is not None else 0)
    except Exception:  # noqa: BLE001 - untrusted input: not read, never a traceback
        return None


def _constant_ratio(a: Any, b: Any) -> bool:
    """Is ``a / b`` a nonzero number (the same condition scaled or with its sides swapped)?"""
    import sympy as sp

    try:
        ratio = sp.simplify(sp.together(a / b))
    except Exception:  # noqa: BLE001 - SymPy may fail on untrusted input: not a rearrangement
        return False
    return bool(ratio.is_number and ratio != 0 and ratio.is_finite)
