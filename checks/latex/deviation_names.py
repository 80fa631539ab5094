r"""A name whose square the prose calls a variance is a standard deviation: never negative.

Statistics notes say "si $\sigma^2$ es desconocido, … su varianza es $s^2/n$" and then write
``\frac{\overline{X}_{n} - \mu}{\sqrt{\frac{s^2}{n}}} = \frac{\overline{X}_{n} - \mu}{s/\sqrt{n}}``,
true for s ≥ 0 and 'wrong' at s = −1. The notation keeps σ positive; the document's own letters
(s, S, σ_X) are real unless said. A formula that starts with a name squared (``s^2``, ``S_n^{2}``,
``\hat{\sigma}^2``) right after a word for variance (variance, varianza, variância, Varianz,
дисперсия, 分散, 方差, 분산, within the same sentence, at most 60 characters before it) makes that
name positive in this document. Nothing else changes: a step wrong for positive values stays wrong.
A formula that starts with a bare name right after words for a standard deviation ("the sample
standard deviation $S = \sqrt{S^2}$", desviación estándar, écart-type, Standardabweichung,
标准差, 標準偏差, 표준편차; the thirty-first hunt's S refuted at S = −1) makes it positive the same way.

A name an absolute value or a norm is bounded by is never negative either (``stated_bounds``): "$\|f\|_\infty
\leq M$ (all values in $[-M, M]$)" and then ``\sqrt{nM^2} \sqrt{2\log|\mathcal{F}|} = M\sqrt{n}
\sqrt{2\log|\mathcal{F}|}`` (Massart's lemma, the twenty-sixth hunt) was refuted at M = −1. A bare name
right after ``|…| \le`` or ``\|…\| \le`` (``\leq``, ``\leqslant``, a norm's subscript allowed) is made
positive in the document.
"""

from __future__ import annotations

import re

from derive.checks.latex.notation import Notation, identifier_name

from derive.errors import DeriveError

__all__ = ["stated_bounds", "stated_deviations"]

#: a word for variance, in the languages the hunts met
_VARIANCE = re.compile(r"(?i)varian[cz]|variância|дисперси|分散|方差|분산")
#: words for a standard deviation, in the same languages
_DEVIATION = re.compile(
    r"(?i)standard\s+deviation|desviaci[oó]n\s+(?:est[aá]ndar|t[ií]pica)|desvio\s+padr[aã]o|[ée]cart[- ]type"
    r"|standardabweichung|deviazione\s+standard|стандартн\w*\s+отклонени|标准差|標準偏差|표준\s*편차"
)
#: an inline formula that starts with a bare name: $S$, $S = \sqrt{S^2}$, \(\sigma_X\)
_NAME_START = re.compile(
    r"(?:\$|\\\()\s*(?P<name>(?:\\hat\s*\{?\s*)?(?:\\[A-Za-z]+|[A-Za-z])\}?(?:_\s*(?:\{[^{}$]*\}|[A-Za-z0-9]))?)"
    r"\s*(?=[=$]|\\\))"
)
#: an inline formula that starts with a name squared: $s^2/n$, $S_n^{2}$, \(\hat{\sigma}^2\)
_SQUARED_START = re.compile(
    r"(?:\$|\\\()\s*(?P<name>(?:\\hat\s*\{?\s*)?(?:\\[A-Za-z]+|[A-Za-z])\}?(?:_\s*(?:\{[^{}$]*\}|[A-Za-z0-9]))?)"
    r"\s*\^\s*(?:\{\s*2\s*\}|2)(?![0-9])"
)
#: the words for a standard deviation ending right before a formula (a bare name must follow them)
_DEVIATION_RIGHT_BEFORE = re.compile(f"(?:{_DEVIATION.pattern.removeprefix('(?i)')})" + r"[\s:(,]*$", re.IGNORECASE)
#: how far before the formula the word may stand, and what ends a sentence
_REACH = 60
_SENTENCE_END = re.compile(r"[.!?。]\s|\n\s*\n")


def stated_deviations(text: str, notation: Notation) -> dict[str, str]:
    """name → "positive" for each name whose square the prose calls a variance (module docstring)."""
    found: dict[str, str] = {}
    # a variance's square may come later in its sentence ("su varianza es $s^2/n$"); a bare name
    # only right after the words ("the standard deviation of $x$" is about x, not a deviation)
    for pattern, words in ((_SQUARED_START, _VARIANCE), (_NAME_START, _DEVIATION_RIGHT_BEFORE)):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - _REACH) : m.start()]
            ends = list(_SENTENCE_END.finditer(before))
            if ends:
                before = before[ends[-1].end() :]
            if not words.search(before):
                continue
            try:
                found[identifier_name(m.group("name"), notation=notation)] = "positive"
            except DeriveError:
                continue
    return found


#: |…| \le M, \|f\|_\infty \leq M, |x_i - y_i| \leqslant B: the bare name after the relation
_BOUNDED_BY = re.compile(
    r"(?:\\\||\\rVert|\|)\s*(?:_\s*(?:\{[^{}$]*\}|\\?[A-Za-z0-9]+))?\s*\\le(?:q|qslant)?(?![A-Za-z])\s*"
    r"(?P<name>(?:\\[A-Za-z]+|[A-Za-z])(?:_\s*(?:\{[^{}$]*\}|[A-Za-z0-9]))?)\s*(?=[$,.;)]|\\[),.;]|\\quad|\s|$)"
)


def stated_bounds(text: str, notation: Notation) -> dict[str, str]:
    """name → "positive" for each bare name an absolute value or a norm is bounded by (module docstring)."""
    found: dict[str, str] = {}
    for m in _BOUNDED_BY.finditer(text):
        try:
            found[identifier_name(m.group("name"), notation=notation)] = "positive"
        except DeriveError:
            continue
    return found
