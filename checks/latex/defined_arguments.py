r"""A quantity the notation defines, written at arguments: at its own, or at another's.

The notation's ``L = -\log o^s_y`` is written at the names it depends on (``L(x, y)``, the loss at
the input and the label): the reader takes it as L. A translated word2vec paper (the seventeenth
hunt) says "the length of the path $L(w_2) = 4$": read as the course's loss, ``L(w_2)`` was the
network's loss at sampled weights, and the step wrong. A call whose arguments are plain names is
the defined quantity only where each argument is a name that quantity depends on (through the
notation's definitions) or the notation's input (a decorated name counts as its letter: ``L(\hat y,
y)``); ``L(w_2)``, ``L(\theta)`` are another function, left unread (never judged on the course's loss).

One argument written twice is not the quantity at its own arguments either: "properties of a loss
function: $L(y_i, a(x_i)) \geqslant 0$, $L(y_i, y_i) = 0$" (a regression notebook, the twenty-sixth
hunt) states the loss at a prediction equal to its target, which is 0 for every loss. Read as the
course's loss at its own label and output, the step was wrong; ``L(y, y)`` is left unread.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed_nodes import split_name

__all__ = ["at_own_arguments"]

_LEADING = re.compile(r"\\?[A-Za-z]+")
#: a decoration of a name's letter: \hat{y} is a y (the prediction of the label y)
_DECORATION = re.compile(r"\\(?:hat|bar|tilde|vec|mathbf|boldsymbol|bm|widehat|overline)\s*\{?")


def _mentions(text: str, stem: str) -> bool:
    return re.search(rf"(?<![A-Za-z\\]){re.escape(stem)}(?![A-Za-z])", text) is not None


def _closure(definitions: dict[str, str], key: str) -> str:
    """The text of ``key``'s definition and of the definitions it reaches."""
    text, reached = definitions[key], {key}
    grown = True
    while grown:
        grown = False
        for other, value in definitions.items():
            lead = _LEADING.match(other)
            if other not in reached and lead is not None and _mentions(text, lead.group(0)):
                text, grown = text + " " + value, True
                reached.add(other)
    return text


def at_own_arguments(reader: Any, name: str, inside: list[str]) -> bool:
    """Is ``name(inside)`` the notation's defined quantity at names it depends on (``L(x, y)``)?
    Raises Unreadable for a defined quantity at plain names it does not use (``L(w_2)``)."""
    stem = split_name(name)[0]
    key = name if name in reader.notation.definitions else stem if stem in reader.notation.definitions else None
    if key is None or not inside:
        return False
    arguments = []
    for part in reader._split_commas(inside):
        try:
            argument, stop, power = reader.sub_reader(part).read_identifier(0)
        except Unreadable:
            return False
        if argument is None or stop != len(part) or power:
            return False
        arguments.append(argument)
    if len(set(arguments)) < len(arguments):
        twice = ", ".join(arguments)
        raise Unreadable(f"{name}({twice}): one argument written twice, not the notation's {key} at its own")
    closure = _closure(reader.notation.definitions, key)
    for argument in arguments:
        lead = _LEADING.match(_DECORATION.sub("", split_name(argument)[0]))
        if argument not in reader.notation.inputs and (lead is None or not _mentions(closure, lead.group(0))):
            raise Unreadable(f"{name}({argument}): the notation's {key} does not depend on {argument}")
    return True
