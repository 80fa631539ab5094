r"""Math written for Markdown processors that eat one backslash: kramdown (Jekyll, GitHub Pages)
and every CommonMark renderer turn ``\\[`` into ``\[`` before MathJax sees the page, so blogs write
display math as ``\\[ … \\]`` and inline math as ``\\( … \\)``, with the math itself escaped the
same way (``\\\\`` for a row break, ``\_`` and ``\*`` for ``_`` and ``*``).

The regions are found in the paragraphs the Markdown parser reports (never in code blocks, nor in
a paragraph's code spans), and their text is the math as MathJax reads it: each backslash escape
of an ASCII punctuation character (CommonMark's rule) is the character alone, and every character
keeps its exact offset in the file.
"""

from __future__ import annotations

import re
import string

from derive.checks.latex.region import Region

__all__ = ["escaped_math_regions", "has_escaped_math"]

_ESCAPED = re.compile(r"(?<!\\)\\\\\[(?P<display>.+?)\\\\\]|(?<!\\)\\\\\((?P<inline>.+?)\\\\\)", re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_PUNCTUATION = frozenset(string.punctuation)


def has_escaped_math(text: str) -> bool:
    return "\\\\[" in text or "\\\\(" in text


def _unescaped(text: str, start: int, end: int) -> tuple[str, tuple[int, ...]]:
    """The text between start and end with CommonMark's backslash escapes resolved, and the
    offset of each character left."""
    chars: list[str] = []
    offsets: list[int] = []
    k = start
    while k < end:
        if text[k] == "\\" and k + 1 < end and text[k + 1] in _PUNCTUATION:
            k += 1
        chars.append(text[k])
        offsets.append(k)
        k += 1
    return "".join(chars), tuple(offsets)


def escaped_math_regions(text: str, paragraphs: list[tuple[int, int]]) -> list[Region]:
    """The ``\\[ … \\]`` and ``\\( … \\)`` math of these paragraphs (start, end offsets)."""
    found: list[Region] = []
    for start, end in paragraphs:
        code = [m.span() for m in _CODE_SPAN.finditer(text, start, end)]
        for m in _ESCAPED.finditer(text, start, end):
            if any(a <= m.start() < b for a, b in code):
                continue
            kind = "display" if m.group("display") is not None else "inline"
            body, offsets = _unescaped(text, *m.span(kind))
            if body.strip():
                found.append(Region(kind, body, offsets, m.start(), m.end()))
    return found
