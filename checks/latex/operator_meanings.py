r"""Arithmetic signs the document gives another meaning: "Using the following equivalencies:
$\cup$ = +, $\cap$ = *", then ``A + (B * C) = (A + B) * (A + C)``.

A set-algebra homework (ebarylko/cmpt-210) writes union as ``+`` and intersection as ``*`` and then
states the distributive law of sets with them: true of sets, false of numbers (A = 1, B = 2, C =
-1). The judge reads ``+`` and ``*`` as arithmetic, so the step was called wrong. Where the
document says that a sign stands for a set or logic operation (a formula ``\cup`` or ``\lor``, then
``=`` or "is" and the arithmetic sign, in its math or its prose), a ``wrong`` on a later step
that uses that sign is held back (inconclusive, with the reason): the step is about the other
operation, which the judge does not read. Other steps, and steps before the statement, are
judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["hold_operator_meanings"]

#: set and logic operations a document may write with an arithmetic sign
_OPERATION = r"\\(?:cup|cap|vee|wedge|lor|land|oplus|setminus|sqcup|uplus|triangle)\b|∪|∩|∨|∧"
#: the arithmetic signs (as written in steps)
_SIGN = r"\+|\*|\\cdot\b|\\times\b|-"
_SAYS = r"\s*(?:=|:=|\\equiv|\\to|\\rightarrow|\\mapsto|means|is|as|becomes)\s*"
#: "$\cup$ = +", "$\cup = +$", "$+$ for $\cup$" is not read (only operation first, then its sign)
_MEANS = re.compile(rf"\$?\s*(?P<operation>{_OPERATION})\s*\$?{_SAYS}\$?\s*(?P<sign>{_SIGN})\s*\$?")


def _meanings(text: str) -> list[tuple[int, str, str]]:
    """(line, sign, operation) of each statement that an arithmetic sign stands for an operation."""
    found = []
    for m in _MEANS.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        found.append((line, m.group("sign"), m.group("operation")))
    return found


def _uses(side: str, sign: str) -> bool:
    if sign == "-":
        return re.search(r"(?<![\\^_{(])-", side) is not None
    return re.search(re.escape(sign) if sign in "+*" else re.escape(sign) + r"(?![A-Za-z])", side) is not None


def hold_operator_meanings(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` that uses a sign the document gave a set or logic meaning
    (before the step) made inconclusive."""
    meanings = _meanings(text)
    if not meanings:
        return judged
    out = []
    for result in judged:
        step = result.step
        if result.status == "wrong":
            for line, sign, operation in meanings:
                if line <= step.line and (_uses(step.lhs, sign) or _uses(step.rhs, sign)):
                    why = (
                        f"{result.message}; but the document lets {sign} stand for {operation} (line {line}), "
                        "an operation this judge does not read"
                    )
                    result = result.held(why)
                    break
        out.append(result)
    return out
