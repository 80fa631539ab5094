"""Where a document's sections begin: the lines of its headings.

Several readings are scoped by section (a loss the document leaves behind a heading, a name each
section defines afresh); they share this one idea of a heading."""

from __future__ import annotations

import re

__all__ = ["heading_lines"]

#: a heading: Markdown #…, LaTeX \section, \subsection, \chapter, \paragraph (starred or not)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s|^\s*\\(?:sub)*section\*?\s*\{|^\s*\\(?:chapter|paragraph)\*?\s*\{")


def heading_lines(text: str) -> list[int]:
    """The 1-based lines of the document's headings."""
    return [k for k, line in enumerate(text.splitlines(), start=1) if _HEADING.match(line)]
