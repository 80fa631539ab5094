r"""Products and transposes of matrices written out, multiplied out entry by entry.

``\begin{bmatrix} a_1 \\ a_2 \end{bmatrix} \times \begin{bmatrix} \delta_1 & \delta_2 \end{bmatrix}``
(an outer product written out), ``\begin{bmatrix} 0.1 & 0.3 \\ -0.2 & 0.4 \end{bmatrix}
\begin{bmatrix} 1 \\ 2 \end{bmatrix}`` (a worked example's layer), ``\begin{bmatrix} -4 \\ 6
\end{bmatrix} \begin{bmatrix} 1 \\ 3 \end{bmatrix}^T``, ``\begin{bmatrix} -0.023 \\ 0.0115
\end{bmatrix} \odot \begin{bmatrix} 1 \\ 0 \end{bmatrix}``: a side made of written matrices side by
side is itself a written matrix, whose entries are sums of products of the written ones. Multiplied
out here as text (each entry in brackets, ``(a_{ik})(b_{kj}) + …``), the side is compared entry by
entry with the other as any matrix written out (written_matrices), so every verdict is the scalar
judge's on an entry, and a refuted entry is an exact counterexample: the product of matrices whose
entries are all written has no other value.

Only what has one meaning is multiplied: matrices side by side, or with ``\cdot`` or ``\times``
between them, whose inner sizes agree (a column times a row, a matrix times a column …); ``\odot``
and ``\circ`` between matrices of one size (entry by entry); ``^T``, ``^\top``, ``^{\mathsf T}``
after one. A factor with dots (its entries are not all written), sizes that do not fit (``a \times
b`` of two columns is a cross product, ``a \cdot b`` of two columns a dot product: not a product of
matrices) and any other operator leave the side unread, as before.
"""

from __future__ import annotations

import re

__all__ = ["Grid", "TRANSPOSE", "combined", "transposed"]

Grid = tuple[tuple[str | None, ...], ...]

#: a transpose mark after a matrix: ^T, ^{T}, ^\top, ^{\top}, ^\intercal, ^{\mathsf{T}} …
TRANSPOSE = re.compile(
    r"\s*\^\s*(?:T|\\top|\\intercal|\{\s*(?:T|\\top|\\intercal|\\(?:mathsf|mathrm|rm|text)\s*\{?\s*T\s*\}?)\s*\})(?![A-Za-z])"
)
#: the operators that may stand between two written matrices, and what they mean
PRODUCTS = {"": "matrix", r"\cdot": "matrix", r"\times": "matrix", r"\odot": "entrywise", r"\circ": "entrywise"}


def transposed(grid: Grid) -> Grid:
    """The written matrix transposed (its dots move with their entries)."""
    return tuple(zip(*grid, strict=True)) if grid else grid


def _bracketed(cell: str) -> str:
    return f"\\left({cell}\\right)"


def combined(left: Grid, right: Grid, operator: str) -> Grid | None:
    """``left`` times ``right`` for the operator written between them (module docstring), as a
    grid of entry texts; None where an entry is not written or the sizes do not fit."""
    kind = PRODUCTS.get(operator)
    cells = [c for grid in (left, right) for row in grid for c in row]
    if kind is None or any(c is None for c in cells):
        return None
    rows, inner, cols = len(left), len(left[0]), len(right[0])
    if any(len(r) != inner for r in left) or any(len(r) != cols for r in right):
        return None
    if kind == "entrywise":
        if (rows, inner) != (len(right), cols):
            return None
        return tuple(
            tuple(f"{_bracketed(a)}{_bracketed(b)}" for a, b in zip(lr, rr, strict=True))  # type: ignore[arg-type]
            for lr, rr in zip(left, right, strict=True)
        )
    if inner != len(right):
        return None
    return tuple(
        tuple(
            " + ".join(f"{_bracketed(left[i][k])}{_bracketed(right[k][j])}" for k in range(inner))  # type: ignore[arg-type]
            for j in range(cols)
        )
        for i in range(rows)
    )
