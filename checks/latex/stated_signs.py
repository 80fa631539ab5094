r"""A name the prose declares positive: "Fix $\delta > 0$", "for some $\epsilon>0$", "let $\lambda > 0$".

A proof of a confidence interval (briandesilva/CSE546_Machine_Learning, homework 2) says "Fix
$\delta >0$. Note that if, for some $\epsilon>0$, …" and then solves ``\delta = 2e^{-2N\epsilon^2}``
for ε down to ``\sqrt{\frac{1}{2N}\log(2/\delta)} = \epsilon``, the positive root: true for the
ε the text is about, and refuted at ε = −1. Such a declaration sits sentences before the display,
out of reach of the conditions a step takes from the prose next to it, and it speaks of the name
for the whole argument, so the name is made positive in the document (as deviation_names does for
a standard deviation).

A bound a statement asserts counts too, in prose or display math: ``\exists D_{2} > 0 \text{ s.t. }
\|\nabla g\| \le D_2`` (an assumption of an optimisation paper) makes D_2 a positive constant.

Only a declaration counts: the inline formula is the name alone ``> 0`` (``\gt``; several names
``\delta, \epsilon > 0``), and a word that declares (fix, let, for some, given, assume, suppose,
take, choose) stands just before it. "if $z > 0$", "for all $z > 0$", "where $z > 0$" often set a
case (``ReLU'(z) = 1`` …) and are left alone; a name the document also writes ``< 0``,
``\le 0``, ``\leq 0`` or gives a negative number is left alone too (it takes both signs there).
Nothing else changes: a step wrong for positive values stays wrong.

A sequence's index is positive too, though no sentence says so: analysis notes write ``a_k =
\frac{1}{k}``, ``\lim_{k\rightarrow\infty}\frac{1}{k} = 0`` and then ``\left|\frac{1}{k}\right| =
\frac{1}{k}``, true for every index k and refuted at k = −1. A letter that the document both
sends to infinity in a limit (``\lim_{k \to \infty}``, ``k \rightarrow \infty``) and writes alone as
a subscript (``a_k``, ``x_{n}``) counts the terms of a sequence, and is made positive
(:func:`sequence_indices`); a letter the document also gives a negative value or sends to −∞ is
left alone.
"""

from __future__ import annotations

import re

from derive.checks.latex.notation import Notation, identifier_name

from derive.errors import DeriveError

__all__ = ["sequence_indices", "stated_positive"]

#: one name as written: \epsilon, x, \lambda_1, w_{ij}
_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\s*(?:\{[^{}$]*\}|[A-Za-z0-9]))?"
#: an inline formula that is names alone, greater than zero: $\epsilon>0$, \(\delta, \epsilon > 0\)
_POSITIVE = re.compile(
    rf"(?:\$|\\\()\s*(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*(?:>|\\gt(?![A-Za-z]))\s*0\s*(?:\$|\\\))"
)
#: a bound a statement asserts: \exists D_2 > 0 \text{ s.t. } …, \exists\, G, R > 0 (in display math too)
_EXISTS = re.compile(
    rf"\\exists(?![A-Za-z])(?:\s|\\[,;!])*(?P<names>{_NAME}(?:\s*,\s*{_NAME})*)\s*(?:>|\\gt(?![A-Za-z]))\s*0(?![.\d])"
)
#: a word that declares what follows, right before the formula (ends the text before it)
_DECLARES = re.compile(
    r"(?i)(?:\bfix|\blet|\bfor\s+some|\bgiven|\bassume|\bsuppose|\btake|\bchoose)\s*(?:that\s*)?,?\s*$"
)
#: the same name said to be negative or at most zero somewhere: it takes both signs in the document
_OTHER_SIGN = r"(?:\s*(?:<|\\lt(?![A-Za-z])|\\le(?:q|qslant)?(?![A-Za-z]))\s*0|\s*=\s*-\s*\d)"


def stated_positive(text: str, notation: Notation) -> dict[str, str]:
    """name → "positive" for each name a declaration in the prose makes positive (module docstring)."""
    found: dict[str, str] = {}
    declared = [m for m in _POSITIVE.finditer(text) if _DECLARES.search(text[max(0, m.start() - 40) : m.start()])]
    for m in [*declared, *_EXISTS.finditer(text)]:
        for written in re.split(r"\s*,\s*", m.group("names")):
            if re.search(re.escape(written) + r"(?![A-Za-z_])" + _OTHER_SIGN, text):
                continue
            try:
                found[identifier_name(written, notation=notation)] = "positive"
            except DeriveError:
                continue
    return found


#: a letter sent to +infinity: \lim_{k\to\infty}, k \rightarrow \infty, n \to +\infty
_TO_INFINITY = re.compile(r"(?<![\\A-Za-z])(?P<k>[A-Za-z])\s*\\(?:to|rightarrow|longrightarrow)\s*\+?\s*\\infty")


def sequence_indices(text: str, notation: Notation) -> dict[str, str]:
    """letter → "positive" for each letter that counts a sequence's terms (module docstring)."""
    found: dict[str, str] = {}
    for letter in {m.group("k") for m in _TO_INFINITY.finditer(text)}:
        subscript = rf"[A-Za-z}}]\s*_\s*(?:{letter}(?![A-Za-z])|\{{\s*{letter}\s*\}})"
        to_minus = rf"(?<![\\A-Za-z]){letter}\s*(?:\\to|\\rightarrow)\s*-\s*\\infty"
        negative = rf"{to_minus}|(?<![\\A-Za-z_]){letter}{_OTHER_SIGN}"
        if not re.search(subscript, text) or re.search(negative, text):
            continue
        try:
            found[identifier_name(letter, notation=notation)] = "positive"
        except DeriveError:
            continue
    return found
