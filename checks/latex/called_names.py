r"""Names a document writes as functions: a bracket after them is a call, never a product.

``C(wx + b)`` of a name the reader does not know reads as the product C·(wx + b), unless the name
is a function's letter (f, g, L, J, …): after most names a bracket multiplies (``a(1 - a)``,
``w(x + 1)``). The document can say otherwise, with evidence a product cannot give. A name it
writes

- at an argument list with a top-level comma, semicolon, bar or ``\|`` (``C(w, b)``,
  ``E(\mathbf W; x, y)``, ``D_{KL}(p \| q)``): a product has no comma (a list of numbers only,
  ``c(1, 2)``, may be a scalar times a vector, and is not counted);
- or right after ∂ at one plain name or a list of them (``\frac{\partial E(\mathbf w)}{\partial
  w_1}``): the quantity written with what it depends on, differentiated,

is one of the document's functions (:func:`find_called_names`). Written before a bracket anywhere
in the document, it is then read as a name applied, as a function's letter is ("a function
application or a product?"): a step with no derivative as one unknown value per call
(opaque_calls), else as an unknown function of its arguments (applied_calls). Both readings cover
the product too, so such a step is ``ok`` when it holds for every function and inconclusive
otherwise, never ``wrong``: ``\frac{\partial}{\partial w} C(wx + b) = 0`` was wrong as C·x ≠ 0, and
``\frac{\partial}{\partial w} C(wx + b) = Cx`` was ok; both now depend on the function C.

A name the document gives a plain value anywhere (``w = 0.5``, ``a = \sigma(z)``, a name alone
as a term of an equality) is a quantity whatever else it writes: ``w(x + 1)``, ``a(1 - a)`` stay
products. So is a name the reader knows as a function already (put in where applied).
"""

from __future__ import annotations

import re

from derive.checks.latex.applied_calls import applied_arguments
from derive.checks.latex.applied_uses import arguments, term_reader
from derive.checks.latex.extract import Equation
from derive.checks.latex.notation import Notation
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import TexReader, Unreadable, bracket_depths

__all__ = ["find_called_names"]


def find_called_names(equations: list[Equation], notation: Notation) -> frozenset[str]:
    """The names the document writes as functions (module docstring), less those it gives a value
    and those the reader knows."""
    called: set[str] = set()
    valued: set[str] = set()
    for eq in equations:
        reader = term_reader(eq.text, notation)
        called |= _calls(reader) if reader is not None else set()
        for chain in split_chain(eq):
            for term, _ in chain if len(chain) > 1 else ():
                alone = _whole_name(term_reader(term.text, notation))
                if alone is not None:
                    valued.add(alone)  # w = 0.5, \hat y = a = \sigma(z): a quantity
    known = set(notation.functions) | set(notation.doc_functions) | set(notation.constants)
    return frozenset(called - valued - known)


def _whole_name(reader: TexReader | None) -> str | None:
    """The name a term is, when it is one name and nothing else."""
    if reader is None:
        return None
    try:
        name, end, power = reader.read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and not power and end == len(reader.toks) else None


def _calls(reader: TexReader) -> set[str]:
    """The names a term writes at a list of several arguments, or applied right after ∂."""
    toks, found = reader.toks, set()
    for j, name, end, power in reader.identifiers():
        if power or end >= len(toks) or toks[end] != "(" or _word_end(reader, j):
            continue
        try:
            inside = toks[end + 1 : reader.match(end)]
        except Unreadable:
            break
        if _several_arguments(inside) or (j > 0 and toks[j - 1] == r"\partial" and arguments(reader, inside)):
            found.add(name)
    return found


#: size commands before a bar that is no separator (an evaluation bar, a norm)
_SIZES = frozenset(r"\big \Big \bigg \Bigg \left \right \middle".split())
#: relations that make a bracket a condition (k = 0, 1, 2), unless a bar makes it a probability's
_RELATIONS = frozenset(("=", "<", ">", r"\le", r"\leq", r"\ge", r"\geq", r"\in", r"\neq", r"\ne"))


def _has_relation(inside: list[str]) -> bool:
    """Does a bracket state a relation at its top level and hold no bar (``P(y = 1 | x)`` does)?"""
    top = [t for t, depth in bracket_depths(inside) if depth == 0]
    return any(t in _RELATIONS for t in top) and not any(t in ("|", r"\mid") for t in top)


def _word_end(reader: TexReader, j: int) -> bool:
    """Is the name at j the last letter of a word typed without its backslash (``max(0, z)``,
    ``Cost(h, y)``, ``xi(t, y)``)? The word is meant, not its letter x, t or i."""
    return j > 0 and re.fullmatch(r"[A-Za-z]", reader.toks[j - 1]) is not None and not reader.spaced[j]


def _several_arguments(inside: list[str]) -> bool:
    """Is a bracket's content a list of two or more arguments, not all of them numbers?"""
    if _has_relation(inside):
        return False  # w_{k2} (k = 0, 1, 2): a condition in brackets, not arguments
    # \bigg|_{\theta = \theta_t}: a value at a point, not a bar between arguments
    marks = [_separating_bar(inside, k) if t == "|" else t for k, t in enumerate(inside)]
    parts = applied_arguments(marks)
    if len(parts) == 1 and inside.count(r"\|") == 1:  # D_{KL}(p \| q)
        k = inside.index(r"\|")
        parts = [inside[:k], inside[k + 1 :]]
    numbers = all(all(t.replace(".", "").isdigit() or t in "-+" for t in part) for part in parts)
    return len(parts) > 1 and all(parts) and not numbers


def _separating_bar(inside: list[str], k: int) -> str:
    """The bar at k, or a blank where it is an evaluation bar (``|_{x = 0}``) or sized (``\big|``)."""
    before, after = inside[k - 1] if k else "", inside[k + 1] if k + 1 < len(inside) else ""
    return " " if after == "_" or before in _SIZES else "|"
