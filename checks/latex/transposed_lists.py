r"""A list in brackets with a transpose after it is a column vector: ``\mathbf v = [4, 1, 2]^T``,
``\mathbf x = (x_1, x_2)^\top``, ``\nabla_w L = [0.6457, 0.4256]^T``.

A list alone is a tuple (the scalar reader's), or a row only where a product needs one
(row_lists.py). Transposed, it has one reading left: the writer put the entries in a row to save
space and the transpose makes them the column they mean. So the typed reader reads the list as
a 1×n row whenever a transpose follows it, and the transpose (read as usual) makes it n×1.

Why it matters: a vector given this way (``\mathbf v = [3, 1, 4]^T``, then ``H = \mathbf v
\mathbf v^T``) had no typed value, and every later step that used it stopped at "v is defined
in the document in a form not read".

The row keeps its flag (row_lists.RowList): where the shapes then do not fit, the step is not
judged, never refuted. A list with an ellipsis (``[y_1, …, y_C]^T``) is read as before
(matrix_literals.read_list), and a list followed by anything else than a transpose stays unread.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.literal_patterns import is_ellipsis
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed_nodes import TRANSPOSES

__all__ = ["transposed_list"]


def transposed_list(reader: Any, parts: list[list[str]]) -> bool:
    """Is the list just read (its parts split at top-level commas; the reader stands after its
    closing bracket) followed by a transpose, and free of ellipses? Then it is a row to read."""
    if any(is_ellipsis(p) for p in parts) or reader.peek() != "^":
        return False
    try:
        arg, _ = reader.read_arg(reader.i + 1)
    except Unreadable:  # ^ at the end of the side: no transpose
        return False
    return reader.text_of(arg).replace(" ", "") in TRANSPOSES or "".join(arg) in TRANSPOSES
