r"""Definitions a document gives as the reason of a row: ``\frac{dz_i}{dw_2} &= \frac{d}{dw_2}[w_1
x_{i1} + w_2 x_{i2} + b] \quad \because z_i = w_1 x_{i1} + w_2 x_{i2} + b``.

The reader cuts the reason off the row (rows.py), so the row's own step would differentiate a
``z_i`` the document never defined before it. The reason states the dependence for this row and
the rows after it: it is a definition placed at the start of its line (before every step of it).

Only ``\because NAME = VALUE`` with a plain name (``\because \ln 1 = 0`` states a fact, not a
name) that the document defines nowhere else; a name two reasons give different values is left
out (which one is meant is not known), the same value given again is one definition.
"""

from __future__ import annotations

import re

from derive.checks.latex.notation import Notation, identifier_name

from derive.errors import DeriveError

__all__ = ["reason_definitions"]

#: ``\because NAME = VALUE`` up to the row's end (``\\``, ``\tag``, spacing, math end or line end)
_REASON = re.compile(
    r"\\because\s*(?P<name>[^=\\]*(?:\\[A-Za-z]+\s*\{[^{}=]*\}[^=\\]*)?)=(?![=])"
    r"(?P<value>(?:(?!\\\\|\\tag|\\q?quad|\\because|\\therefore|\\end\{|\$|&).)+)"
)
_NUMBER = re.compile(r"[-+]?\s*\d+(?:\.\d+)?\s*")


def reason_definitions(text: str, notation: Notation, defined: set[str]) -> list[tuple[int, str, str]]:
    """(line, name, value) of each reason-clause definition of the module docstring; ``defined``
    are the names the document defines otherwise."""
    found: dict[str, tuple[int, str]] = {}
    conflicting: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        for m in _REASON.finditer(line):
            value = m.group("value").strip().rstrip(".,;").strip()
            try:
                name = identifier_name(m.group("name").strip(), notation=notation)
            except DeriveError:
                continue
            if not value or _NUMBER.fullmatch(value) or name in defined or _mentions(value, name):
                continue
            if name in notation.functions or name in notation.constants:
                continue
            if name in found and _squeezed(found[name][1]) != _squeezed(value):
                conflicting.add(name)
            found.setdefault(name, (number, value))
    return [(line, name, value) for name, (line, value) in found.items() if name not in conflicting]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _mentions(value: str, name: str) -> bool:
    """Does the value use the name's letter (then it is an equation, not a definition)?"""
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    plain = re.sub(r"\\[A-Za-z]+", " ", value) if base[:1].isalpha() else value
    return re.search(re.escape(base) + r"(?![A-Za-z])", plain) is not None
