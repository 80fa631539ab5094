r"""A ``cases`` brace around a whole display that lists equations rather than cases of a value.

``$$\begin{cases} L(1.0, 1) = -\log(1.0) = 0 \\ L(0.0, 0) = -\log(1.0 - 0.0) = 0 \end{cases}$$``:
nothing stands before the brace and no row has a condition column (``&``), so the brace only
groups the equations, as a system of equations is written. Each row is then a row of its own
(its chains steps as usual); with the brace kept, the rows' ``\\`` were hidden from the row
cutter and the block read as one piecewise value with an empty side. A brace with anything
before it (``f(x) = \begin{cases}``), a row with ``&`` (a value and its condition) or a row
without ``=`` other than dots (``\vdots``) keeps the environment as it is.
"""

from __future__ import annotations

import re
from typing import Protocol

__all__ = ["unbraced_list"]

_WHOLE = re.compile(
    r"^\s*(?:\\left\s*\\\{\s*)?(?P<open>\\begin\{cases\*?\})(?P<body>.*)(?P<close>\\end\{cases\*?\})"
    r"(?:\s*\\right\s*\.)?\s*[,.;]?\s*$",
    re.S,
)
_DOTS = re.compile(r"^\s*(?:\\[vcld]?dots|\\ldots|\\cdots|\.\.\.)?\s*$")


class _Text(Protocol):
    text: str

    def blank(self, start: int, end: int) -> _Text: ...


def unbraced_list(body: _Text) -> _Text:
    """``body`` without the brace around it when the brace lists equations (module docstring)."""
    m = _WHOLE.match(body.text)
    if m is None or "\\begin{" in m.group("body"):
        return body
    rows = re.split(r"\\\\(?:\[[^\]]*\])?", m.group("body"))
    listed = [r for r in rows if not _DOTS.match(r)]
    if len(listed) < 2 or any("&" in r or "=" not in r for r in listed):
        return body
    first = len(body.text) - len(body.text.lstrip())
    # blank the opening (\left\{ \begin{cases}) and the closing (\end{cases} \right. and a full stop)
    return body.blank(m.start("close"), len(body.text)).blank(first, m.end("open"))
