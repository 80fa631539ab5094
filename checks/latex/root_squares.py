r"""A name squared under a square root, taken out as the name: positive, as the author means it.

Physics and statistics notes take a frequency, a mass, a length or a deviation out of a root
without a word on its sign: the action of an oscillator (siiea-ai/Quantum-Engineering, the thirty-
third hunt) is ``\frac{1}{2}\sqrt{2mE} \cdot \sqrt{\frac{2E}{m\omega^2}} = \frac{E}{\omega}``, true
for the ω > 0 a frequency is and 'wrong' at ω = −1, where √(ω²) = 1. Such a name is a magnitude in
the author's mind; a reading that declares it is no proof of the step, so a ``wrong`` step that
holds once every name written squared inside a ``\sqrt{…}`` is positive is held (inconclusive), and
says so. The same step with any other slip (a factor 2, a missing m) is wrong for positive values
too, and stays wrong: only a sign the root erased is forgiven.

Only names squared right under a square root beside another name count
(``\sqrt{\frac{2E}{m\omega^2}}``, ``\sqrt{\frac{s^2}{n}}``, ``\sqrt{a^2 b^2}``): a name squared
alone under its root (``\sqrt{x^2} = x``, ``\sqrt{4k^2} = 2k``) is the textbook slip |x| ≠ x and
stays wrong. Never a bracket squared (``\sqrt{(x - 1)^2} = x - 1``
is a claim about x - 1, not about a magnitude's name), a function's square (``\sin^2``) or a name
under an n-th root.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.steps import Step
from derive.checks.latex.text_groups import brace_group_end

from derive.errors import DeriveError

__all__ = ["POSITIVE_ROOTS", "positive_root_notation", "rooted_squares"]

POSITIVE_ROOTS = "; but with {names} positive (a root of the square taken as the name) it holds"

#: a square root: \sqrt{, never \sqrt[3]{ (\sqrt[2]{ is a square root too)
_SQRT = re.compile(r"\\sqrt\s*(?:\[\s*2\s*\]\s*)?\{")
#: one token of a root's body: a backslash word (\omega) or one letter, read left to right so that
#: the letters of a word are never names of their own
_TOKEN = re.compile(r"\\[A-Za-z]+|[A-Za-z]")
#: what makes the token just read a name squared: an optional subscript, then ^2 or ^{2}
_SQUARED_AFTER = re.compile(r"(?P<sub>_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*\^\s*(?:\{\s*2\s*\}|2(?![0-9]))")
#: a name's subscript, read past with it: _k, _{ij}
_SUBSCRIPT = re.compile(r"_\s*(?:\{[^{}]*\}|[A-Za-z0-9])")
#: words that are no names: functions, spacing and delimiters written before a square
_NOT_NAMES = frozenset(
    r"\sin \cos \tan \sec \csc \cot \sinh \cosh \tanh \log \ln \exp \left \right \big \Big \bigg \Bigg"
    r" \cdot \times \frac \dfrac \tfrac \sqrt \sum \prod \int \partial \nabla \mathrm \operatorname".split()
)


def _root_bodies(text: str) -> list[str]:
    """The text inside each square root the side writes (a root inside a root counts once more)."""
    bodies = []
    for m in _SQRT.finditer(text):
        end = brace_group_end(text, m.end() - 1)
        if end > 0:
            bodies.append(text[m.end() : end - 1])
    return bodies


def _squared_names(body: str) -> list[str]:
    """The names a root's body writes squared beside some other name, read left to right past each
    name's subscript (the k of \\sigma_k^2 is no name of its own). A name squared alone under its
    root (``\\sqrt{x^2} = x``, ``\\sqrt{4k^2} = 2k``) is the textbook slip |x| ≠ x and is left out."""
    names: list[str] = []
    squared: list[str] = []
    at = 0
    while token := _TOKEN.search(body, at):
        square = _SQUARED_AFTER.match(body, token.end())
        sub = _SUBSCRIPT.match(body, token.end())
        at = square.end() if square else (sub.end() if sub else token.end())
        if token.group() in _NOT_NAMES:
            continue
        name = token.group() + ((square.group("sub") or "") if square else (sub.group() if sub else ""))
        names.append(name)
        if square:
            squared.append(name)
    return [name for name in squared if any(other != name for other in names)]


def rooted_squares(step: Step) -> list[str]:
    """The names as written that the step squares right under a square root, in order, once each."""
    found: list[str] = []
    for side in (step.lhs, step.rhs):
        for body in _root_bodies(side):
            found += [name for name in _squared_names(body) if name not in found]
    return found


def positive_root_notation(step: Step, notation: Notation) -> tuple[Notation, str] | None:
    """(the notation with every name the step squares under a root positive, why the step is held
    if it holds so), or None where there is no such name not already positive."""
    domains = dict(notation.domains)
    made: list[str] = []
    for written in rooted_squares(step):
        try:
            key = identifier_name(written, notation=notation)
        except DeriveError:
            continue
        if notation.domain(key) in ("positive", "unit") or key in notation.functions:
            continue
        domains[key] = "positive"
        made.append(written)
    if not made:
        return None
    return replace(notation, domains=domains), POSITIVE_ROOTS.format(names=", ".join(made))
