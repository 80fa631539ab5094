"""A stretch of mathematics found in a document, with where each of its characters came from.

The document readers (:mod:`~derive.checks.latex.markdown_doc`,
:mod:`~derive.checks.latex.latex_doc`) return regions; :mod:`~derive.checks.latex.extract` cuts
them into rows and chains. A region's text is what the parser saw as the math body; in Markdown
that can differ from the file (a blockquote's ``>`` and a list's indentation are not part of the
math), so every character carries its own offset in the file rather than a single start.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

__all__ = ["Region", "LineTable", "align", "with_spans_replaced"]


@dataclass(frozen=True)
class Region:
    """The body of one math block or inline formula (delimiters removed)."""

    kind: str  # "display" | "inline"
    text: str
    #: offsets[i] is the offset in the document of text[i]
    offsets: tuple[int, ...]
    #: the document span of the whole block, delimiters included
    start: int
    end: int


class LineTable:
    """Offset in a text -> 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def align(source: str, start: int, content: str, limit: int | None = None) -> list[int] | None:
    """The offsets in ``source`` of the characters of ``content``, read from ``start`` on.

    A parser hands back the math of a blockquote or list item without the ``>`` markers and
    indentation of its continuation lines; those are skipped here. Anything else that does not
    match means ``content`` does not start at ``start``: None."""
    limit = len(source) if limit is None else min(limit, len(source))
    offsets: list[int] = []
    j = start
    for ch in content:
        while j < limit and source[j] != ch and (source[j] in " \t>" or (source[j] == "\r" and ch == "\n")):
            j += 1
        if j < limit and source[j] == ch:
            offsets.append(j)
            j += 1
        elif ch in " \t\n":
            # the parser added or normalised whitespace: give it the position it would have had
            offsets.append(max(start, j - 1))
        else:
            return None
    return offsets


def with_spans_replaced(region: Region, spans: list[tuple[int, int, str]]) -> Region:
    """The region with each span (start, end, replacement) of its text replaced; the replacement's
    characters take the offset of the span's first (a step's column stays where it was written)."""
    if not spans:
        return region
    text = region.text
    body: list[str] = []
    where: list[int] = []
    last = 0
    for start, end, read_as in sorted(spans):
        body.append(text[last:start] + read_as)
        where.extend(region.offsets[last:start])
        where.extend([region.offsets[start]] * len(read_as))
        last = end
    body.append(text[last:])
    where.extend(region.offsets[last:])
    return Region(region.kind, "".join(body), tuple(where), region.start, region.end)
