r"""A conditional distribution summed over all its values: ``\sum_Z P(Z|X,\theta^{(t)}) \ln P(X|\theta^{(t)})
= 1 \cdot \ln P(X|\theta^{(t)})``.

The EM derivation of datawhalechina/pumpkin-book (chapter 7) writes ``\ln P(X|\theta^{(t)})`` as
``\sum_Z P(Z|X,\theta^{(t)}) \ln P(X|\theta^{(t)})``: true because a distribution's values sum to
one over all Z. The reader samples each probability as an unknown in (0, 1) and the sum without
bounds over a few terms, which do not sum to one, and called the step wrong. A ``wrong`` step with a
sum without an upper bound whose letter is the event of a probability in it (``\sum_Z P(Z|…)``,
``\sum_z p(z \mid x)``) is held back (inconclusive), saying why; a sum with bounds (``\sum_{i=1}^n``)
or over a letter that is no probability's event is judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_distribution_sums", "summed_distribution"]

#: \sum_Z, \sum_{z}, \sum\limits_{Z}: a sum over one letter with no upper bound
_SUM = re.compile(r"\\sum(?:\\limits)?\s*_\s*(?:\{\s*(?P<braced>[A-Za-z])\s*\}|(?P<bare>[A-Za-z]))(?!\s*\^)")


def summed_distribution(text: str) -> str | None:
    """``P(Z|…)`` summed over every Z in the text (the probability as written), or None."""
    for head in _SUM.finditer(text):
        letter = head.group("braced") or head.group("bare")
        probability = re.search(
            rf"(?<![A-Za-z\\])(?:P|p|q|\\Pr)\s*(?:\\left)?\s*\(\s*{letter}\s*(?:\||\\mid|\\vert)", text[head.end() :]
        )
        if probability:
            return f"P({letter}|…)"
    return None


def hold_distribution_sums(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that sums a distribution over its whole event held back."""

    def why(result: StepResult) -> str | None:
        summed = summed_distribution(f"{result.step.lhs} = {result.step.rhs}")
        return f"; but {summed} summed over all its values is one, which sampled values are not" if summed else None

    return hold_wrongs(judged, why)
