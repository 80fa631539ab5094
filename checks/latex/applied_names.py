r"""A loss or cost written applied to the document's variables is that name.

``J(w_1, w_2, b) = \frac1N\sum_i[…]`` names the cost J of the parameters w_1, w_2, b;
``E(\bm W) = -\frac1N\log P``, then ``\frac{\partial}{\partial w_0}E(\bm W)`` and
``\sum_n E_n(\bm W)``; ``\frac{\partial\ell(Z_{L+1}, y)}{\partial Z_i}`` beside
``\frac{\partial\ell}{\partial Z_{L+1}}``. Students write the argument list to say what the
quantity depends on, not to apply a function to a value: ``X(args)`` reads as the name X when

- every argument is one plain name, and X is never applied to another list of plain names in
  the document (``H(p, q)`` beside ``H(p)``: two quantities, neither is read);
- the list is a parameter list the document writes in a defining form (``X(args) = …`` first in
  a chain, for any name X), or one of its names is one the document differentiates by
  (``\partial Z_{L+1}``);
- the document defines X in that very form, or differentiates X written bare (``\partial\ell``;
  a function written bare, ``g \circ f``, is no loss);
- X is no function the reader knows (the notation's, or the document's own ``f(x) = x^2``,
  which is put in where it is applied; a definition whose value uses a parameter,
  ``f(\mathbf x) = \sigma(\mathbf x)``, makes X a function even where two such definitions
  leave it unread), no argument is the network's input (``o^a_k(\mathbf x)`` is read so
  already), and no argument is a summation index's entry
  (``\sum_i f(x_i)`` is a sum of different values: f(x_i) is not one name).

A near miss is never read this way: ``J(\theta + h)``, ``f(x + 1)`` (an argument that is no
plain name), ``J(a)`` beside ``J(b)`` (two argument lists).
"""

from __future__ import annotations

import re

from derive.checks.latex.applied_uses import DEFINES, arguments, exact_call, term_reader
from derive.checks.latex.extract import Equation
from derive.checks.latex.notation import BUILTIN_NAMES, Notation
from derive.checks.latex.steps import split_chain
from derive.checks.latex.subscripted_functions import uses
from derive.checks.latex.tex_tokens import Unreadable

__all__ = ["find_applied_names"]

#: ``\sum_{i=1}``, ``\sum_i``, ``\prod_{n}``: the letter a sum runs over
_SUM_INDEX = re.compile(r"\\(?:sum|prod)\s*(?:\\limits\s*)?_\s*\{?\s*\\?([A-Za-z]+)")


def _uses(text: str, notation: Notation) -> tuple[list[tuple[str, tuple[str, ...] | None]], set[str]]:
    """(applied uses: (name, plain argument names or None), names written bare after ∂ or d)
    in one term."""
    reader = term_reader(text, notation)
    applied: list[tuple[str, tuple[str, ...] | None]] = []
    by: set[str] = set()
    if reader is None:
        return applied, by
    toks = reader.toks
    for j, name, end, power in reader.identifiers():
        if end < len(toks) and toks[end] == "(" and not power:
            try:
                close = reader.match(end)
            except Unreadable:
                return applied, by
            applied.append((name, arguments(reader, toks[end + 1 : close])))
            if j > 0 and toks[j - 1] in (r"\partial", "d"):
                by.add(name)  # ∂J(W)/∂W_{ij}: J is differentiated, written with what it depends on
        elif j > 0 and toks[j - 1] in (r"\partial", "d"):
            by.add(name)
    return applied, by


def _defining_form(text: str, notation: Notation) -> tuple[str, tuple[str, ...]] | None:
    """(name, parameters) of a term that is exactly ``X(p_1, …, p_n)`` of plain names."""
    call = exact_call(text, notation)
    params = arguments(call[2], call[1]) if call is not None else None
    return (call[0], params) if call is not None and params else None


#: a name, or a name in a font group, with its scripts, before a bracket: maybe an application
_BEFORE_BRACKET = re.compile(
    r"(\\[A-Za-z]+\s*\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])\s*(?:[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)*(?:\\left\s*)?\("
)
#: commands before a bracket that never apply a name of the document
_NOT_NAMES = frozenset(
    r"\left \right \big \Big \bigg \Bigg \frac \sqrt \log \ln \exp".split()
    + r"\sin \cos \tan \tanh \max \min \det \sum \prod".split()
)
#: a derivative mark: ∂, or a d before a name
_DERIVATIVE = re.compile(r"\\partial|(?<![A-Za-z\\])d\s*(?:\\?[A-Za-z{(])")


def _may_apply(text: str, notation: Notation) -> bool:
    """Does the term write anything but a known function before a bracket?"""
    for m in _BEFORE_BRACKET.finditer(text):
        head = m.group(1)
        if head in _NOT_NAMES or head in notation.functions:
            continue
        return True
    return False


def _known_function(name: str, notation: Notation) -> bool:
    return (
        name in notation.functions
        or name in notation.doc_functions
        or name in notation.doc_calls
        or name in notation.constants
        or (len(name) > 1 and name.lower() in BUILTIN_NAMES)
        or re.split(r"[_^]", name, maxsplit=1)[0] in notation.softmax_names
    )


def _indexed_by_sum(params: tuple[str, ...], sum_letters: set[str]) -> bool:
    """Does an argument carry a summation index (``x_i`` of ``\\sum_i``, ``x^{(n)}``), or is it
    one (``E(t)`` of ``\\sum_t E(t)``: a value at every t)?"""
    for p in params:
        if p in sum_letters:
            return True
        scripts = re.split(r"[_^]", p, maxsplit=1)[1:]
        if scripts and set(re.findall(r"\\?[A-Za-z]+", scripts[0])) & sum_letters:
            return True
    return False


def find_applied_names(equations: list[Equation], notation: Notation, text: str) -> dict[str, tuple[str, ...]]:
    """name → the one argument list at which the document writes it as that name (see the
    module's rules)."""
    lists: dict[str, set[tuple[str, ...]]] = {}
    by: set[str] = set()
    defined: set[tuple[str, tuple[str, ...]]] = set()
    functions: set[str] = set()
    terms = [
        (k, term, relation, chain)
        for eq in equations
        for chain in split_chain(eq)
        for k, (term, relation) in enumerate(chain)
    ]
    for k, term, relation, chain in terms:
        if not _may_apply(term.text, notation):
            continue  # no name before a bracket but known functions' (\sigma(x), \log(…)): nothing to read
        applied, _ = _uses(term.text, notation)
        for name, args in applied:
            if args is not None:
                lists.setdefault(name, set()).add(args)
        form = _defining_form(term.text, notation) if k == 0 and relation in DEFINES else None
        if form is not None and len(chain) > 1 and chain[1][0].text.strip():
            defined.add(form)
            if any(uses(chain[1][0].text, p, notation) for p in form[1]):
                functions.add(form[0])  # f(\mathbf x) = \sigma(\mathbf x): a function of its parameter
    if not lists:
        return {}
    for _, term, _, _ in terms:
        if _DERIVATIVE.search(term.text):
            by |= _uses(term.text, notation)[1]
    parameter_lists = {params for _, params in defined}
    by_bases = {re.split(r"[_^]", b, maxsplit=1)[0] for b in by}
    sum_letters = set(_SUM_INDEX.findall(text))
    found: dict[str, tuple[str, ...]] = {}
    for name, seen in lists.items():
        if len(seen) != 1 or _known_function(name, notation) or name in functions:
            continue
        (args,) = seen
        if name in args or _indexed_by_sum(args, sum_letters) or all(a in notation.inputs for a in args):
            continue  # o^a_k(\mathbf x), at the network's input, is the reader's already
        # an argument differentiated by, or one of its entries or labelled parts (∂W_{ij}^{(out)})
        variables = args in parameter_lists or any(a in by or a in by_bases for a in args)
        # bare, a loss is differentiated (∂ℓ, dJ); a function written bare (g ∘ f) is not read
        if variables and ((name, args) in defined or name in by):
            found[name] = args
    return found
