r"""``z(0) = 1``: a function's value at a point, not the letter times the number.

Differential equations and processes state their initial values so: ``dz(t) = \theta(1 - z(t))dt,
\quad z(0) = 1``, ``y(0) = 2``, ``\tilde{z}(0) = 1``. A letter the document never defines as a
function is read as a number, and ``z(0)`` as z·0 = 0; the step was then refuted at no inputs,
"left side = 0, right side = 1". Nobody writes z(0) for z·0.

A ``wrong`` step one side of which is a letter (with its accent or subscript) applied to 0 alone,
refuted with that side 0 (read as the product), states the function's value there: it is held
back, inconclusive, saying so. A letter the document defines as a function is called instead
(``y(t) = e^t + 1`` makes ``y(0) = 3`` a call worth 2, and it stays wrong); ``a(3 + b) = 6``,
``x(2) = 10`` (a product that keeps its letter, not refuted so) and a side with more in it than
the call are read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["evaluated_letter", "hold_initial_values"]

#: spacing the step may keep at its edges (``\quad z(0)``, after a comma of the display)
_SPACE = r"(?:\s|\\quad|\\qquad|\\[,;:! ]|~)*"
#: a letter, with an accent and a subscript or prime: z, \tilde{z}, \hat y, x_1, y'
_ACCENT = r"\\(?:tilde|hat|bar|widetilde|widehat|overline)"
_LETTER = rf"(?P<letter>(?:{_ACCENT}\s*\{{\s*[A-Za-z]\s*\}}|{_ACCENT}\s+[A-Za-z]|[A-Za-z]))"
_SCRIPT = r"(?:\s*_\s*(?:\{[A-Za-z0-9]{1,3}\}|[A-Za-z0-9]))?(?:\s*')?"
_ZERO = r"0(?:\.0+)?"
_CALL = re.compile(_SPACE + _LETTER + _SCRIPT + r"\s*(?:\\left\s*)?\(\s*" + _ZERO + r"\s*(?:\\right\s*)?\)" + _SPACE)


def evaluated_letter(side: str) -> str | None:
    """The letter of a side that is a letter applied to 0 alone (``\\quad z(0)``), or None."""
    m = _CALL.fullmatch(side)
    return re.sub(r"[\s{}]", "", m.group("letter")) if m else None


def hold_initial_values(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each wrong step ``z(0) = 1`` read as z·0 held back (module docstring)."""

    def why(result: StepResult) -> str | None:
        values = result.counterexample or {}
        for side, value in ((result.step.lhs, values.get("lhs")), (result.step.rhs, values.get("rhs"))):
            letter = evaluated_letter(side)
            if letter is not None and value == "0":
                call = re.sub(_SPACE + "$", "", re.sub("^" + _SPACE, "", side))
                return f"; but {call} is the value of {letter} at a point (an initial condition), not {letter} times 0"
        return None

    return hold_wrongs(judged, why)
