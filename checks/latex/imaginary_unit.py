r"""The letter i as the imaginary unit: ``e^{ix} = \cos x + i\sin x``, ``(1+2i)^2 = -3+4i``.

Fourier-series notes and the complex roots of a differential equation's characteristic polynomial
write i for √−1: ``\frac{e^{ix}-e^{-ix}}{2i} = -i\cdot\frac{e^{ix}-e^{-ix}}{2}``, ``\frac{17}{1+4i}
\cdot\frac{1-4i}{1-4i} = \frac{17-68i}{17}``. The reader takes every letter for a real number,
and such steps were 'wrong' at i = 1. In machine-learning derivations i is mostly an index, so
the reading is not changed: a ``wrong`` step that writes i only as a factor (never in a subscript,
a sum's bounds or as an index, never beside a name with an i subscript) is evaluated again with i
= √−1 at a few random points of its other names; agreeing to 1e-9 there, it is inconclusive and
says so, never ok. Refuted there too (``e^{ix} = \cos x - i\sin x``), it stays wrong. Electrical
engineering and signal processing write j for it (``\exp(-j\pi/2) = -j``, ``(a + jb)(c + jd) =
(ac - bd) + j(ad + bc)``): the same is tried with j, under the same guards (never an index).
A discrete signal's exponential holds only at whole sample indices (``e^{j\omega n} = e^{j(\omega +
2\pi) n}``, ``e^{-j2\pi kn/N}``): where the random real points refute it, it is tried once more with
the letters that name such indices (n, k, m, l and N, K, M, L) drawn as whole numbers; holding there,
it is inconclusive and says so, as above.
The letter may sit only in a definition the step uses: a DFT's twiddle factor ``W_N =
\exp(-j2\pi/N)``, then ``W_4^{2k}W_4^{1k} = (-1)^k W_4^{1k}``. Where the counterexample gives the
letter (or the reader's renamed copy of it, ``j_{2}``) a value although the step never writes it,
and a definition of the document writes it as a lone factor in an exponent (never as an index), the
``wrong`` is held back too, inconclusive, saying so: not evaluated again, since the definitions are
not the step's text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult
from derive.checks.latex.seeded_points import vanishes_at_points

__all__ = ["IMAGINARY", "UNIT_LETTERS", "hold_imaginary_unit", "holds_with_imaginary_i", "lone_pattern", "lone_unit"]

#: the letters written for √−1: i, and j in electrical engineering and signal processing
UNIT_LETTERS = ("i", "j")


def lone_pattern(letter: str) -> re.Pattern[str]:
    """The letter as a factor (ix, 2i, i\\sin x, -j\\pi): not part of a command (\\sin, \\pi) or a
    word, not a subscript's letter."""
    return re.compile(rf"(?<![\\A-Za-z_]){letter}(?![A-Za-z]{{2}})")


def _index(letter: str) -> re.Pattern[str]:
    """The letter where an index stands: x_i, x_{ij}, \\sum_{i=1}, i = 1, \\in, a subscript group holding it."""
    return re.compile(
        rf"_\s*{letter}\b|_\s*\{{[^{{}}]*\b{letter}|_\s*\{{[^{{}}]*{letter}[^{{}}]*\}}|\b{letter}\s*[=<>]"
        rf"|\b{letter}\s*\\(?:in|le|ge|neq)\b"
    )


#: the letters that name a discrete signal's sample and frequency indices and their lengths
INDEX_LETTERS = frozenset("nkmlNKML")
#: √−1 as the reader writes it (SymPy makes sqrt(-1) the imaginary unit)
IMAGINARY = r"(\sqrt{-1})"


def lone_unit(text: str, letter: str = "i") -> bool:
    """Does the step write the letter only as a factor (module docstring)?"""
    return lone_pattern(letter).search(text) is not None and _index(letter).search(text) is None


def holds_with_imaginary_i(
    lhs: str, rhs: str, notation: Notation, points: int = 4, letter: str = "i", integers: frozenset[str] = frozenset()
) -> bool:
    """Do the sides agree, with the letter (i, or j) read as √−1, at ``points`` random real values
    of the other names (whole numbers for the names in ``integers``)?"""
    if not lone_unit(f"{lhs} = {rhs}", letter):
        return False
    lone = lone_pattern(letter)
    for reading in (notation, replace(notation, log_takes_product=True)):  # \cos 2x: cos(2)·x, or cos(2x)
        left, right = (normalize(lone.sub(lambda _: IMAGINARY, side), reading) for side in (lhs, rhs))
        if not (left.problems or right.problems) and _agree(left, right, points, integers):
            return True
    return False


def _agree(left: Any, right: Any, points: int, integers: frozenset[str] = frozenset()) -> bool:
    """The sides' SymPy expressions equal at seeded random points (False when they cannot be evaluated)."""
    import sympy as sp
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    try:
        sides = to_sympy(left), to_sympy(right)
    except (Unparsed, TypeError, ValueError, ArithmeticError, RecursionError):
        return False
    if not any(side.has(sp.I) for side in sides):
        return False  # nothing imaginary was read: the first verdict stands
    return vanishes_at_points(sides[0] - sides[1], points, integers=integers)


def hold_imaginary_unit(judged: list[StepResult], notation: Notation, definitions: Any = ()) -> list[StepResult]:
    """``judged`` with each wrong step that holds with i the imaginary unit held (module docstring);
    ``definitions``: the document's (doc_definitions.Definition), for a unit written only there."""
    out = list(judged)
    exponents = _units_in_exponents(definitions)
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        why = _imaginary_reading(result.step.lhs, result.step.rhs, notation) or _defined_unit(result, exponents)
        if why:
            out[k] = result.held(result.message + why)
    return out


def _imaginary_reading(lhs: str, rhs: str, notation: Notation) -> str | None:
    """Why the step holds with i or j as √−1 (at real points, or else at whole sample indices), or None."""
    for letter in UNIT_LETTERS:
        if holds_with_imaginary_i(lhs, rhs, notation, letter=letter):
            return f"; but it holds with {letter} the imaginary unit √−1 (complex numbers), checked at random points"
    for letter in UNIT_LETTERS:
        if holds_with_imaginary_i(lhs, rhs, notation, letter=letter, integers=INDEX_LETTERS):
            return (
                f"; but it holds with {letter} the imaginary unit √−1 and the indices among"
                f" {', '.join(sorted(INDEX_LETTERS))} whole numbers (a discrete signal), checked at random points"
            )
    return None


#: e^{…} or \exp(…): where a definition's lone i or j stands for √−1
_EXPONENT = re.compile(r"\\exp\b|\be\s*\^")


def _units_in_exponents(definitions: Any) -> dict[str, str]:
    """letter → a definition writing it as a lone factor beside an exponential, never as an index."""
    found: dict[str, str] = {}
    for definition in definitions:
        value = getattr(definition, "rhs", "")
        for letter in UNIT_LETTERS:
            if letter not in found and _EXPONENT.search(value) and lone_unit(value, letter):
                found[letter] = f"{definition.name} = {value.strip()}"
    return found


def _defined_unit(result: StepResult, exponents: dict[str, str]) -> str | None:
    """Why a refutation that gives a unit letter the step never writes a value is held (module docstring)."""
    point = (result.counterexample or {}).get("point") or {}
    written = f"{result.step.lhs} = {result.step.rhs}"
    for name in point:
        letter = re.fullmatch(r"([ij])(?:_\{?\d+\}?)?", str(name))
        if letter and letter[1] in exponents and lone_pattern(letter[1]).search(written) is None:
            return (
                f"; but {name} is not in the step: it comes from the definition {exponents[letter[1]]}, where "
                f"{letter[1]} may be the imaginary unit √−1 (complex exponentials)"
            )
    return None
