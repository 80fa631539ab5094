r"""Decimal commas: ``\frac{60}{100} = 0,6``, ``\frac{5}{40} = 0,125`` (a German lecture's Bayes example).

The chain splitter cut ``0,6`` at its comma (two claims, ``= 0`` and ``6``) and the number reader
took ``0,125`` for a thousands-grouped 125, so both correct steps were 'wrong'. A number written
with a comma between digits is a decimal comma when it cannot be a thousands group (its whole part
is 0, ``0,125``, or the digits after the comma are not three, ``0,6``, ``2,25``) and every comma of
its equation is such a one (``P(B) = 0,45 + 0,05 = 0,50``: no list, no second claim there). Where
the term before the relation is one letter (``k = 0,1``: the values of an index) the comma stays a
list's.
"""

from __future__ import annotations

import re

__all__ = ["decimal_comma_at", "decimal_equation", "decimal_number"]

#: a lone number with a decimal comma (not a thousands group)
_DECIMAL = re.compile(r"\s*(-?)(0|\d+)\s*,\s*(\d+)\s*")


def _not_thousands(whole: str, fraction: str) -> bool:
    return whole == "0" or len(fraction) != 3


def decimal_comma_at(toks: list[str], k: int, before: str | None) -> bool:
    """Is the comma at ``toks[k]`` a decimal comma? ``toks`` are the tokens of an equation whose
    every comma stands between two digits (:func:`decimal_equation`), ``before`` the term before the
    last relation (None at the chain's start)."""
    if k == 0 or k + 1 >= len(toks) or not toks[k - 1].isdigit() or not toks[k + 1].isdigit():
        return False
    if before is not None and re.fullmatch(r"\s*[A-Za-z]\s*", before):
        return False  # k = 0,1: an index's values
    return _not_thousands(toks[k - 1], toks[k + 1])


def decimal_equation(text: str) -> bool:
    """Does every comma of ``text`` stand between two digits (``0,45 + 0,05 = 0,50``), none of them
    a thousands group's? Then no comma there separates a list or two claims."""
    commas = [m.start() for m in re.finditer(",", text)]
    if not commas:
        return False
    for at in commas:
        m = re.match(r"\d+", text[at + 1 :])
        whole = re.search(r"(\d+)$", text[:at])
        if m is None or whole is None or not _not_thousands(whole.group(1), m.group(0)):
            return False
    return True


def decimal_number(text: str) -> str | None:
    """``0,125`` as ``0.125`` when the whole of ``text`` is such a number; None otherwise."""
    m = _DECIMAL.fullmatch(text)
    if m is None or not _not_thousands(m.group(2), m.group(3)):
        return None
    return f"{m.group(1)}{m.group(2)}.{m.group(3)}"
