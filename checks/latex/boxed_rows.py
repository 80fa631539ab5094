r"""A whole row inside a box: ``\boxed{A = B}``, MathJax's ``\bbox[yellow,5px]{A = B}``, ``\fbox{…}``.

Authors box a result for emphasis; the box is not structure, so the row is its content. MathJax's
``\bbox`` takes an optional ``[…]`` of colours and padding before its content (a blog's boxed
final gradient, held-out set 39: ``$$ \bbox[yellow,5px,border:2px solid red] { \frac{\partial
J^{(t)}}{\partial W_h^{(k)}} = … } $$`` had no step at all). A box that is only part of the row
(``A = \boxed{B}``) is the readers' to strip; text after the box other than a comma or a full
stop keeps the row as written.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

__all__ = ["unboxed"]

_BOX = re.compile(r"\\(?:boxed|bbox|fbox|framebox)\s*(?:\[[^\[\]{}]*\])?\s*\{")


class _Sliceable(Protocol):
    text: str

    def strip(self, chars: str | None = None) -> _Sliceable: ...

    def slice(self, start: int, end: int) -> _Sliceable: ...


Row = TypeVar("Row", bound=_Sliceable)


def unboxed(row: Row) -> Row:
    """The row's content when the whole row is one box (module docstring); the row otherwise."""
    stripped = row.strip()
    m = _BOX.match(stripped.text)
    if m is None:
        return row
    text = stripped.text
    depth = 1
    for k in range(m.end(), len(text)):
        depth += (text[k] == "{") - (text[k] == "}")
        if depth == 0:
            if text[k + 1 :].strip() in ("", ",", "."):
                return stripped.slice(m.end(), k)  # type: ignore[return-value]
            return row
    return row
