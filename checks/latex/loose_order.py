r"""Products inside a derivative's numerator written in the other layout's order.

Documents that use the row (batch) layout still write ``\frac{\partial (W a + b)}{\partial b}``
from the column habit: the order of a product inside a derivative is loose. Where the written
order does not fit but the swapped one does (``a W`` for an N×H ``a`` and an H×C ``W``), and
no transposed reading fits as well, the product is the swapped one: the one reading under
which the numerator is a formula at all. Any other misfit stays a :class:`LooseShapes`.
"""

from __future__ import annotations

from derive.checks.latex.tensor_ops import Dual, ShapeMismatch, product

__all__ = ["loose_product"]


def _fits(a: Dual, b: Dual) -> bool:
    return a.shape[1] == b.shape[0]


def loose_product(a: Dual, b: Dual, kind: str, flags: dict[str, bool]) -> Dual:
    """``a b`` as written when it fits, else ``b a`` when that is the one order that fits."""
    try:
        return product(a, b, kind, flags)
    except ShapeMismatch:
        if kind not in ("juxt", "cdot") or a.size == 1 or b.size == 1:
            raise
        transposed = (_fits(a.T, b), _fits(a, b.T), _fits(b.T, a), _fits(b, a.T))
        if not _fits(b, a) or any(transposed):
            raise
        return product(b, a, kind, flags)
