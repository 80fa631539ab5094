r"""Brace groups in LaTeX source text (not tokens): where the group opened at a ``{`` ends.

``\{`` and ``\}`` are escaped braces (a set's), not the group's; the scan skips them.
"""

from __future__ import annotations

__all__ = ["brace_group_end"]


def brace_group_end(text: str, open_brace: int) -> int:
    """Index just past the group opened at ``open_brace`` (a ``{``), or -1 if unbalanced."""
    depth = 0
    k = open_brace
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        if depth == 0:
            return k + 1
        k += 1
    return -1
