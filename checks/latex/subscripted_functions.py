r"""Functions the document defines under a subscripted name, or of a decorated parameter.

``h_{\theta}(x^{(i)}) = \frac{1}{1+e^{-\theta_0-\theta_1 x^{(i)}}}``, ``f_W(\mathbf x) = …``,
``\phi_l(z) = …``: the name carries a subscript (the parameters it depends on, a layer) and
the parameter may carry a label or a font. :mod:`own_functions` finds one-letter names of
one-letter parameters; this module finds these, and expands them where they are used:

- applied: ``h_\theta(x)``, ``h_{\theta}(x^{(i)})`` (the same function at another argument) is
  the body with the argument in each place of the parameter;
- bare, for a subscripted name: ``\frac{\partial h_{\theta}}{\partial\theta_0}`` is the body as
  written (the function's value at its own parameter), so that a derivative with respect to a
  parameter inside the body can be taken.

Never when the bracket mentions the function's letter (``p_k(1 - p_k)`` is a product), when
the body does not use the parameter (``f(x_1) = 3`` is a value, not a definition), or when the
name is defined twice.
"""

from __future__ import annotations

import re

from derive.checks.latex.dot_products import dot_products
from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import substitute_name
from derive.checks.latex.notation import BUILTIN_NAMES, Notation
from derive.checks.latex.own_functions import NewFunction, one_meaning
from derive.checks.latex.prose_leads import past_prose_lead
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["definable", "find_more_functions", "more_definitions", "uses"]

_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv")
_NOT_FUNCTIONS = (r"\sum", r"\prod", r"\log", r"\exp", r"\max", r"\min")


def _reader(text: str, notation: Notation) -> TexReader:
    # as the scalar reader reads it: θ^T x is Σ_q θ_q x_q (dot_products)
    return TexReader(*clean_tokens(dot_products(tex_tokens(text))), notation)


def _base(name: str) -> str:
    return re.split(r"[_^]", name, maxsplit=1)[0]


def _call(text: str, notation: Notation) -> tuple[str, str] | None:
    """(name, parameter) of a term that is exactly ``name(parameter)``, both names."""
    try:
        reader = _reader(text, notation)
        name, k, power = reader.read_identifier(0) if reader.toks else (None, 0, None)
        if name is None or power or reader.toks[k : k + 1] != ["("] or reader.match(k) != len(reader.toks) - 1:
            return None
        inside = reader.toks[k + 1 : -1]
        param, end, power = reader.read_identifier(k + 1) if inside else (None, 0, None)
    except Unreadable:
        return None
    if param is None or power or end != len(reader.toks) - 1:
        return None
    return name, param


def uses(body: str, name: str, notation: Notation) -> bool:
    """Does ``body`` use the name ``name`` (as the reader names it)?"""
    try:
        reader = _reader(body, notation)
        marked = substitute_name(reader, name, ["\0"])
    except Unreadable:
        return False
    return marked is None or "\0" in marked  # None: a use inside a word


def _entries_in(body: str, param: str, notation: Notation) -> bool:
    """Does the body use entries of a one-token parameter only through a dot product (``θ^T x``,
    read as Σ_q θ_q x_q)? Entries written out (``\\text{diag}(p) = [p_1 …]``) do not make a
    definition, as before."""
    raw = tex_tokens(body)
    if dot_products(raw) == raw:
        return False
    try:
        toks = _reader(body, notation).toks
    except Unreadable:
        return False
    return any(t == param and toks[j + 1 : j + 2] == ["_"] for j, t in enumerate(toks))


def _plain_name(text: str) -> bool:
    """Is a chain's first term one plain name (L, x_1, \\hat y), as in ``L = g_1(x_1) = …``?"""
    return re.fullmatch(r"\s*(?:\\hat\s*)?\{?[A-Za-z]\}?(?:_\{?\w+\}?)?\s*", text) is not None


def definable(name: str, param: str, notation: Notation) -> bool:
    """A name the notation does not know, applied to a parameter that is a variable (not a
    numbered sample ``x^{(1)}`` or entry ``x_1``)."""
    base = _base(name)
    known_base = base in notation.functions or base[1:] in notation.functions or base.lower() in BUILTIN_NAMES
    # \phi_l is the document's own even where the notation reads \phi (the reader refuses a
    # subscript on the notation's function letter); a word keeps its meaning (LeakyReLU_\alpha)
    letter = re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", base) is not None and name != base
    known = (known_base and not letter) or name in notation.functions or name in notation.constants
    known = known or base in notation.softmax_names
    numbered = re.search(r"[_^]\{?\(?\d", param) is not None
    # g_1(x_1), g_2(x_2): a graph of numbered functions, each of its own numbered variable
    graph = name != base and re.fullmatch(r"[A-Za-z]_\{?\d+\}?", param) is not None
    return not known and (graph or not numbered) and name != param and base not in _NOT_FUNCTIONS


def find_more_functions(definitions: list[NewFunction], found: list[NewFunction]) -> list[NewFunction]:
    """``found`` and the definitions (:func:`more_definitions`) it does not hold (a subscripted
    name, a parameter with a label or font); a name defined twice in all (``g(z) = …`` and
    ``g(\\mathbf x) = …``) is left out, also from ``found`` (which body is meant?)."""
    seen = {(f.name, f.line, f.column) for f in found}
    more: dict[str, list[NewFunction]] = {f.name: [f] for f in found}
    for d in definitions:
        if (d.name, d.line, d.column) not in seen:
            more.setdefault(d.name, []).append(d)
    return [defs[0] for defs in more.values() if one_meaning(defs)]


def more_definitions(equations: list[Equation], notation: Notation) -> list[NewFunction]:
    """Every definition ``name(parameter) = value`` of the document, in order, each name as often
    as it is defined (scoped_functions keeps the names defined differently in turn)."""
    out = []
    for equation in equations:
        for chain in split_chain(equation):
            chain = past_prose_lead(chain)  # \text{The loss is} = f(x) = …: f(x) = … opens it
            (first, relation), (second, _) = chain[0], chain[1]
            if _call(first.text, notation) is None and len(chain) > 2 and _plain_name(first.text):
                # L = g_1(x_1) = -\log(x_1): a name, then the function it is, then the body
                (first, relation), (second, _) = chain[1], chain[2]
            body = second.text.strip()
            call = _call(first.text, notation) if relation in _DEFINES and body else None
            if call is None:
                continue
            name, param = call
            # the parameter itself, or by its entries (θ^T x read as Σ_q θ_q x_q: dot_products)
            used = uses(body, param, notation) or _entries_in(body, param, notation)
            if definable(name, param, notation) and used and not uses(body, name, notation):
                out.append(NewFunction(second.line, second.column, name, param, body))
    return out
