r"""A logarithm base the document states in its prose, and a ``wrong`` that only the natural log refutes.

Information theory and statistics notes say once, in words, which logarithm they mean: "We
consider the log base 2.", "logarithms to base 2", "the base-2 log", "以 2 为底", "밑이 2인 로그",
and then write a bare ``\log``. Read as the natural log, ``-[2^{-2}\log 2^{-2} + 2^{-1}\log 2^{-1}
+ 2^{-2}\log 2^{-2}] = 2^{-1} + 2^{-1} + 2^{-1}`` is refuted, though in the document's own base
it holds. A step called wrong that writes a bare ``\log`` is judged again with that log taken to
each base the prose states; where it is not refuted so, it is inconclusive, with the reason. A
step refuted in the stated base too stays wrong; ``\ln`` is always natural and is not re-based.

Information measured in bits implies base 2 without saying it: a channel-coding note bounds
``I(X;Y) \le \log|\mathcal{Y}| - 1 = \log 26 - 1 = \log 13`` (hehelego/WhyNotMarkdown), true in
bits. A document that speaks of bits and of entropy or information (English, or 比特 with 熵 / 信息)
is given base 2 as if it had said so, under the same rule: not refuted in base 2, the step is
inconclusive, never ok.

A base the formulas show counts too (hunt 39, an information-theory course's notes): a document
that writes ``\log_2`` somewhere and a bare ``\log`` elsewhere, as in ``\frac12 \log_2 e +
\log(\sigma \sqrt{2\pi}) = \frac12\log(2\pi\sigma^2e)`` (the Gaussian's differential entropy,
in bits), may mean that base by the bare one. And the entropy notation of information theory,
``H(X)``, ``H(X \mid Y = 0)``, ``I(X;Y)`` (a capital random variable inside), beside the word entropy
or information, is the convention of bits: ``H(X \mid Y = 0) = 0.5\log\frac1{0.5} +
0.5\log\frac1{0.5} = 1`` holds in base 2. Either is given its base under the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["stated_log_bases", "stated_base_verdict"]

_BASE = r"(?P<b>\d+|e)\b"
_STATED = [
    # "log base 2", "logarithm in base 2", "logs are to the base 10", "log with base 2"
    re.compile(r"\blog(?:arithm)?s?\s+(?:(?:are|is|taken|in|to|with|of)\s+)*(?:the\s+)?base[\s-]*\$?\s*" + _BASE, re.I),
    # "base 2 logarithm", "base-2 log", "base $2$ logs"
    re.compile(r"\bbase[\s-]*\$?\s*(?P<b>\d+)\s*\$?[\s-]*log(?:arithm)?s?\b", re.I),
    # 以2为底 (Chinese), 밑이 2 / 밑을 2로 (Korean), 底を2 / 底が2 / 底は2 (Japanese)
    re.compile(r"以\s*\$?\s*(?P<b>\d+|e)\s*\$?\s*为底"),
    re.compile(r"밑(?:이|을|은)?\s*\$?\s*(?P<b>\d+|e)\s*\$?\s*\S{0,4}\s*로그"),
    re.compile(r"底\s*(?:を|が|は|と)?\s*\$?\s*(?P<b>\d+|e)\s*\$?\s*\S{0,4}\s*対数"),
]

#: information measured in bits: the word, beside entropy or information (a bit of memory alone is not a unit)
_BITS = re.compile(r"\bbits?\b|比特")
_INFORMATION = re.compile(r"\bentrop(?:y|ies)\b|\binformation\b|\bShannon\b|熵|信息", re.I)

#: a logarithm to a whole-number base written in a formula: \log_2, \log_{10}
_FORMULA_BASE = re.compile(r"\\log\s*_\s*\{?\s*(?P<b>\d+)\s*\}?")
#: information theory's entropy notation: H(X), H(X \mid Y), H(X,Y), I(X;Y) of capital random variables
_ENTROPY_NOTATION = re.compile(r"(?<![A-Za-z\\])[HI]\s*(?:\\left\s*)?[(\[]\s*[A-Z](?:_\{?\w+\}?)?\s*(?:[,;|)\]]|\\mid)")

#: a bare \log: not a subscripted one (\log_2 x), not \logit or the like
_BARE_LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")


def stated_log_bases(text: str) -> tuple[str, ...]:
    """The bases other than e that the document's prose states for its logarithms, in order."""
    found: list[str] = []
    for pattern in _STATED:
        for m in pattern.finditer(text):
            base = m.group("b")
            if base not in ("e", "1", "0") and base not in found:
                found.append(base)
    if "2" not in found and _BITS.search(text) and _INFORMATION.search(text):
        found.append("2")  # information in bits: base 2, unsaid
    for m in _FORMULA_BASE.finditer(text):  # \log_2 in a formula beside a bare \log
        if m.group("b") not in ("0", "1") and m.group("b") not in found:
            found.append(m.group("b"))
    if "2" not in found and _ENTROPY_NOTATION.search(text) and _INFORMATION.search(text):
        found.append("2")  # H(X \mid Y) in an entropy text: bits
    return tuple(found)


def stated_base_verdict(
    out: dict[str, Any], step: Step, bases: tuple[str, ...], judge: Callable[[Step], dict[str, Any]]
) -> dict[str, Any]:
    """``out``, or inconclusive where ``out`` is wrong, the step writes a bare ``\\log``, and read
    in a base the prose states the step is not refuted."""
    if out.get("status") != "wrong" or not bases:
        return out
    if not (_BARE_LOG.search(step.lhs) or _BARE_LOG.search(step.rhs)):
        return out
    for base in bases:
        based = replace(step, lhs=_to_base(step.lhs, base), rhs=_to_base(step.rhs, base))
        again = judge(based)
        if again.get("status") != "wrong":
            why = (
                f"; the document takes its logarithms to base {base} (its prose, a \\log_{base} it writes, "
                f"or information theory's bits): read so, "
                f"the step is {again.get('status')}, so the natural log alone does not refute it"
            )
            return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
    return out


def _to_base(side: str, base: str) -> str:
    return _BARE_LOG.sub(lambda _m: rf"\log_{{{base}}}", side)
