r"""A chain rule's link through a softmax the document defines: one path where there are many.

``o_{out} = softmax(o_{in})`` makes every output o_{out_k} depend on every input o_{in_j}. A chain
rule written with one path through it and no sum (``\frac{\partial L}{\partial w_{11}} =
\frac{\partial L}{\partial o_{out_1}}\frac{\partial o_{out_1}}{\partial o_{in_1}}
\frac{\partial o_{in_1}}{\partial w_{11}}``) drops the paths through the other outputs whenever the
loss depends on more than one of them, and a derivative the document writes elsewhere rarely says
which. Such a step is never ``ok`` as the chain rule as written (it stays as it was); the entries
are named per output (o_{out_1}, \hat y_k), so the softmax's coupling is read from the
definition of the vectors, not from the entries' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

__all__ = ["softmax_definitions", "softmax_output", "through_softmax"]

#: softmax(…) in its usual spellings, applied to one vector name
_SOFTMAX_CALL = re.compile(
    r"(?:\\operatorname\*?|\\text|\\mathrm|\\mathit|\\textrm)?\s*\{?\s*(?:\\)?soft-?max\s*\}?\s*"
    r"(?:\\left\s*)?\(\s*(?P<arg>[^()=]+?)\s*(?:\\right\s*)?\)",
    re.I,
)
#: one index at the end of a name or of its last label: o_{out_1}, \hat{y}_{k}, z_3, a_{12}, p_{*}
_LAST_INDEX = re.compile(r"_\s*\{?\s*(?:[A-Za-z*]|\d+)\s*\}?(?=\s*\}|\s*\^|\s*$)")
_FONT = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec|mathrm|mathit)\s*")


def _plain(name: str) -> str:
    """A name without fonts, braces and spaces, so z, \\mathbf{z} and {z} compare alike."""
    return re.sub(r"[{}\s]", "", _FONT.sub("", name))


def _family(name: str) -> str | None:
    """The vector an entry belongs to (o_{out_1} → o_{out}, \\hat{y}_{k} → \\hat{y}); None for a
    name with no index."""
    stripped, n = _LAST_INDEX.subn("", name, count=1)
    return _plain(stripped) if n else None


def softmax_definitions(definitions: Iterable[Any]) -> set[tuple[str, str]]:
    """(output vector, input vector) of each ``A = softmax(B)`` the document writes."""
    pairs: set[tuple[str, str]] = set()
    for definition in definitions:
        m = _SOFTMAX_CALL.match(definition.rhs.strip())
        if m:
            pairs.add((_plain(definition.name), _plain(m.group("arg"))))
    return pairs


def softmax_output(name: str, softmaxes: set[tuple[str, str]]) -> bool:
    """Is the name an entry of a softmax's output (o_{out_1}, \\hat{y}_{*} beside \\hat{y} = softmax(z))?"""
    family = _family(name)
    return family is not None and any(family == output for output, _ in softmaxes)


def through_softmax(chain: tuple[list[str], str] | None, softmaxes: set[tuple[str, str]]) -> bool:
    """Does an unsummed chain pass from an entry of a softmax's output to an entry of its input?"""
    if chain is None or chain[1] or not softmaxes:
        return False
    return any((_family(name), _family(var)) in softmaxes for name, var in pairwise(chain[0]))
