r"""Functions a document defines at an expression: ``g(\theta^T x) = \frac{1}{1 + e^{-\theta^T x}}``.

CS229-style notes name the logistic function g only where they apply it, in a chain
(``h_\theta(x) = g(\theta^T x) = \frac{1}{1+e^{-\theta^T x}}``). The value is the argument written
again inside a formula, so the function is that formula with a parameter in the argument's place:
g(u) = 1/(1 + e^{-u}). Used elsewhere (``g(\theta^T x^i)(1 - g(\theta^T x^i))``) it is expanded as
the document's other functions are (function_calls).

Only for a name the notation does not know and the document does not define otherwise, an
argument that is more than one name, a value that writes the argument at least once and keeps
none of its names outside it (``f(x + 1) = (x + 1)^2 + x`` is not a function of x + 1 alone), and
a name given one such formula in the whole document.
"""

from __future__ import annotations

import re

from derive.checks.latex.extract import Equation
from derive.checks.latex.notation import Notation
from derive.checks.latex.own_functions import NewFunction, one_meaning
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import Unreadable, tex_tokens

__all__ = ["find_pattern_functions"]

_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv")
_LETTERS = re.compile(r"[A-Za-z]|\\[A-Za-z]+")


def _tokens(text: str) -> list[str]:
    try:
        return [t for t, _ in tex_tokens(text)]
    except Unreadable:
        return []


def _call(toks: list[str]) -> tuple[str, list[str]] | None:
    """(name, argument tokens) of ``g(E)`` or ``g\\left(E\\right)`` that is the whole term."""
    if len(toks) < 4 or not re.fullmatch(r"[a-z]", toks[0]):
        return None
    inner = toks[1:]
    if inner[0] == r"\left" and inner[-2:-1] == [r"\right"]:
        inner = [inner[1], *inner[2:-2], inner[-1]]
    if inner[0] != "(" or inner[-1] != ")":
        return None
    depth = 0
    for j, t in enumerate(inner):
        depth += (t == "(") - (t == ")")
        if depth == 0 and j != len(inner) - 1:
            return None  # g(a)(b): the first bracket closes early
    return toks[0], inner[1:-1]


def _replace(body: list[str], arg: list[str], param: str) -> tuple[list[str], int]:
    """The body with each run of the argument's tokens made the parameter, and how many."""
    out: list[str] = []
    count = 0
    j = 0
    while j < len(body):
        if body[j : j + len(arg)] == arg:
            out += ["{", param, "}"]
            count += 1
            j += len(arg)
        else:
            out.append(body[j])
            j += 1
    return out, count


def find_pattern_functions(equations: list[Equation], notation: Notation, taken: set[str]) -> list[NewFunction]:
    """Functions defined at an expression (see the module), not among ``taken``."""
    found: dict[str, list[NewFunction]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            for (term, relation), (value, _) in zip(chain, chain[1:], strict=False):
                call = _call(_tokens(term.text)) if relation in _DEFINES else None
                if call is None or call[0] in taken or call[0] in notation.functions:
                    continue
                name, arg = call
                names = {t for t in arg if _LETTERS.fullmatch(t)} - {"T", r"\top", r"\mathbf", r"\boldsymbol"}
                body = _tokens(value.text)
                param = next((p for p in "uvw" if p not in body and p not in arg), None)
                if len(arg) < 2 or not names or param is None:
                    continue
                replaced, count = _replace(body, arg, param)
                if count == 0 or names & set(replaced) or name in replaced:
                    continue
                text = " ".join(replaced)
                found.setdefault(name, []).append(NewFunction(value.line, value.column, name, param, text))
    return [defs[0] for defs in found.values() if one_meaning(defs)]
