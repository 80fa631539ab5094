r"""A random variable a later problem gives a new distribution: ``X \sim \mathcal{B}in(25, 0.05)`` and
``P(X = 0) = (1-0.05)^{25}`` in one problem, ``X \sim \mathcal{P}ois(\mu)`` and ``10^{-5} = P(X=0)``
in the next.

Probability worksheets call every problem's variable X. The step of the later problem was
judged with the probability the earlier one gave (0.95^25 ≈ 0.277), and refuted. Where the
document states a distribution for the letter (``X \sim …``, ``X\sim``) after the last line that
wrote the same probability and no later than the step, the step speaks of the new problem's
variable: a ``wrong`` step writing that probability is held back, inconclusive, saying so. A
step with no such statement in between (one problem's own slip) keeps its verdict.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_redistributed_variables"]

#: a probability of one capital letter's event: P(X = 0), \Pr(X \le 4), \mathbb{P}(Y > 1)
_PROBABILITY = re.compile(
    r"(?:\\Pr|\\mathbb\s*\{?\s*P\s*\}?|(?<![\\A-Za-z])P)\s*(?:\\left\s*)?\(\s*(?P<x>[A-Z])[^()]*\)"
)
#: a distribution stated for a letter: X \sim \mathcal{P}ois(\mu), Y\sim N(0, 1)
_DISTRIBUTED = re.compile(r"(?<![\\A-Za-z])(?P<x>[A-Z])\s*\\sim(?![A-Za-z])")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+|\\left|\\right", "", text)


def hold_redistributed_variables(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each wrong step about a probability of a letter given a new distribution
    since that probability was last written held back (module docstring)."""
    lines = text.splitlines()
    stated = [(k + 1, m.group("x")) for k, line in enumerate(lines) for m in _DISTRIBUTED.finditer(line)]
    if len({x for _, x in stated}) == len(stated):
        return judged  # no letter is given two distributions

    def why(result: StepResult) -> str | None:
        step = result.step
        for m in _PROBABILITY.finditer(f"{step.lhs} = {step.rhs}"):
            written, letter = _squeezed(m.group(0)), m.group("x")
            earlier = [k + 1 for k in range(step.line - 1) if written in _squeezed(lines[k])]
            if not earlier:
                continue
            new = [line for line, x in stated if x == letter and earlier[-1] < line <= step.line]
            if new:
                return (
                    f"; but {letter} is given a distribution again (line {new[-1]}) since {m.group(0)} was last"
                    f" written (line {earlier[-1]}): a later problem's {letter}, not judged with the earlier value"
                )
        return None

    return hold_wrongs(judged, why)
