r"""The size of a sum in a definition, where the step writes that size too.

``L = \frac{1}{N}\sum_{i=1}^{N}(y_i - \hat y_i)^2`` and then ``\frac{\partial L}{\partial \hat y_j} =
-\frac{2}{N}(y_j - \hat y_j)``: the step has no sum of its own, so its N was a free number while
L's sum, put in for L, was expanded at 2 or 3 terms. The two N are one: the number of terms of
L's sum. Read apart, the sides "use different symbols" (N on one side only, once the derivative
is taken) and the step was never judged; an error in the factor (1/N for 2/N) went unseen.

A name counts only when it is the written end of a sum in the value of a name the step uses
(directly or through other definitions) and the step writes it as a name too; it then takes the
expansion's size wherever the step writes it, as the step's own sums' ends do (sympy_build).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

__all__ = ["defined_sizes", "reached_definitions"]


def reached_definitions(names: Iterable[str], named: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Each (name, normalised value) of the definitions ``names`` reach, directly or through the
    names other definitions write, once each. ``named`` maps a name to (family letters, its
    normalised value), as the judge receives the document's definitions."""
    seen: set[str] = set()
    todo = [name for name in names if name in named]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        value = named[name][1]
        yield name, value
        todo += [n for n in value.symbol_names if n in named and n not in seen]


def defined_sizes(named: dict[str, Any] | None, norms: list[Any]) -> set[str]:
    """The ends (not numbers) of the sums in the definitions ``norms`` reach, that ``norms`` write."""
    if not named:
        return set()
    written = {name for norm in norms for name in norm.symbol_names}
    ends: set[str] = set()
    for _, value in reached_definitions(written, named):
        ends |= {end for _, _, end in value.sums.values() if end and not end.isdigit()}
    return ends & written
