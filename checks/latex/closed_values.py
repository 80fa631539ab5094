r"""A value a worked example computes from numbers alone: ``\xi_3 = \max(0, 1-(-1))``.

Such a definition gives its name a number, just as ``\xi_3 = 2`` would: the arithmetic is the
example's, with no name of the document in it. A later ``\xi_3 = 1`` (a second part of the
exercise, "(ii) With $w = (1, -1)$", computed again with other inputs) is then a new value for
the name, as it is after a plain number (doc_definitions.find_reassignments), not a claim that
2 equals 1.

Only the numbers, the operators and the functions of plain arithmetic count (max, min, fractions,
roots, exp and log): a Greek letter or any other name makes the value a formula, which keeps its
meaning for the whole document.
"""

from __future__ import annotations

import re

#: a number as a worked example gives it: 2, -0.5, 1{,}5, \frac12, \tfrac{1}{4}, and a setting
#: written in powers of ten: 10^{-1}, 5 \times 10^{-4}, 1e-05 ("use $\lambda = 10^{-1}$")
GIVEN_NUMBER = re.compile(
    r"[-+]?\s*(\d+(?:[.,]\d+|\{,\}\d+)?|\\[dt]?frac\s*(\d|\{\d+\})\s*(\d|\{\d+\}))\s*"
    r"|[-+]?\s*(\d+(?:\.\d+)?\s*(?:\\times|\\cdot)\s*)?10\s*\^\s*(\{\s*[-+]?\s*\d+\s*\}|[-+]?\d)\s*"
    r"|[-+]?\s*\d+(?:\.\d+)?[eE][-+]?\d+\s*"
)

#: the control words of arithmetic on numbers; any other (\alpha, \pi, \gamma_i) is a name
_ARITHMETIC = re.compile(
    r"\\(?:max|min|[dt]?frac|sqrt|exp|log|ln|cdot|times|div|left|right|[bB]ig[lr]?|operatorname\{(?:max|min)\})"
    r"(?![A-Za-z])|\\[,;! {}]"
)
_NUMBERS_ONLY = re.compile(r"[\d.,+\-*/()\[\]{}^|\s]*")


def closed_value(text: str) -> bool:
    """Is ``text`` an arithmetic expression of numbers alone, with at least one operation?"""
    rest = _ARITHMETIC.sub(" ", text)
    has_operation = rest != text or bool(re.search(r"\d\s*[-+*/^(]|[)]", text))
    return has_operation and any(ch.isdigit() for ch in rest) and bool(_NUMBERS_ONLY.fullmatch(rest))
