r"""A sentence written between two equations on one row: ``z^l = w^l a^{l-1} + b^l \text{ which
makes } \frac{\partial z^l}{\partial a^{l-1}} = w^l``.

Read as one chain the row would say ``b^l \cdot \text{which makes} \cdot \frac{∂z}{∂a}``: prose
taken for a factor, the left side of a second equation glued to the right side of the first.
The words are a connective between two statements, so the row is two equations, cut where the
words stand. A cut is made only where

- the words are a ``\text{…}`` at the top level (not inside braces, brackets or an
  environment) that opens with a connective (which, so, thus, hence, therefore, and, then,
  giving, implies, i.e., we …); a condition (if, for, when, where, with, or) is not one: it
  says where the equation before it holds and is read as such elsewhere;
- the part before states a relation of its own, and the part after states one too without
  starting with it (``a = b \text{ so } = c`` is one chain with a remark and is left alone).
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

__all__ = ["prose_parts"]

_SPACING = r"(?:\s|\\q?quad(?![A-Za-z])|\\[,;:! ]|~)*"
_CONNECTIVE = re.compile(
    _SPACING + r"\\(?:text|textrm|textit|mbox)\s*\{\s*(?:which|so|thus|hence|therefore|and|then|giving|gives|yields"
    r"|implies|i\.\s?e\.?|we|this|that|it|now|also|since|because)(?![A-Za-z])[^{}$]*\}" + _SPACING,
    re.I,
)
_RELATION = re.compile(r"(?<![\\<>])(?:=|<|>)|\\(?:neq?|leq?|geq?|approx|equiv)(?![A-Za-z])")
_STARTS_WITH_RELATION = re.compile(r"\s*(?:=|<|>|\\(?:neq?|leq?|geq?|approx|equiv)(?![A-Za-z]))")


class _Text(Protocol):
    text: str

    def slice(self, start: int, end: int) -> _Text: ...

    def strip(self, chars: str | None = None) -> _Text: ...


T = TypeVar("T", bound=_Text)


def _top_level(text: str) -> list[bool]:
    """For each index: is it outside braces, brackets, parentheses and environments?"""
    out, depth, k = [True] * len(text), 0, 0
    while k < len(text):
        if text.startswith("\\begin{", k) or text.startswith("\\end{", k):
            depth += 1 if text.startswith("\\begin{", k) else -1
            k = text.find("}", k) + 1 or len(text)
            continue
        c = text[k]
        if c == "\\":
            out[k : k + 2] = [depth == 0] * len(out[k : k + 2])
            k += 2
            continue
        if c in "{[(":
            depth += 1
        out[k] = depth == 0 and c not in "})]"
        if c in "}])":
            depth = max(0, depth - 1)
        k += 1
    return out


#: a group around a whole equation: ``{\frac{∂z}{∂a} = w}``, ``\color{green}{… = …}``
_WRAPPER = re.compile(r"\s*(?:\\color\s*\{[^{}]*\}\s*)?\{(.*)\}\s*$", re.S)


def _has_relation(text: str) -> bool:
    """Does the text state a relation outside every group (or inside the one group around it all)?"""
    wrapped = _WRAPPER.match(text)
    if wrapped and _balanced(wrapped.group(1)):  # {a} = {b} is no wrapper: "a} = {b" is unbalanced
        text = wrapped.group(1)
    top = _top_level(text)
    return any(top[m.start()] for m in _RELATION.finditer(text))


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def prose_parts(row: T) -> list[T]:
    """The row cut at each connective sentence between two equations (see the module's
    description); the row itself, in a list, when it has none."""
    text = row.text
    if "\\text" not in text and "\\mbox" not in text:
        return [row]
    top = _top_level(text)
    parts: list[T] = []
    start = 0
    for m in _CONNECTIVE.finditer(text):
        if not top[m.start()] or m.start() < start:
            continue
        before, after = text[start : m.start()], text[m.end() :]
        if _has_relation(before) and _has_relation(after) and not _STARTS_WITH_RELATION.match(after):
            parts.append(row.slice(start, m.start()).strip())
            start = m.end()
    if not parts:
        return [row]
    parts.append(row.slice(start, len(text)).strip())
    return [_unbraced(p) for p in parts if p.text]


def _unbraced(part: T) -> T:
    """``{\frac{∂z}{∂a} = w}`` (an equation set in a group after the words): the equation."""
    if part.text.startswith("{") and part.text.endswith("}") and _balanced(part.text[1:-1]):
        return part.slice(1, len(part.text) - 1).strip()
    return part
