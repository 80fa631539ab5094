r"""Functions the document defines of several parameters.

``\mathcal L(\hat y, y) = -y\log\hat y - (1 - y)\log(1 - \hat y)``, ``H(p, q) = -\sum_x …``,
``L(w, b) = (wx + b - y)^2``: a name the notation does not know, applied to two or more
different plain names, and a value that uses at least one of them (itself, or by its entries:
``CE(y, \hat y) = -\sum_i y_i\log\hat y_i``) and never the name itself.
Where the function is used (:func:`~derive.checks.latex.function_calls.expand_document_function`)
it is its value: applied to as many arguments, each argument in its parameter's place (a
parameter used by its entries only at itself: ``CE(y, \hat y)``, not ``CE(a, b)``); written
bare (``\frac{\partial\mathcal L}{\partial\hat y}``), the value at its own parameters.

Never for a name the notation defines from its own quantities (its loss L of o^s), when a
parameter is a numbered sample or entry (``f(x_1, x_2) = 3`` states a value),
when the call is followed by anything (``L(w, b)^2``), or when the name is defined twice.
"""

from __future__ import annotations

import re

from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import PARAMETER_SEPARATOR, names_in
from derive.checks.latex.notation import Notation
from derive.checks.latex.own_functions import NewFunction, one_meaning
from derive.checks.latex.prose_leads import past_prose_lead
from derive.checks.latex.steps import split_chain
from derive.checks.latex.subscripted_functions import definable, uses
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, split_at_top_commas, tex_tokens

__all__ = ["find_multi_functions", "multi_call", "multi_definitions", "with_multi_functions"]

_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv", r"\doteq")


def multi_call(text: str, notation: Notation) -> tuple[str, list[str]] | None:
    """(name, parameters) of a term that is exactly ``name(p_1, …, p_n)`` with n ≥ 2 different
    names, else None."""
    try:
        reader = TexReader(*clean_tokens(tex_tokens(text)), notation)
        if not reader.toks:
            return None
        name, k, power = reader.read_identifier(0)
        if name is None or power or reader.toks[k : k + 1] != ["("] or reader.match(k) != len(reader.toks) - 1:
            return None
        params = [_one_name(reader, part, notation) for part in split_at_top_commas(reader.toks[k + 1 : -1])]
    except Unreadable:
        return None
    if len(params) < 2 or None in params or len(set(params)) != len(params):
        return None
    return name, [p for p in params if p is not None]


def _one_name(reader: TexReader, toks: list[str], notation: Notation) -> str | None:
    """The name ``toks`` is, when they are exactly one name with no power."""
    if not toks:
        return None
    part = TexReader(toks, [False] * len(toks), notation)
    name, end, power = part.read_identifier(0)
    if name is None or power or end != len(toks) or PARAMETER_SEPARATOR in name:
        return None
    return name


def _uses_parameter(body: str, param: str, notation: Notation) -> bool:
    """Does the value use the parameter, itself or by its entries (``y_i`` of a vector ``y``)?"""
    return uses(body, param, notation) or any(n.startswith(param + "_") for n in names_in(body, notation))


def _notations_own(name: str, body: str, notation: Notation) -> bool:
    """``L(x, y) = -\\log o^s_y(x)`` where the notation defines L from o^s: the notation's own
    quantity (judged as the notation's, as before), not a new function."""
    if name not in notation.definitions:
        return False
    defined = {re.split(r"[_^]", n, maxsplit=1)[0] for n in notation.definitions}
    return any(re.split(r"[_^]", n, maxsplit=1)[0] in defined - {name} for n in names_in(body, notation))


def find_multi_functions(equations: list[Equation], notation: Notation) -> list[NewFunction]:
    """Every definition ``f(p_1, …, p_n) = value`` of the document (see the module's rules),
    with its parameters joined by PARAMETER_SEPARATOR; a name defined twice is left out."""
    found: dict[str, list[NewFunction]] = {}
    for d in multi_definitions(equations, notation):
        found.setdefault(d.name, []).append(d)
    return [defs[0] for defs in found.values() if one_meaning(defs)]


def multi_definitions(equations: list[Equation], notation: Notation) -> list[NewFunction]:
    """Every definition ``f(p_1, …, p_n) = value`` of the document, in order, each name as often
    as it is defined (scoped_functions keeps the names defined differently in turn)."""
    out = []
    for equation in equations:
        for chain in split_chain(equation):
            chain = past_prose_lead(chain)  # \text{The loss is} = f(x) = …: f(x) = … opens it
            (first, relation), (second, _) = chain[0], chain[1]
            body = second.text.strip()
            call = multi_call(first.text, notation) if relation in _DEFINES and body else None
            if call is None:
                continue
            name, params = call
            if _notations_own(name, body, notation) or not all(definable(name, p, notation) for p in params):
                continue
            if any(_uses_parameter(body, p, notation) for p in params) and not uses(body, name, notation):
                joined = PARAMETER_SEPARATOR.join(params)
                out.append(NewFunction(second.line, second.column, name, joined, body))
    return out


def with_multi_functions(equations: list[Equation], notation: Notation, found: list[NewFunction]) -> list[NewFunction]:
    """``found`` (functions of one parameter) and the functions of several; a name in both
    (``g(z) = …`` and ``g(x, y) = …``) is left out of both (which body is meant?)."""
    multi = find_multi_functions(equations, notation)
    names = [f.name for f in found] + [f.name for f in multi]
    return [f for f in found + multi if names.count(f.name) == 1]
