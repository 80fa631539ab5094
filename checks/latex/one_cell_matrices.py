r"""A matrix of one cell, read as its cell in brackets: ``\begin{bmatrix} \frac{\partial f}{\partial x}
\end{bmatrix}``, ``\begin{pmatrix} -2x \end{pmatrix}``, plain TeX's ``\pmatrix{\frac{\partial E}{\partial
W}}`` (MathJax and KaTeX typeset it as ``\begin{pmatrix} … \end{pmatrix}``).

Worked examples of gradient descent write a one-variable gradient as a vector of one entry
(``\nabla f(x) = \begin{bmatrix} \frac{\partial f}{\partial x} \end{bmatrix} = \begin{bmatrix} -2x
\end{bmatrix}``), and notes use ``\pmatrix{X}_{ij}`` as a bracket to take an entry of. A matrix of
one block is that block: ``[A]`` is A for a number, a vector or a matrix alike, so the step reads as
it would with ``[A]`` written (the scalar reader: a bracket; the matrix reader keeps its own reading
of the environment). Only a single cell is read so: an ``&``, a row break (``\\``, ``\cr``,
``\newline``), a comma (a row written ``[a, b, c]``) or dots (``\cdots``) leave the environment
unread as before. A determinant's bars (``vmatrix``) and braces (``Bmatrix``) are not brackets:
unread too.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.matrix_literals import environment_end
from derive.checks.latex.tex_tokens import Unreadable

__all__ = ["one_cell_matrix"]

#: environments of one cell that typeset as a bracket, with the bracket they typeset
_BRACKETED = {"matrix": ("(", ")"), "pmatrix": ("(", ")"), "bmatrix": ("[", "]")}
#: tokens that make a body more than one cell (or a row written with commas and dots)
_NOT_ONE_CELL = {"&", "\\\\", r"\cr", r"\newline", ",", r"\cdots", r"\ldots", r"\dots", r"\vdots", r"\ddots"}


def _cell(norm: Any, i: int) -> tuple[list[str], int] | None:
    """(the cell's tokens, the index after the matrix) of a one-cell matrix at i; None otherwise."""
    if norm.toks[i] == r"\pmatrix":  # plain TeX: \pmatrix{cells}
        if i + 1 >= len(norm.toks) or norm.toks[i + 1] != "{":
            return None
        body, after = norm.read_arg(i + 1)
    else:
        if norm._env_name(i) not in _BRACKETED:
            return None
        try:
            end = environment_end(norm.toks, i + 1)
        except Unreadable:
            return None  # unclosed
        if norm._env_name(end) != norm._env_name(i):
            return None
        body, after = norm.toks[norm.match(i + 1) + 1 : end], norm.match(end + 1) + 1
    if not body or any(t in _NOT_ONE_CELL for t in body):
        return None
    return body, after


def one_cell_matrix(norm: Any, i: int) -> tuple[str, int] | None:
    """A one-cell matrix at token i of a normaliser (normalize.py), read as its cell in brackets;
    None for anything else (the normaliser then says what it could not read)."""
    if norm.toks[i] not in (r"\begin", r"\pmatrix"):
        return None
    found = _cell(norm, i)
    if found is None:
        return None
    body, after = found
    return norm.postfix(f"\\left({norm.seq_of(body)}\\right)", after)
