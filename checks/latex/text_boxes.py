r"""Math set inside a text-mode box in a display: ``$$\colorbox{yellow}{$a = b$}$$``.

Notes that highlight a result box it in a text-mode command whose argument holds the formula as
inline math (``\boxed{\colorbox{Chartreuse}{$\frac{\partial C}{\partial w} = \delta a$}}``,
``\fbox{$x = y$}``, ``\fcolorbox{red}{white}{$…$}``): every renderer typesets the formula as if the
box were not there, but the box's braces hide its ``=`` from the row reader, so the step was never
seen. Here the box and the inner dollars are blanked (same length, same offsets: positions stay
those of the file), only where the box's whole argument is one piece of inline math; a box of
words (``\colorbox{yellow}{chain rule}``) or of words and math is left alone.

A colour group around a whole statement beside others (``\textcolor{blue}{\frac{\partial z}{\partial w}
= a} \quad\text{and}\quad \textcolor{green}{\frac{\partial z}{\partial b} = 1}``) hides its ``=`` the
same way: a colour group at the display's top level whose body holds an ``=`` of its own top level
is blanked too (the colour changes how the formula looks, never what it says).
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

__all__ = ["unbox_text_math", "uncolour_statements"]


class _Blankable(Protocol):
    """What the rows reader's ``MappedText`` offers (rows.py imports this module, not the reverse)."""

    text: str

    def blank(self: _Text, start: int, end: int) -> _Text: ...


_Text = TypeVar("_Text", bound=_Blankable)

#: a text-mode box up to the brace that opens its (last) argument
_BOX_HEAD = re.compile(
    r"\\(?:colorbox\s*(?:\[[^\]]*\])?\s*\{[^{}$]*\}"
    r"|fcolorbox\s*(?:\[[^\]]*\])?\s*\{[^{}$]*\}\s*\{[^{}$]*\}"
    r"|fbox|mbox|hbox|framebox\s*(?:\[[^\]]*\]\s*)*|makebox\s*(?:\[[^\]]*\]\s*)*)\s*\{"
)


def _closing_brace(text: str, opening: int) -> int | None:
    """The index of the brace that closes the group opened at ``opening`` (escaped braces skipped)."""
    depth = 0
    k = opening
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        if depth == 0:
            return k
        k += 1
    return None


def _inline_math_span(argument: str) -> tuple[int, int] | None:
    """(start, end) of the dollars around the argument's formula, when the argument is exactly
    ``$formula$`` (spaces around allowed; no other unescaped dollar inside)."""
    dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", argument)]
    if len(dollars) != 2 or argument[: dollars[0]].strip() or argument[dollars[1] + 1 :].strip():
        return None
    if not argument[dollars[0] + 1 : dollars[1]].strip():
        return None
    return dollars[0], dollars[1]


def unbox_text_math(body: _Text) -> _Text:
    """The body with each text-mode box around a whole inline formula blanked, the formula kept."""
    if "$" not in body.text or "box" not in body.text:
        return body
    search_from = 0
    while True:
        head = _BOX_HEAD.search(body.text, search_from)
        if head is None:
            return body
        opening = head.end() - 1
        closing = _closing_brace(body.text, opening)
        if closing is None:
            return body
        span = _inline_math_span(body.text[opening + 1 : closing])
        if span is not None:
            first, last = opening + 1 + span[0], opening + 1 + span[1]
            # blank from the back so the earlier indices stay valid
            body = body.blank(last, closing + 1).blank(head.start(), first + 1)
        search_from = head.end()


#: a colour command up to the brace that opens the coloured group
_COLOUR_HEAD = re.compile(r"\\(?:textcolor|color)\s*(?:\[[^\]]*\])?\s*\{[^{}$]*\}\s*\{")


def _top_level_equals(text: str) -> bool:
    depth = 0
    k = 0
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        if c == "=" and depth == 0:
            return True
        k += 1
    return False


def _depth_at(text: str, index: int) -> int:
    depth = 0
    k = 0
    while k < index:
        if text[k] == "\\":
            k += 2
            continue
        depth += (text[k] == "{") - (text[k] == "}")
        k += 1
    return depth


def uncolour_statements(body: _Text) -> _Text:
    """The body with each top-level colour group whose body states an equation blanked, its body kept."""
    if "color" not in body.text:
        return body
    search_from = 0
    while True:
        head = _COLOUR_HEAD.search(body.text, search_from)
        if head is None:
            return body
        opening = head.end() - 1
        closing = _closing_brace(body.text, opening)
        if closing is None:
            return body
        inner = body.text[opening + 1 : closing]
        if _depth_at(body.text, head.start()) == 0 and _top_level_equals(inner):
            body = body.blank(closing, closing + 1).blank(head.start(), opening + 1)
        search_from = head.end()
