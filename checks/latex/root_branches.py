r"""``\sqrt{4 - 4\sin^2\theta} = 2\cos\theta``: a square root taken on the branch of a trig substitution.

A trigonometric substitution (``x = 2\sin\theta``, ``x = 3\tan\theta``, ``x = a\sec\theta``) takes
its angle in the principal range of the inverse function (θ = arcsin(x/2) ∈ [−π/2, π/2]), where the
cosine (the secant, the tangent) is not negative; every calculus text then writes
``\sqrt{a^2 - a^2\sin^2\theta} = a\cos\theta`` without a bar. Read for every θ, the step is refuted
where cos θ < 0, a range the substitution never reaches.

A ``wrong`` step one side of which holds a square root and the other a trigonometric function of
the angle the counterexample moves, judged again with both sides squared, is held back,
inconclusive, saying so, where the squares agree (the step then holds wherever the side without
the root is not negative, as on the substitution's range). A step whose squares differ
(``\sqrt{4 - 4\sin^2\theta} = 2\sin\theta``, ``= 4\cos\theta``) stays wrong; so does a step without a
trigonometric function (``\sqrt{x^2} = x``) or without a square root.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["hold_root_branches", "squared_sides"]

_ROOT = re.compile(r"\\sqrt(?![A-Za-z])")
_TRIG = re.compile(r"\\(?:sin|cos|tan|sec|csc|cot)(?![A-Za-z])")
#: how far after a trigonometric function its argument is looked for (``^2\\left(2\\theta``)
_ARGUMENT_REACH = 16

_WHY = (
    "; but squared, the sides agree: the square root is taken as the side without it, which holds where "
    "that side is not negative, as on the range a trigonometric substitution takes its angle in "
    "(θ in [−π/2, π/2] for x = a sin θ): the branch is not stated"
)


def squared_sides(lhs: str, rhs: str) -> tuple[str, str] | None:
    """Both sides squared, where one side has a square root and the other a trigonometric
    function and no square root (None otherwise)."""
    for rooted, other in ((lhs, rhs), (rhs, lhs)):
        if _ROOT.search(rooted) and _TRIG.search(other) and not _ROOT.search(other):
            return rf"\left({lhs}\right)^{{2}}", rf"\left({rhs}\right)^{{2}}"
    return None


def _moves_an_angle(result: Any) -> bool:
    """Does the counterexample move a name written just after a trigonometric function of the step
    (its argument: ``\\cos\\theta``, ``\\sin^2(2t)``)?"""
    point = (result.counterexample or {}).get("point") or {}
    text = f"{result.step.lhs} {result.step.rhs}"
    arguments = [text[m.end() : m.end() + _ARGUMENT_REACH] for m in _TRIG.finditer(text)]
    return any(name in argument for name in point for argument in arguments)


def hold_root_branches(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each wrong ``\\sqrt{…} = a\\cos\\theta`` whose squared sides agree held back
    (module docstring); ``again`` is a rejudge.Rejudge."""
    angled = {id(r.step) for r in judged if r.status == "wrong" and _moves_an_angle(r)}

    def rewrite(step: Any) -> tuple[str, str] | None:
        return squared_sides(step.lhs, step.rhs) if id(step) in angled else None

    out = list(judged)
    for k, verdict in again.wrongs_rewritten(judged, document, rewrite):
        if verdict["status"] == "ok":
            out[k] = out[k].held(out[k].message + _WHY)
    return out
