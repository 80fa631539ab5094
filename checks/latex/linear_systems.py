r"""A linear system written out, ``\begin{bmatrix}3 & 1\\1 & 9\end{bmatrix}\begin{bmatrix}x_1\\x_2
\end{bmatrix} = \begin{bmatrix}1\\-6\end{bmatrix}``, is a condition on its unknowns, not an identity.

Least-squares and linear-algebra solutions set up the system to solve ("Computing AᵀA, we get …")
and solve it after. Its unknowns are often letters an earlier problem of the document gave
numbers (x₁, x₂), and with those the system was called wrong. A ``wrong`` step whose one side is
a matrix of numbers times a column of plain names and whose other side is a column of numbers is
held back, inconclusive, saying so: it holds at the system's solution. A column of numbers on both
sides (``\begin{bmatrix}3 & 1\\1 & 9\end{bmatrix}\begin{bmatrix}1\\2\end{bmatrix} = …``) is
arithmetic, read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_linear_systems", "linear_system"]

_ENV = r"\\begin\s*\{\s*([bpvBV]?matrix)\s*\}(?P<body>.*?)\\end\s*\{\s*\1\s*\}"
_NUMBER = r"\s*[+-]?\s*(?:\d+(?:\.\d+)?|\\frac\s*\{\s*-?\d+\s*\}\s*\{\s*\d+\s*\})\s*"
_NAME = r"\s*[A-Za-z](?:_\s*(?:\{\s*\w+\s*\}|\w))?\s*"


def _cells(body: str) -> list[str]:
    return [c for row in re.split(r"\\\\", body) for c in row.split("&") if c.strip()]


def _matrices(side: str) -> list[list[str]] | None:
    """The cells of each matrix environment making up ``side`` (nothing else in it), or None."""
    found = list(re.finditer(_ENV, side, re.S))
    rest = re.sub(_ENV, " ", side, flags=re.S)
    if not found or re.sub(r"\\[,;:! ]|\\cdot|\s", "", rest):
        return None
    return [_cells(m.group("body")) for m in found]


def linear_system(lhs: str, rhs: str) -> bool:
    """Is ``lhs = rhs`` a matrix of numbers times a column of names equal to a column of numbers?"""
    for system, constants in ((lhs, rhs), (rhs, lhs)):
        left, right = _matrices(system), _matrices(constants)
        if left is None or right is None or len(left) != 2 or len(right) != 1:
            continue
        numbers = all(re.fullmatch(_NUMBER, c) for c in [*left[0], *right[0]])
        names = all(re.fullmatch(_NAME, c) for c in left[1])
        if numbers and names:
            return True
    return False


def hold_linear_systems(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` linear system written out held back (module docstring)."""
    why = "; but it is a linear system in the names of its column: it holds at its solution, a condition"
    return hold_wrongs(judged, lambda r: why if linear_system(r.step.lhs, r.step.rhs) else None)
