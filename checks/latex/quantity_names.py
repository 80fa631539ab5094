r"""A name the notation reads as a function that the document makes a quantity.

The notation reads ``S`` as the softmax (seed 001's ``S(x)_i``). A Chinese note on the softmax
writes ``S = e^{y_1} + e^{y_2} + e^{y_3}`` (the normaliser) and then ``P_1 = \frac{e^{y_1}}{S}``,
``\frac{1}{S} e^{y_1} - \frac{1}{S^2} e^{y_1} e^{y_1} = P_1 - P_1^2``: every step with S was "S is
softmax of a vector". Where the document gives such a name a value of its own (``S = …``, the
name alone on the left, not in the value) and never applies it to a bracket (no ``S(x)``), the
name is that quantity in this document, as any name it defines. A value given to the name squared
(``\sigma^2 := \frac{1}{N}\sum_k (x_k - \mu)^2``, a variance) makes it a quantity too, and so does a
Gaussian's spread: the name squared beside a mean μ (``\mathcal{N}(\mu, \sigma^2)``, ``\frac{(x -
\mu)^2}{2\sigma^2}``), or after a word for variance or standard deviation, or squared as the value of a
variance earlier on its line (``\mathbb{V}[c_j] = \frac{1}{m^2}\sum_k \mathbb{V}[y_k] = \frac{\sigma^2}{m}``,
"the expression for average variance above … \frac{\sigma^2}{m}": the twenty-eighth hunt, where
``\frac{d}{dm}(\frac{L^2m^2}{n^2} + \frac{\sigma^2}{m}) = 2\frac{L^2m}{n^2} - \frac{\sigma^2}{m^2}`` was refuted
with σ the sigmoid of m). Read as the sigmoid of the
derivative's variable, ``\frac{\partial}{\partial \mu}\frac{(x-\mu)^2}{2\sigma^2} = -\frac{x-\mu}{\sigma^2}``
was refuted. A document that applies σ anywhere (σ(z)) keeps the function. The reading is inferred, so
it confirms steps but never refutes one (hold_spread_readings).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.stated_equations import DERIVATIVE

__all__ = ["document_quantity_names", "hold_spread_readings", "spread_names"]


#: the name's value may be given squared (a variance for its standard deviation)
_SQUARE = r"(?:\s*\^\s*(?:\{\s*2\s*\}|2))?"


def _escaped(name: str) -> str:
    return re.escape(name) + (r"(?![A-Za-z])" if name.startswith("\\") else r"(?![A-Za-z0-9_^'])")


#: a mean beside the squared name (within a formula's reach), or a word for a spread before the name
_MEAN = re.compile(r"\\mu(?![A-Za-z])")
_SPREAD_WORD = re.compile(
    r"(?i)varian[cz]|variância|standard[- ]deviation|std\.?\b|desviaci[oó]n|écart[- ]type|Standardabweichung"
    r"|дисперси|отклонени|標準偏差|分散|标准差|方差|표준편차|분산"
)
_REACH = 60
#: a variance written as an operator: \mathbb{V}[y_k], \operatorname{Var}(X), Var[x], \V[c_j] (a macro for 𝕍)
_VARIANCE = re.compile(
    r"\\(?:mathbb\s*\{\s*V\s*\}|V(?![A-Za-z])|[Vv]ar(?![A-Za-z])|(?:operatorname|mathrm|text|textrm)\s*\{\s*[Vv]ar\s*\})"
    r"|(?<![A-Za-z\\])Var(?![A-Za-z])"
)
#: how far back on its line a variance, or a word for one, may stand before a squared name
_LINE_REACH = 200


def _gaussian_spread(text: str, name: str, before: str) -> bool:
    """Is the name a Gaussian's spread: squared beside a mean μ, or after a word for a spread?"""
    for m in re.finditer(before + _escaped(name), text):
        squared = re.match(r"\s*\^\s*(?:\{\s*2\s*\}|2)", text[m.end() :])
        if squared and _MEAN.search(text[max(0, m.start() - _REACH) : m.end() + _REACH]):
            return True
        if _SPREAD_WORD.search(text[max(0, m.start() - _REACH) : m.start()]):
            return True
        # "\V[c_j] = \frac{1}{m^2}\sum_k \V[y_k] = \frac{\sigma^2}{m}", "average variance above … σ²/m":
        # the squared name is the value of a variance written earlier on its line
        line = text[max(0, text.rfind("\n", 0, m.start()) + 1, m.start() - _LINE_REACH) : m.start()]
        if squared and (_VARIANCE.search(line) or _SPREAD_WORD.search(line)):
            return True
    return False


def spread_names(text: str, names: tuple[str, ...] = ("\\sigma",)) -> frozenset[str]:
    """The names (of ``names``) the document never applies and makes a Gaussian's spread."""
    out = set()
    for name in names:
        before = r"(?<![\\A-Za-z])"
        unvalued = not _applied(text, name, before) and not _defined_by_value(text, name, before)
        if unvalued and _gaussian_spread(text, name, before):
            out.add(name)
    return frozenset(out)


def hold_spread_readings(judged: list[Any], text: str) -> list[Any]:
    """``judged`` (StepResults) with each ``wrong`` step with a derivative that writes a name read as a
    Gaussian's spread (and given no value by the document: σ = 10 or σ² := … is what the page says σ
    is) held:
    the reading is inferred (a σ may be the variance in one row and the deviation in the next, as in
    the held-out batch-norm notes' \\sqrt{\\sigma^2 + \\epsilon} then \\sqrt{\\sigma + \\epsilon}), so it
    may confirm a step but not refute one."""
    names = spread_names(text) if "\\sigma" in text else frozenset()
    if not names:
        return judged
    out = []
    for r in judged:
        sides = f"{r.step.lhs} {r.step.rhs}"
        hit = next((n for n in names if re.search(re.escape(n) + r"(?![A-Za-z])", sides)), None)
        # only with a derivative was a bare σ the sigmoid of its variable before; elsewhere it was a
        # number already, and its refutations stand (a Bayesian posterior's slip)
        if r.status == "wrong" and hit and DERIVATIVE.search(sides):
            why = f"; but {hit} is read as a number, a Gaussian's spread, which the document does not state"
            r = r.held(r.message + why)
        out.append(r)
    return out


def document_quantity_names(text: str, functions: dict[str, str]) -> frozenset[str]:
    """The notation's function names (one letter or one command) the document defines by a value
    and never applies (see the module docstring)."""
    out = set()
    for name in functions:
        if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name):
            continue
        before = r"(?<![\\A-Za-z0-9_^{])" if not name.startswith("\\") else r"(?<![\\A-Za-z])"
        if _applied(text, name, before):
            continue
        if _gaussian_spread(text, name, before):  # N(μ, σ²): a standard deviation (ok-only: hold_spread_readings)
            out.add(name)
            continue
        # also squared: σ² := \frac{1}{N}\sum_k (x_k - μ)^2 makes σ the standard deviation (squared_names)
        if _defined_by_value(text, name, before):
            out.add(name)
    return frozenset(out)


def _applied(text: str, name: str, before: str) -> bool:
    """Does the document apply the name to a bracket anywhere (``S(x)``, ``\\sigma(z)``)?"""
    return re.search(before + _escaped(name) + r"\s*(?:\\left\s*)?[(\[]", text) is not None


def _defined_by_value(text: str, name: str, before: str) -> bool:
    """Does the document give the name (or its square) a value of its own (``S = …``, ``\\sigma = 10``,
    ``\\sigma^2 := \\frac{1}{N}\\sum_k (x_k - \\mu)^2``), the name not in the value?"""
    defined = re.compile(before + _escaped(name) + _SQUARE + r"\s*&?\s*(?::=|=)\s*(?P<value>[^=$\n]+)")
    return any(
        m.group("value").strip() and not re.search(before + _escaped(name), m.group("value"))
        for m in defined.finditer(text)
    )
