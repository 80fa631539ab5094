r"""Mathematics inside a ``\text{…}``: ``\begin{cases} 0 & \text{if $p \neq c$} \end{cases}``.

``\text`` switches to text mode, and TeX users switch back inside it with ``$…$`` or ``\(…\)``
(``\text{if \(i = k\)}``, ``\mbox{for $i \neq j$}``). Read as one text, the condition is words and
the step is unread; its reader (case conditions, an align column's condition, prose conditions)
knows ``\text{if } p \neq c``. So each such text is written out as that: its words stay texts,
its mathematics comes out between them. A text without math, or whose ``$`` do not pair, is left
as written.
"""

from __future__ import annotations

import re

from derive.checks.latex.region import Region, with_spans_replaced
from derive.checks.latex.text_groups import brace_group_end

__all__ = ["with_text_math"]

#: the text-mode commands whose argument may hold math
_TEXT = re.compile(r"\\(?:text|textrm|textit|textnormal|mbox|hbox)\s*\{")
#: math inside a text: $…$ or \(…\)
_INNER = re.compile(r"\$([^$]+)\$|\\\((.+?)\\\)", re.S)


def _written_out(body: str) -> str | None:
    """``if $p \\neq c$ here`` → ``\\text{if } p \\neq c \\text{ here}``, or None (no math in it)."""
    if "$" not in body and "\\(" not in body:
        return None
    if body.count("$") % 2:
        return None
    parts: list[str] = []
    last = 0
    for m in _INNER.finditer(body):
        words = body[last : m.start()]
        if words.strip():
            parts.append(f"\\text{{{words}}}")
        parts.append(f" {m.group(1) or m.group(2)} ")
        last = m.end()
    if last == 0:
        return None
    if body[last:].strip():
        parts.append(f"\\text{{{body[last:]}}}")
    return "".join(parts)


def with_text_math(regions: list[Region]) -> list[Region]:
    """The regions with the math inside their texts written out (see the module docstring)."""
    out: list[Region] = []
    for region in regions:
        spans: list[tuple[int, int, str]] = []
        if "\\" in region.text and ("$" in region.text or "\\(" in region.text):
            for m in _TEXT.finditer(region.text):
                end = brace_group_end(region.text, m.end() - 1)
                if end < 0 or (spans and m.start() < spans[-1][1]):
                    continue
                read_as = _written_out(region.text[m.end() : end - 1])
                if read_as is not None:
                    spans.append((m.start(), end, read_as))
        out.append(with_spans_replaced(region, spans))
    return out
