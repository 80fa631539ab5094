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
from collections.abc import Callable
from typing import Protocol, TypeVar

from derive.checks.latex.text_groups import brace_depths, brace_group_end

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


def _inline_math_span(argument: str) -> tuple[int, int] | None:
    """(start, end) of the dollars around the argument's formula, when the argument is exactly
    ``$formula$`` (spaces around allowed; no other unescaped dollar inside)."""
    dollars = [m.start() for m in re.finditer(r"(?<!\\)\$", argument)]
    if len(dollars) != 2 or argument[: dollars[0]].strip() or argument[dollars[1] + 1 :].strip():
        return None
    if not argument[dollars[0] + 1 : dollars[1]].strip():
        return None
    return dollars[0], dollars[1]


def _blank_groups(body: _Text, head: re.Pattern[str], keep: Callable[[str, int, int], tuple[int, int] | None]) -> _Text:
    """The body with each group ``head`` opens blanked where ``keep(text, head's start, closing brace)``
    gives the span (start, end) to keep: the command before it and the closing brace after it go."""
    search_from = 0
    while (found := head.search(body.text, search_from)) is not None:
        opening = found.end() - 1
        closing = brace_group_end(body.text, opening) - 1
        if closing < 0:
            return body
        kept = keep(body.text, found.start(), closing)
        if kept is not None:  # blank from the back so the earlier indices stay valid
            body = body.blank(kept[1], closing + 1).blank(found.start(), kept[0])
        search_from = found.end()
    return body


def _boxed_math(text: str, start: int, closing: int) -> tuple[int, int] | None:
    opening = _BOX_HEAD.match(text, start).end() - 1  # type: ignore[union-attr]
    span = _inline_math_span(text[opening + 1 : closing])
    return None if span is None else (opening + 2 + span[0], opening + 1 + span[1])


def unbox_text_math(body: _Text) -> _Text:
    """The body with each text-mode box around a whole inline formula blanked, the formula kept."""
    if "$" not in body.text or "box" not in body.text:
        return body
    return _blank_groups(body, _BOX_HEAD, _boxed_math)


#: a colour command up to the brace that opens the coloured group
_COLOUR_HEAD = re.compile(r"\\(?:textcolor|color)\s*(?:\[[^\]]*\])?\s*\{[^{}$]*\}\s*\{")


def _top_level_equals(text: str) -> bool:
    depths = brace_depths(text)
    return any(c == "=" and depths[k] == 0 for k, c in enumerate(text))


def _coloured_statement(text: str, start: int, closing: int) -> tuple[int, int] | None:
    opening = _COLOUR_HEAD.match(text, start).end() - 1  # type: ignore[union-attr]
    if brace_depths(text[:start] + " ")[-1] != 0 or not _top_level_equals(text[opening + 1 : closing]):
        return None
    return opening + 1, closing


def uncolour_statements(body: _Text) -> _Text:
    """The body with each top-level colour group whose body states an equation blanked, its body kept."""
    if "color" not in body.text:
        return body
    return _blank_groups(body, _COLOUR_HEAD, _coloured_statement)
