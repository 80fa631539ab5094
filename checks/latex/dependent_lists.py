r"""Which names the document writes at its variables but never gives a value
(:mod:`derive.checks.latex.dependent_names` reads them as unknown functions of those variables).

Of the names :mod:`derive.checks.latex.applied_names` reads at their one argument list (``J(w, b)``,
``h(x, y)``), and the losses the extractor writes bare for theirs (``\ell(w, b)``:
:mod:`derive.checks.latex.fixed_arguments`), those

- the document never defines: no chain holds the name, bare or at its arguments, then a
  defining relation and a value (``J(w, b) = …`` puts its value in, which says the rest), and the notation
  gives it no value;
- the document differentiates by its arguments, or by entries of them, only
  (``\frac{\partial h(x, y)}{\partial x}``; ``E(\mathbf w)`` by w_0 and w_1 is then a function of
  w, w_0 and w_1: of those entries and of the rest of w).
  ``\frac{\partial C(w)}{\partial w_i}`` or ``\frac{\partial C(w)}{\partial \hat y}`` says C
  depends on more than its list as written (on ŷ, which depends on w): such a name keeps its
  reading as a bare name, whose dependence the document's derivatives imply
  (unstated_dependence);
- the document never differentiates by (``x(\theta)`` beside ``\partial J/\partial x``: x is a
  variable) nor gives a value as a derivative's operand (``\frac{\partial R}{\partial w} =
  \frac{\partial}{\partial w} \frac12 \|w\|^2``: R is ½‖w‖², as defined_operands reads it).
"""

from __future__ import annotations

import re

from derive.checks.latex.applied_uses import DEFINES, arguments, exact_call, term_reader
from derive.checks.latex.extract import Equation
from derive.checks.latex.fixed_arguments import fixed_argument_lists
from derive.checks.latex.notation import Notation
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import TexReader, Unreadable

__all__ = ["find_dependent_names", "fixed_dependences"]

#: a fraction's command: \frac{∂X}{∂v}
_FRACTIONS = (r"\frac", r"\dfrac", r"\tfrac")
#: a derivative's mark before the name differentiated or the variable
_MARKS = (r"\partial", "d")


def _leading_name(toks: list[str], notation: Notation) -> str | None:
    """The name the tokens start with (its scripts but no power), or None."""
    if not toks:
        return None
    try:
        name, _, power = TexReader(toks, [False] * len(toks), notation).read_identifier(0)
    except Unreadable:
        return None
    return name if power is None else None


def _derivative_pairs(text: str, notation: Notation) -> set[tuple[str, str]]:
    """(X, v) for each ``\frac{\\partial X…}{\\partial v}`` and ``\frac{\\partial}{\\partial v} X``
    the term writes."""
    reader = term_reader(text, notation)
    pairs: set[tuple[str, str]] = set()
    if reader is None:
        return pairs
    toks = reader.toks
    for i, t in enumerate(toks):
        if t not in _FRACTIONS:
            continue
        try:
            top, j = reader.read_arg(i + 1)
            bottom, k = reader.read_arg(j)
        except Unreadable:
            continue
        if not top or top[0] not in _MARKS or len(bottom) < 2 or bottom[0] not in _MARKS:
            continue
        var = _leading_name(bottom[1:], notation)
        name = _leading_name(top[1:], notation) if len(top) > 1 else _leading_name(toks[k:], notation)
        if var is not None and name is not None:
            pairs.add((name, var))
    return pairs


def _defined_name(text: str, notation: Notation) -> str | None:
    """The name a chain's first term defines: ``J(w, b)`` or bare ``J``; None for anything else."""
    call = exact_call(text, notation)
    if call is not None:
        return call[0]
    reader = term_reader(text, notation)
    if reader is None or not reader.toks:
        return None
    try:
        name, end, power = reader.read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and power is None and end == len(reader.toks) else None


def find_dependent_names(
    equations: list[Equation], notation: Notation, applied: dict[str, tuple[str, ...]]
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Of the names read at their argument list (``applied``), those the document never gives a
    value: name → (that list, the variables it depends on: the list and the entries of it the
    document differentiates by)."""
    if not applied:
        return {}
    valued = set(notation.definitions) | set(notation.doc_functions)
    for eq in equations:
        for chain in split_chain(eq):
            valued |= _operand_values(chain, notation)
            # J(w, b) = …, or x_1 = g_2(x_2) = \frac{c}{x_2}: a term that is the name, then its value
            for (term, relation), (after, _) in zip(chain, chain[1:], strict=False):
                name = _defined_name(term.text, notation) if relation in DEFINES and after.text.strip() else None
                if name is not None:
                    valued.add(name)
    pairs = {
        pair
        for eq in equations
        for chain in split_chain(eq)
        for term, _ in chain
        for pair in _derivative_pairs(term.text, notation)
    }
    # a variable the document differentiates by (x in ∂J/∂x beside x(θ)) is no function of others
    variables = {var for _, var in pairs}
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for name, args in applied.items():
        beyond = {var for of, var in pairs if of == name and var not in args}
        entries = tuple(sorted(var for var in beyond if _entry_of(var, args)))
        # differentiated by what its list does not hold (∂C(w)/∂ŷ): more than its list says
        if name not in valued and name not in variables and len(entries) == len(beyond):
            found[name] = (args, args + entries)  # E(\mathbf w) by w_0: a function of w_0 and of the rest of w
    return found


#: a vector's font around its letter: \mathbf{w}, \bm{w}, \boldsymbol{\theta}, \vec{w}
_VECTOR_FONT = re.compile(r"\\(?:mathbf|bm|boldsymbol|vec|pmb|bf|underline|overline)\{(.+)\}")


#: an operator derivative: \frac{\partial}{\partial v} …
_OPERATOR = re.compile(r"\s*\\[dt]?frac\s*\{\s*(?:\\partial|d)\s*\}")


def _operand_values(chain: list, notation: Notation) -> set[str]:
    r"""Names a chain gives a value as a derivative's operand: ``\frac{\partial R}{\partial w} =
    \frac{\partial}{\partial w} \frac12 \|w\|^2`` says R is ½‖w‖² (defined_operands reads it so)."""
    found = set()
    for (term, _), (after, _) in zip(chain, chain[1:], strict=False):
        pairs = _derivative_pairs(term.text, notation)
        if len(pairs) == 1 and _OPERATOR.match(after.text) and not _OPERATOR.match(term.text):
            found.add(next(iter(pairs))[0])
    return found


def _entry_of(var: str, args: tuple[str, ...]) -> bool:
    r"""Is ``var`` an entry of one of the arguments (w_0 of \mathbf{w} or of w, \theta_j of \theta)?"""
    base, sep, _ = var.partition("_")
    if not sep or "^" in base:
        return False
    vectors = {m.group(1) if (m := _VECTOR_FONT.fullmatch(a)) else a for a in args}
    return base in vectors


def fixed_dependences(text: str, notation: Notation) -> dict[str, tuple[str, ...]]:
    r"""The losses the extractor writes bare for their one argument list (fixed_arguments:
    ``\ell(w, b)`` as ℓ), each with that list where it is plain names: what the loss depends on,
    for :func:`find_dependent_names` (a loss the document defines keeps its value)."""
    found: dict[str, tuple[str, ...]] = {}
    for read_as, written in fixed_argument_lists([text]).values():
        reader = term_reader(written, notation) if written else None
        args = arguments(reader, reader.toks) if reader is not None else None
        if args and read_as not in args:
            found[read_as] = args
    return found
