r"""Data given again as a set of pairs: ``\{(x^{(i)}, y^{(i)})\}_{i=1}^5 = \{(1,2), (2,3), …\}``.

A page of solutions works several problems in turn. Problem 1 gives ``x^{(1)} = [0, 0]^T, y^{(1)}
= +1, …`` (an SVM); problem 3 gives a new data set as a set of pairs and derives ``w_1 =
\frac{\sum_i (y^{(i)} - 1) x^{(i)}}{\sum_i x^{(i)2}} = \frac{89}{55}`` from it. The set of pairs is
not read, so problem 1's values stood in for problem 3's data and the correct 89/55 was called
wrong.

The rule: an equation whose left side is a set of tuples of names (``\{(x^{(i)}, y^{(i)})\}``,
``\{(x_i, y_i)\}``) gives those names new values from its place on. A ``wrong`` step after it that
uses one of them (any index), where the document gave that family values before the set, is
inconclusive: the earlier values are not known to be the ones the page means there. Steps that
use none of them, or names the document never gave values before, are not touched.
"""

from __future__ import annotations

import re

from derive.checks.latex.extract import Equation
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain

__all__ = ["release_restated", "restated_data"]

#: a set of tuples: \{(…, …)…\} or \left\{ (…) \right\}
_SET_OF_TUPLES = re.compile(r"\s*(?:\\left)?\\\{\s*(?:\\left)?\(.*,.*\)")
#: a name with an index in a tuple: x^{(i)}, y_i, x_{i}, \theta_i: the part before the index
_INDEXED = re.compile(r"(?<![A-Za-z\\])((?:\\[A-Za-z]+|[A-Za-z])(?:\^\{\(|_))")


def restated_data(equations: list[Equation]) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    """(place, name prefixes) of each set of tuples of names given a value: ``x^{(``, ``y^{(``."""
    found: list[tuple[tuple[int, int], tuple[str, ...]]] = []
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(len(chain) - 1):
                (left, relation), right = chain[k], chain[k + 1][0]
                if relation != "=" or not _SET_OF_TUPLES.match(left.text):
                    continue
                if not _SET_OF_TUPLES.match(right.text):
                    continue
                prefixes = tuple(sorted(set(_INDEXED.findall(left.text))))
                if prefixes:
                    found.append(((left.line, left.column), prefixes))
    return found


def release_restated(
    judged: list[StepResult],
    restated: list[tuple[tuple[int, int], tuple[str, ...]]],
    defined: list[tuple[tuple[int, int], str]],
) -> list[StepResult]:
    """``judged`` with the ``wrong`` verdicts that use names a set of pairs gave again made
    inconclusive; ``defined`` holds (place, name) of the document's definitions."""
    # only a family given values before the set: those earlier values are what may stand in
    restated = [
        (at, kept)
        for at, prefixes in restated
        if (kept := tuple(p for p in prefixes if any(w < at and name.startswith(p) for w, name in defined)))
    ]
    if not restated:
        return judged
    out: list[StepResult] = []
    for result in judged:
        step = result.step
        where = (step.line, step.column)
        used = [
            (at, prefix)
            for at, prefixes in restated
            if at < where
            for prefix in prefixes
            if re.search(rf"(?<![A-Za-z\\]){re.escape(prefix)}", f"{step.lhs} {step.rhs}")
        ]
        if result.status == "wrong" and used:
            (line, _), prefix = used[-1]
            name = prefix + ("i)}" if prefix.endswith("(") else "i")
            why = (
                f"{result.message}; the document gives {name} new values on line {line}, as a set of pairs "
                "that is not read, so the values this step was judged with may not be the ones meant there"
            )
            result = result.held(why)
        out.append(result)
    return out
