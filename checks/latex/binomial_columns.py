r"""A two-entry column in parentheses as the binomial coefficient: ``\begin{pmatrix}3\\ 2\end{pmatrix}
\left(\frac12\right)^2\left(1-\frac12\right)^{3-2} = \frac38``.

Probability notes, German and French courses' above all, typeset \binom{n}{k} as a parenthesised
column of two entries. The reader takes the column for a 2×1 vector, and such a step was 'wrong'
only because its sides' shapes differ (a 2×1 column beside the scalar 3/8). A ``wrong`` step
refuted by its shapes alone whose sides hold such a column is judged once more with each column
written \binom{n}{k}; unless refuted there too, it is inconclusive and says why. A vector step
refuted by its values (both sides 2×1) is not touched, nor is a column of one entry or of three.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["binomial_columns", "hold_binomial_columns"]

#: a pmatrix whose body holds no other environment and no column separator
_PMATRIX = re.compile(r"\\begin\{pmatrix\}((?:(?!\\begin|\\end|&).)*?)\\end\{pmatrix\}", re.DOTALL)


def binomial_columns(side: str) -> str | None:
    """The side with each two-entry column ``\\begin{pmatrix}n\\\\k\\end{pmatrix}`` written
    ``\\binom{n}{k}``, or None if it has none."""
    changed = False

    def binom(m: re.Match[str]) -> str:
        nonlocal changed
        entries = [e.strip() for e in re.split(r"\\\\", m.group(1))]
        if len(entries) != 2 or not all(entries):
            return m.group(0)
        changed = True
        return f"\\binom{{{entries[0]}}}{{{entries[1]}}}"

    out = _PMATRIX.sub(binom, side)
    return out if changed else None


def _refuted_by_shape(result: Any) -> bool:
    """Was the step refuted because one side is a number and the other not (the binomial's column
    read as a vector beside a probability), not by its values or by two vectors' sizes (u ∈ ℝ^7
    against a column of its entries u_1, u_2 stays wrong)?"""
    counterexample = result.counterexample or {}
    shapes = (counterexample.get("lhs"), counterexample.get("rhs"))
    return counterexample.get("where") == "shape" and "scalar" in shapes


def hold_binomial_columns(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each wrong step refuted by shape that writes a two-entry column judged again
    with the column read as \\binom{n}{k}, and held as inconclusive unless refuted there too;
    ``again`` is a rejudge.Rejudge."""

    def rewrite(step: Any) -> tuple[str | None, str | None]:
        return binomial_columns(step.lhs), binomial_columns(step.rhs)

    shaped = {k for k, result in enumerate(judged) if result.status == "wrong" and _refuted_by_shape(result)}
    out = list(judged)
    for k, verdict in again.wrongs_rewritten(judged, document, lambda step: rewrite(step)):
        if k in shaped and verdict["status"] != "wrong":
            out[k] = out[k].held(
                "the sides' shapes differ with the parenthesised two-entry column read as a 2×1 vector; read as"
                f" the binomial coefficient \\binom{{n}}{{k}}, as probability notes write it, the step is"
                f" {verdict['status']}: not judged"
            )
    return out
