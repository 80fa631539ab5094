r"""``v = |\vec{v}|``: a letter named as the magnitude of the vector written with the same letter.

Physics notes name a vector's length by its letter without the arrow: "the probability density
for \(v = |\vec{v}|\)", ``r = \|\mathbf{r}\|``, ``F = |\vec F|``. The decoration is what tells
the two apart; read without it, the step says v = |v| and was called wrong at v = −1. A ``wrong``
step whose one side is the bare letter and whose other side is the norm of that letter with a
vector's decoration (\vec, \mathbf, \boldsymbol, \bm, \overrightarrow, \vb) is a definition of the
magnitude: it is held back, inconclusive, saying so. ``x = |x|`` (no decoration) is read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_magnitude_names", "names_magnitude"]

_BAR_OPEN = r"(?:\\left\s*)?(?:\\\||\||\\lVert|\\lvert|\\vert|\\Vert)"
_BAR_CLOSE = r"(?:\\right\s*)?(?:\\\||\||\\rVert|\\rvert|\\vert|\\Vert)"
_DECORATED = (
    r"\\(?:vec|mathbf|boldsymbol|bm|overrightarrow|vb|vv)\s*(?:\{\s*(?P<inner>\\?[A-Za-z]+)\s*\}|(?P<bare>[A-Za-z]))"
)
_NORM = re.compile(r"\s*" + _BAR_OPEN + r"\s*" + _DECORATED + r"\s*" + _BAR_CLOSE + r"(?:\s*_\s*\{?\s*2\s*\}?)?\s*")
_NAME = re.compile(r"\s*(\\?[A-Za-z]+)\s*")


def names_magnitude(lhs: str, rhs: str) -> bool:
    """Is one side a bare letter and the other the norm of that letter as a vector?"""
    for name_side, norm_side in ((lhs, rhs), (rhs, lhs)):
        name, norm = _NAME.fullmatch(name_side), _NORM.fullmatch(norm_side)
        if name and norm and name.group(1) == (norm.group("inner") or norm.group("bare")):
            return True
    return False


def hold_magnitude_names(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step ``v = |\\vec v|`` held back (module docstring)."""
    why = "; but the letter names the magnitude of the vector written with the same letter: a definition"
    return hold_wrongs(judged, lambda r: why if names_magnitude(r.step.lhs, r.step.rhs) else None)
