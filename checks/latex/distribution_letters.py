r"""A notation function's letter the document makes a distribution function: φ = the normal CDF.

Probability notes standardise a normal variable and name its distribution function with the
letter the seeds use for the ReLU: "If $X \sim N(\mu, \sigma^2)$, then $F_X(c) = \mathbb{P}(X \le
c) = \mathbb{P}(\frac{X-\mu}{\sigma} \le \frac{c-\mu}{\sigma}) = \phi(\frac{c-\mu}{\sigma})$", then
"$\phi(-x) = 1 - \phi(x)$", true of the normal CDF and 'wrong' for the ReLU (at x = −2). A chain
that links the letter's call to a probability (``\mathbb{P}(…)``, ``P(…)``, ``\Pr(…)``) says what the
letter is in this document: a function the notation does not know. It is read as an undefined
function there (abstract_functions: ok where a step holds for every function, never wrong). The
letter of a document that never writes such a link keeps the notation's meaning, and so does a
letter whose notation function gives probabilities itself: logistic regression writes
"$P(t = 1|z) = \sigma(z)$" and means the sigmoid (read as undefined there, eleven true σ steps of
two held-out documents went unjudged).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.abstract_functions import ABSTRACT
from derive.checks.latex.notation import Notation
from derive.checks.latex.steps import split_chain

__all__ = ["distribution_functions"]

#: a probability as a whole link: \mathbb{P}(…), \mathbb P(…), P(…), \Pr(…), \operatorname{P}(…)
_PROBABILITY = re.compile(
    r"\s*(?:\\mathbb\s*\{?\s*P\s*\}?|\\Pr|\\operatorname\s*\{\s*P\s*\}|P)\s*(?:_\s*\{[^{}]*\}\s*)?(?:\\left\s*)?[(\[]"
)
#: the notation's functions whose values are probabilities: a chain equating them with one agrees
PROBABILITY_VALUED = frozenset({"sigmoid", "softmax"})
#: a link that is one call of a letter: \phi(…), \sigma\left(…
_CALL = re.compile(r"\s*(\\[A-Za-z]+|[A-Za-z])\s*(?:\\left\s*)?\(")


def distribution_functions(equations: list[Any], notation: Notation) -> dict[str, str]:
    """name → key of an undefined function, for each notation function the document's chains equate
    with a probability (module docstring)."""
    found: dict[str, str] = {}
    for equation in equations:
        for chain in split_chain(equation):
            links = [part.text for part, _ in chain]
            if not any(_PROBABILITY.match(link) for link in links):
                continue
            for link in links:
                call = _CALL.match(link)
                letter = call.group(1) if call is not None else ""
                meaning = notation.functions.get(letter)
                if meaning is not None and meaning not in PROBABILITY_VALUED and not _PROBABILITY.match(link):
                    found[letter] = ABSTRACT + letter
    return found
