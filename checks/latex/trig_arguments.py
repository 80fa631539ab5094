r"""A trigonometric argument that runs past its bracket: ``\cos(k-m)x`` for cos((k − m)x).

Fourier-series and analysis notes write ``\sin kx\sin mx = \frac12(\cos(k-m)x - \cos(k+m)x)``,
``2\sin\frac{x}{2}\cos kx = \sin(k+\frac12)x - \sin(k-\frac12)x`` and ``\sin^2\frac{n+1}{2}t``: the
bracket (or fraction) holds only the coefficient, and the argument runs on to the letter written
right after it. The reader takes the bracket as the whole argument, ``\cos(k-m)·x``, as
``\sigma(z)x`` is σ(z)·x in a network's gradient, and such steps were refuted (the twenty-fifth
hunt's Dirichlet-kernel notes). Both readings are in use, so a ``wrong`` step that writes a sine,
cosine, tangent (…) with a bracket or a fraction followed directly by a name is judged once more
with each such argument run on to the names after it; unless it is refuted there too, it is
inconclusive and says why. ``ok`` is never changed, and a step wrong under both readings stays wrong.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.text_groups import brace_group_end, round_group

__all__ = ["hold_trig_arguments", "run_on_arguments"]

#: a trigonometric function (a power allowed: ``\sin^2``) before its bracket or fraction
_TRIG = re.compile(
    r"\\(?:sin|cos|tan|cot|sec|csc|sinh|cosh|tanh)(?![A-Za-z])(?:\s*\^\s*(?:\{[^{}]*\}|[0-9]))?\s*"
    r"(?=\\left\s*\(|\(|\\frac\s*\{|\\tfrac\s*\{|\\dfrac\s*\{)"
)
#: the names written right after the argument's bracket, with no space or operator between: x, kx,
#: \pi x, t_1 (a command that is a Greek letter, or a letter, each with an optional subscript)
_NAMES_AFTER = re.compile(
    r"(?:(?:\\(?:alpha|beta|gamma|delta|theta|lambda|mu|nu|omega|phi|pi|tau|xi)(?![A-Za-z])|[A-Za-z])"
    r"(?:_(?:\{[^{}]*\}|[A-Za-z0-9]))?)+"
)


def _argument_end(side: str, start: int) -> int | None:
    """The index just past the bracket or fraction that starts at ``start``."""
    opening = re.match(r"\\left\s*\(|\(", side[start:])
    if opening:
        group = round_group(side, start + opening.end() - 1)
        return group[1] if group else None
    fraction = re.match(r"\\[dt]?frac\s*", side[start:])
    if fraction is None:
        return None
    numerator_end = brace_group_end(side, start + fraction.end())
    if numerator_end < 0 or numerator_end >= len(side) or side[numerator_end] != "{":
        return None
    end = brace_group_end(side, numerator_end)
    return end if end >= 0 else None


def run_on_arguments(side: str) -> str | None:
    """The side with each ``\\cos(a)x`` written ``\\cos\\left((a)x\\right)``, or None if it has none."""
    out, k, changed = [], 0, False
    for m in _TRIG.finditer(side):
        if m.start() < k:
            continue
        end = _argument_end(side, m.end())
        names = _NAMES_AFTER.match(side, end) if end is not None else None
        if names is None:
            continue
        argument = side[m.end() : names.end()]
        out.append(side[k : m.end()] + f"\\left({argument}\\right)")
        k, changed = names.end(), True
    return "".join(out) + side[k:] if changed else None


def hold_trig_arguments(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes ``\\cos(a)x`` judged again as cos(ax), and held as
    inconclusive unless refuted there too; ``again`` is a rejudge.Rejudge."""
    why = "\\cos(a)x is read as \\cos(a)·x, and so the sides differ; read as \\cos(ax), as analysis notes mean it"
    return again.held_unless_refuted(
        judged, document, run_on_arguments, lambda status: f"{why}, the step is {status}: not judged"
    )
