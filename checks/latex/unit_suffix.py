r"""A number with its unit written against it: ``T_s \approx \frac{3}{0.202} = 14.8515s``.

Control and physics homework write a result with its unit glued to the number (14.8515s for
seconds, 9.81m, 2.5\,\text{kg}). Read as maths the letter is a factor, and where the document uses
that letter for something else (s the Laplace variable, given the value −3 at a pole) the step was
'wrong' (the twenty-eighth hunt: "with the document's values (s = -3) the sides are 14.85 and
−44.55"). A ``wrong`` step one of whose sides is a number followed by a unit (one letter glued to it,
or one to three letters in ``\text``/``\mathrm``), the other side a computation of numbers alone,
is held when that computation equals the number to its written places: the letter was a unit,
not a factor. The computation may write units of its own (``2.73A \times 0.4 = 1.09A``, ``\frac{1.68
\times 10^{-8} \Omega\cdot m \times 15m}{2.5 \times 10^{-6}m^2} = 0.101\Omega``): they are set aside
before it is compared. A number that the computation does not give (``\frac{3}{0.202} = 16.2s``) stays wrong.
"""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_unit_suffixes", "computed_value"]

#: a number and its unit: 14.8515s, 3 s, 2.5\,\text{kg}, 9.81\mathrm{m}
_WITH_UNIT = re.compile(
    r"\s*(?P<number>-?\d+(?:\.(?P<places>\d+))?)\s*(?:\\[,;:!]\s*|\\ \s*)?"
    r"(?:\\(?:text|mathrm)\s*\{\s*(?P<word>[A-Za-z]{1,3})\s*\}|(?P<letter>[A-Za-z]|\\Omega(?![A-Za-z])|Ω))\s*"
)
#: units written in the computation too (2.73A \times 0.4, 1.68 \times 10^{-8} \Omega\cdot m \times 15m): after a
#: number or a power of ten, a unit of one or two letters (maybe squared), or an ohm sign anywhere
_OHMS = re.compile(r"\\Omega(?![A-Za-z])|Ω")
_UNITS_IN = re.compile(r"(?<=[\d}])\s*(?:\\cdot\s*)?[A-Za-z]{1,2}(?:\^\s*(?:\{\d\}|\d))?(?![A-Za-z{(])")


def hold_unit_suffixes(judged: list[StepResult], notation: Notation) -> list[StepResult]:
    """``judged`` with each wrong "computation = number unit" whose numbers agree held (module docstring)."""

    def why(result: StepResult) -> str | None:
        for side, other in ((result.step.rhs, result.step.lhs), (result.step.lhs, result.step.rhs)):
            m = _WITH_UNIT.fullmatch(side)
            if m is not None and (_agrees(other, m, notation) or _units_set_aside_agree(other, m, notation)):
                unit, number = m.group("word") or m.group("letter"), m.group("number")
                return f"; but {other.strip()} is {number}: the {unit} after the number is its unit, not a factor"
        return None

    return hold_wrongs(judged, why)


def computed_value(computation: str, notation: Notation) -> float | None:
    """The real value of a computation of numbers alone, read by the document's reader
    (normalize), never evaluated as code; None when it names anything or is not real."""
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    norm = normalize(computation, notation)
    if norm.problems or norm.symbol_names or norm.derivatives:
        return None
    try:
        value = complex(to_sympy(norm).evalf())
    except (Unparsed, TypeError, ValueError, ArithmeticError, RecursionError):
        return None
    return value.real if abs(value.imag) <= 1e-12 else None


def _agrees(computation: str, written: re.Match[str], notation: Notation) -> bool:
    """Is ``computation`` (numbers only) the written number to its places?"""
    value = computed_value(computation, notation)
    if value is None:
        return False
    places = len(written.group("places") or "")
    return abs(value - float(written.group("number"))) <= 0.5 * 10.0**-places * (1 + 1e-9) + 1e-12


#: the numbers of a computation (a power of ten's exponent counts too: it is written)
_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


def _units_set_aside_agree(other: str, m: re.Match[str], notation: Notation) -> bool:
    r"""Does the computation, its own units set aside, give the number to its written places? Only
    for a measured result (a decimal number: ``1.09A``) of a computation of two numbers or more:
    ``3x^2 = 3x`` or ``2x \cdot 3x = 6x`` is algebra in x, whose letters are no units to drop."""
    if not m.group("places") or len(_NUMBERS.findall(other)) < 2:
        return False
    return _agrees(_UNITS_IN.sub(" ", _OHMS.sub("", other)), m, notation)
