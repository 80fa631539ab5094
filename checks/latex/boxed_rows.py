r"""A whole row inside a box: ``\boxed{A = B}``, MathJax's ``\bbox[yellow,5px]{A = B}``, ``\fbox{…}``.

Authors box a result for emphasis; the box is not structure, so the row is its content. MathJax's
``\bbox`` takes an optional ``[…]`` of colours and padding before its content (a blog's boxed
final gradient, held-out set 39: ``$$ \bbox[yellow,5px,border:2px solid red] { \frac{\partial
J^{(t)}}{\partial W_h^{(k)}} = … } $$`` had no step at all). A box that is only part of the row
(``A = \boxed{B}``) is the readers' to strip; text after the box other than a comma or a full
stop keeps the row as written.

So is a whole row set in an upright font: ``$$\mathrm{U[i,k] = e^{S[i,k]}}$$`` (a blog's
definitions, held-out set 39, written so to keep MathJax from slanting the names) is ``U[i,k] =
e^{S[i,k]}``; only where the font holds a relation at its top level, as a row does (``\mathrm{d}x``
and ``\mathrm{softmax}`` are names).
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

__all__ = ["unboxed"]

_BOX = re.compile(r"\\(?:boxed|bbox|fbox|framebox)\s*(?:\[[^\[\]{}]*\])?\s*\{")
_UPRIGHT = re.compile(r"\\(?:mathrm|textrm|mathnormal)\s*\{")


class _Sliceable(Protocol):
    text: str

    def strip(self, chars: str | None = None) -> _Sliceable: ...

    def slice(self, start: int, end: int) -> _Sliceable: ...


Row = TypeVar("Row", bound=_Sliceable)


def unboxed(row: Row) -> Row:
    """The row's content when the whole row is one box (module docstring); the row otherwise."""
    stripped = row.strip()
    m = _BOX.match(stripped.text) or _UPRIGHT.match(stripped.text)
    if m is None:
        return row
    text = stripped.text
    depth = 1
    for k in range(m.end(), len(text)):
        depth += (text[k] == "{") - (text[k] == "}")
        if depth == 0:
            if text[k + 1 :].strip() not in ("", ",", "."):
                return row
            if _BOX.match(text) is None and not _top_level_equals(text[m.end() : k]):
                return row  # \mathrm{softmax}: a name, not a row in a font
            return stripped.slice(m.end(), k)  # type: ignore[return-value]
    return row


def _top_level_equals(content: str) -> bool:
    depth = 0
    for c in content:
        depth += (c in "{([") - (c in "})]")
        if c == "=" and depth == 0:
            return True
    return False
