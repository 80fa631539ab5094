r"""Groups in LaTeX source text (not tokens): where the group opened at a ``{`` ends, what a round
bracket holds, and whether a place is inside a sub- or superscript.

``\{`` and ``\}`` are escaped braces (a set's), not the group's; the scan skips them.
"""

from __future__ import annotations

import re

__all__ = ["brace_depths", "brace_group_end", "in_script", "round_group", "top_level_terms"]


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


def brace_depths(text: str) -> list[int]:
    """The group depth at each character, a group's braces counted inside it, an escaped character
    and its backslash at the depth around them: ``a{b}c`` → 0, 1, 1, 1, 0."""
    depths: list[int] = []
    depth = 0
    k = 0
    while k < len(text):
        if text[k] == "\\":
            depths += [depth, depth][: len(text) - k]
            k += 2
            continue
        depth += text[k] == "{"
        depths.append(depth)
        depth -= text[k] == "}"
        k += 1
    return depths


def round_group(text: str, open_paren: int) -> tuple[str, int] | None:
    """What the round bracket opened at ``open_paren`` holds (a closing ``\\right`` left out) and
    the index just past its ``)``; None if it does not close."""
    depth = 0
    for k in range(open_paren, len(text)):
        depth += (text[k] == "(") - (text[k] == ")")
        if depth == 0:
            return re.sub(r"\\right\s*$", "", text[open_paren + 1 : k]), k + 1
    return None


def in_script(text: str, start: int) -> bool:
    """Is the name at ``start`` a script (``_l``, ``^{(l)}``, ``\\sum_{l=1}``)?"""
    before = text[:start].rstrip()
    if before.endswith(("_", "^")):
        return True
    depth = 0
    for k in range(len(before) - 1, -1, -1):
        c = before[k]
        if c == "}":
            depth += 1
        elif c == "{":
            if depth == 0:
                return before[:k].rstrip().endswith(("_", "^"))
            depth -= 1
    return False


def top_level_terms(text: str) -> list[str]:
    """The text's terms: its pieces between a + or − outside every bracket (a leading sign kept)."""
    terms, depth, start = [], 0, 0
    for k, c in enumerate(text):
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and c in "+-" and text[start:k].strip():
            terms.append(text[start:k])
            start = k
    return [*terms, text[start:]]
