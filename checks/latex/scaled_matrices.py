r"""A rounded decimal times a matrix written out: ``0.88 \begin{bmatrix} -3 \\ 1 \end{bmatrix}``.

A worked example computes y − σ(wᵀx) = 0.8808, writes 0.88, and scales the input by it:
``\nabla_w J = (y - \sigma(w^\top x)) x = 0.88 \begin{bmatrix} -3 \\ 1 \end{bmatrix}``. The left
side is known exactly (−2.6424, 0.8808); the right side is (−2.64, 0.88). Compared exactly they
differ, though the step is right to the precision the document carries: the decimal stands for
its value rounded, so each entry may be off by one unit of the decimal's last place times the
entry it multiplies. rounded_numbers weighs a scalar so scaled (``\frac{1}{4} \times 288.9``);
this gives the slack of a matrix so scaled, in the same units, for rounded_numbers to weigh.

Only a decimal (a point and at least one place) before or after a matrix of plain numbers is
read; a whole-number factor is exact (``2 \begin{bmatrix}…\end{bmatrix}`` has no slack).
"""

from __future__ import annotations

import re
from fractions import Fraction

__all__ = ["scaled_matrix_slack"]

_MATRIX = (
    r"(?:\\left\s*[(\[]\s*)?\\begin\{(?P<env>[bpv]?matrix)\}(?P<body>(?:[\s&\\.\d-]|\\[,;!])*)"
    r"\\end\{(?P=env)\}(?:\s*\\right\s*[)\]])?"
)
_DEC = r"(?P<dec>-?\s*\d*\.\d+)"
_TIMES = r"\s*(?:\\times|\\cdot)?\s*"
_SCALED = (re.compile(rf"\s*{_DEC}{_TIMES}{_MATRIX}\s*"), re.compile(rf"\s*{_MATRIX}{_TIMES}{_DEC}\s*"))


def scaled_matrix_slack(latex: str) -> tuple[str, float] | None:
    """(the decimal as written, how far an entry may be off from its rounding) for a side that
    is a decimal times a matrix of numbers; None for any other side."""
    for pattern in _SCALED:
        m = pattern.fullmatch(latex)
        if m is None:
            continue
        dec = m.group("dec").replace(" ", "")
        entries = [abs(Fraction(n)) for n in re.findall(r"\d*\.?\d+", m.group("body"))]
        if not entries:
            return None
        places = len(dec) - dec.index(".") - 1
        return dec, float(max(entries)) * 10.0**-places
    return None
