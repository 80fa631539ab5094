r"""A result given in a scaled unit after the math: ``$22,528\times 128 = 2.9$ Mbit``.

Engineering notes compute a size or a rate and write the result in the unit the reader wants,
the unit's prefix after the closing dollar: "approximately $22,528\times 128 = 2.9$ Mbit ($260$
kByte)", "$3 \times 10^8 / 600 = 0.5$ GHz". The number is the computation divided by the
prefix (mega: 10^6), rounded to its written places; read alone, 2 883 584 = 2.9 was refuted.

A ``wrong`` step whose sides are a computation of numbers alone and a decimal number, written in
the running text with a unit right after the math (a prefix k, M, G, T, m, μ, n and a unit such
as bit, B, byte, Hz, s, m, W, V, flops; or the words thousand, million, billion), is held back,
inconclusive, saying so, where the computation over the prefix's factor (or its power of two,
for bits and bytes) gives the number to its written places. A number it does not give
(``22,528\times 128 = 3.4`` Mbit) stays wrong.
"""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Notation
from derive.checks.latex.results import StepResult, hold_wrongs
from derive.checks.latex.unit_suffix import computed_value

__all__ = ["hold_scaled_units", "scale_after"]

_PREFIXES = {"k": 3, "K": 3, "M": 6, "G": 9, "T": 12, "m": -3, "μ": -6, "\\mu": -6, "u": -6, "n": -9}
_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_UNIT = r"(?:bits?|[Bb]ytes?|B|b|Hz|s|m|g|W|V|A|J|[Ff][Ll][Oo][Pp][Ss]?)(?![A-Za-z])"
_AFTER = re.compile(
    r"\s*\$\s*(?:(?P<prefix>\\mu|[kKMGTmμun])\s*(?P<unit>" + _UNIT + r")|(?P<word>thousand|million|billion|trillion)\b)"
)
_DECIMAL = re.compile(r"\s*(?P<number>\d+\.(?P<places>\d+))\s*")
#: a computation of numbers alone: digits, thousands commas, ×, ·, /, brackets, powers of ten
_ARITHMETIC = re.compile(r"[\d\s.,+\-*/()^{}]|\\(?:times|cdot|div|frac|left|right|,)(?![A-Za-z])")


def scale_after(text: str, line: int, number: str) -> tuple[int, bool] | None:
    """(power of ten, a unit of bits or bytes) of the scaled unit written right after ``number``
    and the closing dollar on the document's ``line`` (1-based), or None."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    for m in re.finditer(re.escape(number) + _AFTER.pattern, lines[line - 1]):
        if m.group("word"):
            return _WORDS[m.group("word")], False
        return _PREFIXES[m.group("prefix")], bool(re.match(r"bits?|[Bb]ytes?|B|b", m.group("unit")))
    return None


def _value(computation: str, notation: Notation) -> float | None:
    """The value of a computation of numbers alone (thousands commas dropped), or None."""
    if _ARITHMETIC.sub("", computation).strip():
        return None
    return computed_value(re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", computation), notation)


def _gives(value: float, number: str, places: int, power: int, binary: bool) -> bool:
    scales = [10.0**power] + ([2.0 ** (10 * power // 3)] if binary and power > 0 else [])
    return any(abs(value / scale - float(number)) <= 0.5 * 10.0**-places * (1 + 1e-9) for scale in scales)


def hold_scaled_units(judged: list[StepResult], text: str, notation: Notation) -> list[StepResult]:
    """``judged`` with each wrong "computation = number" given in a scaled unit held back (module docstring)."""

    def why(result: StepResult) -> str | None:
        for computation, side in ((result.step.lhs, result.step.rhs), (result.step.rhs, result.step.lhs)):
            m = _DECIMAL.fullmatch(side)
            value = _value(computation, notation) if m else None
            scale = scale_after(text, result.step.line, m.group("number")) if m and value is not None else None
            if scale and _gives(value, m.group("number"), len(m.group("places")), *scale):
                return f"; but {m.group('number')} is given in the unit written after it (10^{scale[0]}), rounded"
        return None

    return hold_wrongs(judged, why)
