r"""π as a document's own parameter: "where $\pi \in [0, 1]$ is a mixture weight", "$\pi \sim
\text{Bern}(\theta)$", then ``\tau^2 \mid \beta, \pi = 1 \sim …`` and "a discrete mixture ($\pi = 0.5$)".

A spike-and-slab post (fdabl.github.io) names its inclusion probability π, conditions on π = 0 and
π = 1 case by case, and writes Gaussian normalisers ``(2\pi\sigma^2)^{-n/2}`` with the circle's π in
the same pages. The reader knows π as 3.14159…, so every ``\pi = 1`` was called wrong (eleven
steps). Where the document says π is a quantity of its own (π in an interval, π drawn from a
distribution, ``p(\pi \mid …)``, conditioning on π, π given a number between 0 and 1), a ``wrong``
on a step that writes a bare π (not ``\pi_k``) is held back (inconclusive, with the line that says
so): which π the step means, the page's or the circle's, the judge cannot tell. Pages that never say
so keep π the constant (``\pi = 3`` stays wrong), and a wrong step without π is judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["hold_parameter_pi", "pi_parameter_line"]

_PI = r"\\pi(?![A-Za-z])(?!\s*_)"
#: π stated to be a quantity: π ∈ [0, 1], π ~ Bern(θ), p(π | …), … | π, π = 0.5 (a probability)
_STATED = re.compile(
    rf"{_PI}\s*(?:\\in\s*[\[(]|\\sim\b)"
    rf"|\b[pP]\s*(?:\\left)?\(\s*{_PI}\s*(?:\\mid|\||\))"
    rf"|(?:\\mid|\|)\s*{_PI}\s*(?:[,)=]|\\right)"
    rf"|(?<![\\\w]){_PI}\s*=\s*(?:0?\.\d+|[01])(?![\d.])"
)


def pi_parameter_line(text: str) -> int | None:
    """The line where the document first says π is a quantity of its own, or None."""
    found = _STATED.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def hold_parameter_pi(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` that writes a bare π, in a document whose π is a parameter, held back."""
    line = pi_parameter_line(text) if any(r.status == "wrong" for r in judged) else None
    if line is None:
        return judged
    out = []
    for result in judged:
        if result.status == "wrong" and re.search(_PI, f"{result.step.lhs} {result.step.rhs}"):
            why = f"the page's π is a quantity of its own (line {line}), not only the constant 3.14159…"
            result = result.held(f"{result.message}; but {why}")
        out.append(result)
    return out
