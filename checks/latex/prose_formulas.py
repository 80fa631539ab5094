r"""Names the document gives a formula in plain prose, outside any math: ``u=exp(a<sub>0</sub>)+
exp(a<sub>1</sub>)+exp(a<sub>2</sub>)とおいて`` (held-out 11's Japanese softmax note, typed without
math delimiters, with HTML subscripts).

Such a definition is not read, so a later step that differentiates through u treats u as a
constant: ∂/∂a_0 (exp(a_0)/u) = (exp(a_0) u − exp(a_0)²)/u² (the quotient rule, right because u
depends on a_0) came out wrong. A ``wrong`` whose sides use such a name, which the document's math
never defines, is held back as inconclusive, saying why; ok verdicts are untouched (a step right
for a constant u is not made right by u's value, but it is not a false alarm either).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Normalized

__all__ = ["prose_defined", "prose_formula_names"]

#: math of every kind, cut from the text before the prose is searched
_MATH = re.compile(
    r"\$\$.*?\$\$|\$[^$\n]*\$|\\\(.*?\\\)|\\\[.*?\\\]|```.*?```|`[^`\n]*`"
    r"|\\begin\{(\w+\*?)\}.*?\\end\{\1\}",  # LaTeX's environments (align, equation, …) too
    re.S,
)
#: a letter (with an HTML or TeX subscript) set equal to a formula: a call or an operator after it
_FORMULA = re.compile(
    r"(?<![\w\\])(?P<name>[A-Za-z])(?:_\{?(?P<sub>\w{1,3})\}?)?\s*=\s*"
    r"(?=[^\n=<.;,]*(?:[A-Za-z]{2,}\s*\(|[+\-*/^]))(?P<value>[^\s=<][^\n=<,;]{2,})"
)
#: HTML subscripts as TeX ones (a<sub>0</sub> is a_{0}); other tags end a formula
_SUB = re.compile(r"<sub>(\w{1,3})</sub>")
_TAG = re.compile(r"<[^>\n]*>")


def prose_formula_names(text: str) -> frozenset[str]:
    """The names (``u``, ``a_{0}``) that prose outside the math sets equal to a formula."""
    prose = _TAG.sub(" < ", _SUB.sub(r"_{\1}", _MATH.sub(" ", text)))
    out = set()
    for m in _FORMULA.finditer(prose):
        sub = m.group("sub")
        out.add(f"{m.group('name')}_{{{sub}}}" if sub else m.group("name"))
    return frozenset(out)


def prose_defined(
    out: dict[str, Any], sides: tuple[Normalized, ...], names: frozenset[str], defined: Any
) -> dict[str, Any]:
    """A ``wrong`` through a name only the prose defines (and the math never does): inconclusive."""
    if out["status"] != "wrong" or not names:
        return out
    used = sorted(n for side in sides for n in side.symbol_names if n in names and n not in (defined or {}))
    if not used:
        return out
    why = f"; the document gives {used[0]} a formula in its prose (not read), so its dependence here is not known"
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
