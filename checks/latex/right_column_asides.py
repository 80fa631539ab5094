r"""An equation written wholly in the right column of an align, between rows of a chain whose left
side stands in the left column::

    f^*(y) &= \sup_{x>0}(xy + \log x) \\
           & \text{set the derivative to 0:} \\
           & x = -\frac{1}{y} \\
           & = -1 - \log(-y)

The row ``& x = -\frac{1}{y}`` is a side result (where the supremum is reached), not the next
link of the chain: the row ``& = …`` after it goes on with ``f^*(y)``, as a reader reads it. Such
a row is marked as an aside (extract._before_aside): the row after it is judged against the chain
before it, and against the aside only where it fails there (prose_joins).

Chains set side by side (``A + B &= … & A - B &= …``) go on in rows that continue each column
(``&= (2+6)\hat x + … & &= (2-6)\hat x + …``): such a row is not one chain's next link, and which
chain each part continues is the column's, which the rows do not carry; it is left unread
(:func:`side_by_side_continuation`), never chained to the last column's chain alone.

A chain written wholly in the right column (``& f(x) = x^2 + 2x \\ & = x(x + 2)``) has no left
side in the left column before it and chains as written.
"""

from __future__ import annotations

from derive.checks.latex.annotation_column import top_level
from derive.checks.latex.equation import starts_with_relation

__all__ = ["left_column_chain", "right_column_equation", "side_by_side_continuation"]


def _columns(raw: str) -> tuple[str, str] | None:
    """The row's left column and the rest after its first top-level ``&``; None without one."""
    amps = top_level(raw, "&")
    if not amps:
        return None
    return raw[: amps[0]], raw[amps[0] + 1 :]


def left_column_chain(raw: str) -> bool:
    """``A &= B``: the chain's left side in the left column, the right column opening with its relation."""
    columns = _columns(raw)
    return columns is not None and bool(columns[0].strip()) and starts_with_relation(columns[1])


def right_column_equation(raw: str) -> bool:
    """``& x = c``: an empty left column and a right column stating an equation of its own."""
    columns = _columns(raw)
    if columns is None or columns[0].strip():
        return False
    right = columns[1].lstrip(" &\t\n")
    return bool(right) and not starts_with_relation(right) and bool(top_level(right, "="))


def side_by_side_continuation(raw: str) -> bool:
    """``&= a & &= b``: a row continuing two or more chains set side by side."""
    amps = top_level(raw, "&")
    if len(amps) < 3:
        return False
    cuts = [-1, *amps, len(raw)]
    parts = [raw[a + 1 : b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
    return sum(1 for p in parts if p and starts_with_relation(p)) >= 2 and not parts[0]
