r"""A name that divides an exponential, and that the document never gives a value: a normaliser.

Softmax derivations write the normaliser by a letter and say what it is in prose, or not at all:
``y_k = \frac{e^{a_k}}{Z}`` "where Z normalises", ``p_i = e^{o_i}/C``, ``\frac{\exp(z_j)}{N}``.
A name the document never defines is read as a quantity of its own, independent of every other;
so ``\frac{\partial y_k}{\partial a_k} = y_k(1 - y_k)``, right for the normaliser the author means
(Z = Σ_j e^{a_j} depends on a_k), was refuted at Z = 1 with Z held constant. That counterexample
rests on a dependence the page never ruled out, and the shape (a name under an exponential, as a
normaliser is written) says it is there.

So a ``wrong`` derivative step refuted at a point that sets such a name, or writing it, is held
(:func:`hold_unstated_normalisers`): what the name stands for is not stated, so it refutes nothing
about derivatives. Steps without a derivative keep their refutations (``\frac{e^{2}}{Z} = e`` is
wrong whatever Z depends on at the point), and so does a name the document gives a value anywhere
(``Z = \sum_j e^{a_j}``, ``Z := …``): its dependence is then read from that value.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["hold_unstated_normalisers", "unstated_normalisers"]

#: a derivative whose variable is written (∂…/∂v, d…/dv, ∇_v): a prime's variable is not, and may be the letter
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\[dt]?frac\s*\{\s*d|\bd\s*/\s*d")

#: a name: one letter or one command (Greek), with its scripts (Z_k, Z^{(l)}, \Sigma_i)
_NAME = r"(?:\\[A-Za-z]+|[A-Za-z])(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*"
#: an exponential: e^{…}, e^x, \exp(…), \exp{…}, \mathrm{e}^{…}
_EXP = r"(?:\\exp\b|(?:\\mathrm\{e\}|(?<![\\A-Za-z])e)\s*\^)"
#: \frac{e^{a_k}}{Z}: the numerator is an exponential alone (scripts balanced one level deep)
_FRAC = re.compile(r"\\[dt]?frac\s*\{\s*" + _EXP + r"(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*(" + _NAME + r")\s*\}")
#: e^{a_k}/Z, \exp(a_k) / Z
_SLASH = re.compile(_EXP + r"\s*(?:\{[^{}]*\}|\([^()]*\)|\\?[A-Za-z0-9_]+)\s*/\s*(" + _NAME + r")")
#: \frac{1}{Z} e^{a_k}
_RECIPROCAL = re.compile(r"\\[dt]?frac\s*\{\s*1\s*\}\s*\{\s*(" + _NAME + r")\s*\}\s*" + _EXP)


def _letter(name: str) -> str:
    """The name without its scripts: Z_k → Z (a normaliser's value may be given per index)."""
    match = re.match(r"\\[A-Za-z]+|[A-Za-z]", name)
    return match.group(0) if match else name


def _pattern(letter: str) -> str:
    before = r"(?<![\\A-Za-z])" if letter.startswith("\\") else r"(?<![\\A-Za-z0-9])"
    return before + re.escape(letter) + (r"(?![A-Za-z])" if letter.startswith("\\") else r"(?![A-Za-z0-9])")


def _given_a_value(text: str, letter: str) -> bool:
    """Does the document give the letter (with any scripts) a value: ``Z = …``, ``Z_k := …``,
    ``Z \\equiv …``, ``Z &= …``? (``y = e^a/Z`` does not: Z is not alone on the left.)"""
    scripts = r"(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*"
    start = r"(?:^|[$\n&,;{]|\\\\|\\\[|\\\(|\\quad|\\text\{[^{}]*\})\s*"
    value = r"\s*&?\s*(?::=|\\coloneqq|\\equiv|\\triangleq|\\stackrel\{[^{}]*\}\{=\}|=(?!=))"
    return re.search(start + _pattern(letter) + scripts + value, text, re.MULTILINE) is not None


#: what an exponential raises e to: e^{…}, e^x, \exp(…), \exp{…}
_EXPONENT = re.compile(r"(?:\\exp\s*|(?<![\\A-Za-z])e\s*\^\s*)(\{[^{}]*\}|\([^()]*\)|\\?[A-Za-z0-9])")


def _in_exponents(text: str) -> set[str]:
    """The letters written in an exponent (e^{-x}/x: x is the variable there, not a normaliser)."""
    exponents = " ".join(m.group(1) for m in _EXPONENT.finditer(text))
    return set(re.findall(r"\\[A-Za-z]+|[A-Za-z]", exponents))


def unstated_normalisers(text: str) -> frozenset[str]:
    """The letters that divide an exponential somewhere in the document, are never raised to in one,
    and are never given a value."""
    found = {_letter(m.group(1)) for rx in (_FRAC, _SLASH, _RECIPROCAL) for m in rx.finditer(text)}
    found -= {"e"} | _in_exponents(text)
    return frozenset(letter for letter in found if not _given_a_value(text, letter))


def _differentiates_by(sides: str, letter: str) -> bool:
    r"""Is the letter the step's variable (``\frac{\partial y}{\partial Z}``, ``\frac{dy}{dZ}``)? Then
    its refutation does not rest on Z's dependence, and stands."""
    below = r"\}\s*\{\s*(?:\\partial|d)\s*\{?\s*" + _pattern(letter)
    return re.search(below, sides) is not None


def hold_unstated_normalisers(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` derivative step that writes, or is refuted at a point that sets,
    a normaliser the document never states (module docstring) held."""
    if not any(r.status == "wrong" for r in judged):
        return judged
    names = unstated_normalisers(text)
    if not names:
        return judged
    out = []
    for r in judged:
        if r.status == "wrong" and _DERIVATIVE.search(f"{r.step.lhs} {r.step.rhs}"):
            point = " ".join((r.counterexample or {}).get("point", {}) or {})
            sides = f"{r.step.lhs} {r.step.rhs} {point}"
            hit = next((n for n in sorted(names) if re.search(_pattern(n), sides)), None)
            if hit is not None and not _differentiates_by(r.step.lhs + " " + r.step.rhs, hit):
                r = r.held(
                    r.message + f"; but {hit} divides an exponential and the document does not say what it is:"
                    " a normaliser (a sum of the exponentials) would depend on the variable"
                )
        out.append(r)
    return out
