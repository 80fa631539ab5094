r"""A function named bare as shorthand for its value at one expression.

Notes on logistic regression write ``\sigma = \sigma(w^\top x)`` and then ``\nabla_w \log \sigma``,
``\frac{y}{\sigma} - \frac{1-y}{1-\sigma}``: the bare σ is the value at wᵀx, as the document
says. Such a definition (the function's own name, alone, equal to that function applied to one
argument) makes every argument-less use of the name that value; a function given two such
values, or none, keeps the reader's other rules (the chain variable's value, or unread).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.text_groups import round_group

__all__ = ["document_bare_values"]

#: ``\sigma = \sigma(`` with the same command on both sides of the equals sign
_BARE_DEFINITION = re.compile(r"(?<![\\A-Za-z])(?P<f>\\[A-Za-z]+)\s*=\s*(?P=f)\s*(?:\\left\s*)?\(")


def _argument(text: str, open_at: int) -> str | None:
    """The text inside the bracket opened at ``open_at``, if it closes and ends the formula's side."""
    group = round_group(text, open_at)
    if group is None:
        return None
    inside, after = group
    rest = text[after:].lstrip()
    ends = not rest or rest[0] in ",.;$&\\" or rest.startswith("=")
    return inside.strip() if ends and inside.strip() else None


def document_bare_values(equations: list[Any], functions: dict[str, str]) -> dict[str, str]:
    """Function command (``\\sigma``) → the LaTeX of its one argument, for each known function the
    document defines bare exactly one way."""
    found: dict[str, set[str]] = {}
    for equation in equations:
        for m in _BARE_DEFINITION.finditer(equation.text):
            if m.group("f") not in functions:
                continue
            arg = _argument(equation.text, m.end() - 1)
            if arg is not None:
                found.setdefault(m.group("f"), set()).add(" ".join(arg.split()))
    return {f: next(iter(args)) for f, args in found.items() if len(args) == 1}
