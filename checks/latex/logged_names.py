r"""A name stated first through its logarithm, then given a plain value: two statements of it.

A glossary of regression forms lists ``\ln y = \beta_0 + \beta_1 x + \varepsilon`` (log-level), then
``y = \beta_0 + \beta_1 \ln x + \varepsilon`` (level-log), then ``\ln y = \beta_0 + \beta_1 \ln x +
\varepsilon`` (log-log): three models, none derived from another. Read as a definition, the
level-log ``y`` made the log-log line 'wrong'. An equation whose left side is the logarithm of a
bare name (``\ln y``, ``\log(p)``) already says what that name is (``y = e^{…}``), so a plain ``y =
…`` after it is a second value of y (doc_definitions.find_redefinitions), and a step that uses y
there is not judged against either value. The usual order (``L = \prod …``, then ``\log L = \sum
…``: a derivation) is unchanged: there the plain value comes first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.steps import split_chain

__all__ = ["with_logged_names"]

#: ``\ln y``, ``\log(p)``, ``\log{L}``: a logarithm of one written operand (the name is checked apart)
_LOG = re.compile(r"^\s*\\(?:ln|log)\s*(?:\((?P<a>[^()]+)\)|\{(?P<b>[^{}]+)\}|(?P<c>[^\s(){}].*?))\s*$")


def with_logged_names(
    first: dict[str, Any], equations: list[Any], name_of: Callable[[str], str | None], make: Callable[..., Any]
) -> dict[str, Any]:
    """``first`` (name → its Definition) with each name first stated as ``\\ln name = value``
    before its earliest definition there: ``make(line, column, name, "e^{value}")`` in its place."""
    out = dict(first)
    for equation in equations:
        for chain in split_chain(equation):
            (left, relation), (value, _) = chain[0], chain[1]
            m = _LOG.match(left.text) if relation == "=" else None
            name = name_of(next(g for g in m.groups() if g)) if m else None
            if name is None or not value.text.strip():
                continue
            old = out.get(name)
            if old is None or (value.line, value.column) < (old.line, old.column):
                out[name] = make(value.line, value.column, name, f"e^{{{value.text.strip()}}}")
    return out
