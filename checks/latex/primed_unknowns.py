r"""Unknown functions of a differential equation inside a derivative: ``(e^x x^{-1} v)' = e^{2x}``.

An ODE solution ("let $v = y^2$ and $v' = 2yy'$ … multiplying by the integrating factor,
$(e^x x^{-1} v)' = e^{2x}$", the twenty-fifth hunt's MA1512 notes) differentiates a bracket that
holds the unknown function v. The reader takes v for a number (or for y², y a number), so the
derivative loses v′ and the step was refuted, though it is the equation the solution is about,
claimed only for the v that solves it. A name the document writes with a prime (``v'``, ``y'``) is a
function of the variable; a ``wrong`` step that differentiates a bracket holding such a name
(``(…)'``) is held (inconclusive) and says so. ``ok`` stands, and a step with no such bracket, or a
bracket with no primed name in it, is judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["hold_primed_unknowns", "primed_letters"]

#: a letter with a prime (commands are blanked first, so \sigma' is none): v', y' in yy', u_1'
_PRIMED = re.compile(r"([A-Za-z])(?:_\{?[A-Za-z0-9]+\}?)?(?:'|\^\{?\\prime\}?)")
#: a bracket closed right before a prime: )' or \right)' or ]'
_PRIME_ON_BRACKET = re.compile(r"(?:\\right\s*)?(?P<close>[)\]])\s*(?:'|\^\{?\\prime\}?)")


def primed_letters(text: str) -> frozenset[str]:
    """The letters the document writes with a prime anywhere (its unknown functions)."""
    blanked = re.sub(r"\\(?!prime\b)[A-Za-z]+", " ", text)
    return frozenset(m.group(1) for m in _PRIMED.finditer(blanked))


def _bracket_before(side: str, close: int) -> str:
    """What the bracket closed at ``close`` holds (its own text, brackets left in)."""
    depth = 0
    for k in range(close, -1, -1):
        depth += (side[k] in ")]") - (side[k] in "([")
        if depth == 0:
            return side[k + 1 : close]
    return ""


def _unknowns_in_derivatives(side: str, letters: frozenset[str]) -> set[str]:
    """The primed letters inside a bracket the side differentiates with a prime."""
    found: set[str] = set()
    for m in _PRIME_ON_BRACKET.finditer(side):
        inside = re.sub(r"\\[A-Za-z]+", " ", _bracket_before(side, m.start("close")))
        found |= {c for c in letters if re.search(rf"(?<![A-Za-z]){c}(?![A-Za-z])", inside)}
    return found


def hold_primed_unknowns(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each wrong step that differentiates a bracket holding a primed letter held."""
    letters = primed_letters(text) if "'" in text or "\\prime" in text else frozenset()
    if not letters:
        return judged
    out = []
    for result in judged:
        if result.status == "wrong":
            unknown = _unknowns_in_derivatives(result.step.lhs, letters) | _unknowns_in_derivatives(
                result.step.rhs, letters
            )
            if unknown:
                names = ", ".join(sorted(unknown))
                why = (f"; but {names} is a function of the variable here (the document writes {names}′), read as a "
                       "number inside the derivative: an equation for it, not an identity")  # fmt: skip
                result = result.held(result.message + why)
        out.append(result)
    return out
