r"""``A\vec{x} = \lambda\vec{x}``: the eigenvalue equation is a condition on λ and x, not an identity.

Linear-algebra notes set the equation up and then solve it: ``\begin{bmatrix}10 & -3\\-3 &
2\end{bmatrix}\vec{x} = \lambda\vec{x} = \lambda I\vec{x}``, then ``(A - \lambda I)\vec{x} =
\vec{0}`` and ``\det(A - \lambda I) = 0``. It holds for the eigenpairs only, so a point where the
sides differ (random x and λ) refutes nothing; read as an identity it was called wrong. A ``wrong``
step is held back, inconclusive, saying so, when

- one side is λ (with a subscript, maybe times I) times a vector and the other side ends with that
  same vector (``A v_1 = \lambda_1 v_1``, ``M\mathbf{u} = \lambda\mathbf{u}``), or
- one side holds ``\lambda I`` (or ``\lambda\mathbf{I}``) and the other is 0 (``(A - \lambda
  I)\vec{x} = \vec{0}``, ``\det(A - \lambda I) = 0``).

``A x = 2x`` with a number, or a λ times a different vector, is read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["eigen_condition", "hold_eigen_equations"]

_LAMBDA = r"\\lambda(?:\s*_\s*(?:\{[^{}]*\}|\w))?"
_IDENTITY = r"(?:\\mathbf\s*\{\s*I\s*\}|\\mathbb\s*\{\s*I\s*\}|I)"
#: λ times a vector: \lambda \vec{x}, \lambda_1 v_1, \lambda I \mathbf{u}
_SCALED = re.compile(r"\s*" + _LAMBDA + r"\s*(?:" + _IDENTITY + r"\s*)?(?P<v>\S.*?)\s*")
_ZERO = re.compile(
    r"\s*(?:0|\\vec\s*\{?\s*0\s*\}?|\\mathbf\s*\{\s*0\s*\}|\\boldsymbol\s*\{\s*0\s*\}|\\bm\s*\{\s*0\s*\})\s*"
)
_LAMBDA_I = re.compile(_LAMBDA + r"\s*" + _IDENTITY + r"(?![A-Za-z])")


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def eigen_condition(lhs: str, rhs: str) -> bool:
    """Is ``lhs = rhs`` the eigenvalue equation or the condition that follows from it?"""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        scaled = _SCALED.fullmatch(one)
        if scaled and _compact(other).endswith(_compact(scaled.group("v"))) and _compact(other) != _compact(one):
            return True
        if _ZERO.fullmatch(other) and _LAMBDA_I.search(one):
            return True
    return False


def hold_eigen_equations(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` eigenvalue equation held back (module docstring)."""
    why = "; but it is the eigenvalue equation: it holds for the eigenpairs (a condition on λ and the vector)"
    return hold_wrongs(judged, lambda r: why if eigen_condition(r.step.lhs, r.step.rhs) else None)
