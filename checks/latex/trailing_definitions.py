r"""Definitions stated in the clause right after a display hold for that display's steps.

Authors write the formula first and say what its names are after it::

    $$\ell = -y\log\sigma(z) - (1-y)\log(1-\sigma(z)) = -y\log a - (1-y)\log(1-a)$$
    where $a = \sigma(z)$ is the prediction.

    $$J = -\sum_i t_i \log \frac{e^{v_i}}{\sum_k e^{v_k}} = -\sum_i t_i \log q_i$$
    Here $t_i$ is the label and $q_i = \frac{e^{v_i}}{\sum_k e^{v_k}}$ is the softmax output.

The definitions are collected where they are written (doc_definitions), after the display, so
the display's own steps could not use them: their sides used different symbols and stayed
unjudged ("a definition, or a step that needs context"), and a dropped sign there was not found.

A definition counts for the display just before it only when the document states it there, as
the first value the name is given anywhere (a name defined before, or twice, keeps the
ordinary rules), in the first sentence after the display, which opens with a defining word
(where, here, with, in which, and their usual translations). A supposing word (if, when, for)
states a case, not a value, and a sentence ending first (". Next …") ends the clause. A value
that is only a number is left where it is written: numbers belong to worked examples, whose
order matters.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.closed_values import GIVEN_NUMBER
from derive.checks.latex.extract import Equation

__all__ = ["hoist_trailing_definitions", "hoisted_definitions", "trailing_clause"]

#: math closers, markup and punctuation that may stand between a display and its clause
_CLOSERS = re.compile(
    r"^(?:\s|\$\$|\$|\\\]|\\\)|\\end\s*\{[a-zA-Z*]+\}|\\nonumber|\\notag|\\label\s*\{[^{}]*\}|[.,;:>*_]|</?[a-z]+>)*"
)
#: a word that opens a clause saying what the display's names are
_LEAD = re.compile(
    r"(?i:where|here|with|in\s+which|whereby|"
    r"où|avec|ici|donde|con|aquí|dove|onde|com|wobei|mit|hier)(?![^\W\d_])"
    r"|其中|这里|這裡|此处|ここで|ただし|여기서|단"
)
#: the end of a sentence (or of a paragraph) before the definition: the clause ended there
_SENTENCE_END = re.compile(r"[.!?。](?=\s|$)|\n[ \t>]*\n(?![ \t]*[-*+] )")


def _offsets(text: str) -> list[int]:
    """The offset in ``text`` of each line's first character (line 1 first)."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _offset(starts: list[int], line: int, column: int) -> int:
    return starts[min(line, len(starts)) - 1] + column - 1


def trailing_clause(between: str) -> bool:
    """Is the text between a display's last character and an inline definition the opening of
    one defining clause (``$$\\n\\nwhere $``, ``\\]\\nHere $t_i$ is the label and $``)?"""
    rest = _CLOSERS.sub("", between, count=1)
    lead = _LEAD.match(rest)
    return lead is not None and _SENTENCE_END.search(rest[: rest.rfind("$") if "$" in rest else len(rest)]) is None


def _display_spans(equations: list[Equation]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) as (line, column) of each display equation, in the document's order."""
    spans = []
    for equation in equations:
        if equation.kind != "display" or not equation.pieces:
            continue
        first, last = equation.pieces[0], equation.pieces[-1]
        spans.append(((first.line, first.column), last.position(max(0, len(last.text) - 1))))
    return sorted(spans)


def hoisted_definitions(defs: list[Any], equations: list[Equation], text: str) -> list[Any]:
    """``defs`` (doc_definitions.Definition, each a name's first definition) with each one stated
    in the clause right after a display moved to that display's start (its value stays where it
    is written, so its own link never uses it)."""
    spans = _display_spans(equations)
    if not spans or not text:
        return defs
    lines = _offsets(text)
    out = []
    for d in defs:
        where = (d.line, d.column)
        before = [s for s in spans if s[1] < where]
        last = max(before, key=lambda s: s[1], default=None)  # the last display ending before the name
        inside = any(start <= where <= end for start, end in spans)  # the name is in a display itself
        number = GIVEN_NUMBER.fullmatch(d.rhs.strip()) is not None
        if last is None or inside or number or any(last[1] < s[0] < where for s in spans):
            out.append(d)  # no display just before (or a number): the definition stays where it is
            continue
        between = text[_offset(lines, *last[1]) + 1 : _offset(lines, *where)]
        if trailing_clause(between):
            d = replace(d, line=last[0][0], column=0)  # before every step of that display
        out.append(d)
    return out  # in their order: later passes read the definitions in the document's order


def hoist_trailing_definitions(document: Any, equations: list[Equation], text: str) -> None:
    """Move the trailing definitions of a DocumentDefinitions (:func:`hoisted_definitions`), and
    where each name is first defined with them (implied_losses gives way to an explicit one from
    there)."""
    document.defs = hoisted_definitions(document.defs, equations, text)
    for d in document.defs:
        if (d.line, d.column) < document.first_at.get(d.name, (0, 0)):
            document.first_at[d.name] = (d.line, d.column)
