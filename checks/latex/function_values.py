r"""Functions the document defines, used as values: the habit of every ML write-up of defining a
function with its parameters and then writing it bare, at its own parameters, or by its value.

- **Bare, at its own parameters**: after ``J(\theta) = -\frac1m\sum_i(…)``, a bare ``J``
  (``\frac{\partial J}{\partial\theta_0}``) is J at its own parameter, i.e. its body as written;
  the parameters' own definitions are followed where the body uses them. Only where the name
  has no other value in the document (no ``J = …`` of its own: which one would be meant?) and
  the body can be read. Functions of several parameters and subscripted names
  (``h_\theta``) already read so (:mod:`function_calls`); this extends it to every function.
- **Defined at expressions**: ``\text{Cost}(h_\theta(x^{(i)}), y^{(i)}) = -y^{(i)}\log(…) - …``
  defines Cost at those arguments; written again at exactly the same arguments (token for token,
  spaces aside) it is that body. At any other argument it is not read (which parameter is which
  is not said).
- **By its value**: ``\frac{\partial}{\partial h_\theta}\log(h_\theta(x^{(i)}))`` is the derivative
  by the value h_θ(x^{(i)}): the applications of the function in the operand are one variable
  while differentiating, and the value is put in afterwards. Every application in the operand
  must have the same argument (the bare name counts as its own parameters), and that argument
  must not change with the index of a sum inside the operand (``\partial J/\partial L`` of
  ``J = \sum_i L(a^{(i)}, y^{(i)})`` differentiates by m different values); otherwise the
  derivative is not read, with the reason.

A function applied at a different argument stays the body with that argument put in (as before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from derive.checks.latex.extract import Equation
from derive.checks.latex.function_uses import one_name, word_reader
from derive.checks.latex.notation import BUILTIN_NAMES, Notation
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import TexReader, Unreadable, split_at_top_commas

if TYPE_CHECKING:
    from derive.checks.latex.own_functions import NewFunction

__all__ = ["two_valued", "with_function_values"]

_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv", r"\doteq")
_ANY = "\x00"  # a parameter no name is: definable() then judges the function's name alone
_SEPARATOR = "\x1f"  # function_calls.PARAMETER_SEPARATOR (not imported: function_calls imports this module)
#: a word in a text font heading a term: \text{Cost}(…), \mathrm{Loss}(…)
_NOT_WORDS = {"softmax", "diag", "tr", "trace", "prod", "onehot", "sgn", "argmax", "argmin", "if", "for", "and"}
_WORD_CALL = re.compile(r"\s*\\(?:text|mathrm|operatorname|textrm|mathit)\s*\{\s*([A-Za-z]{2,})\s*\}\s*\(")


# --- finding: functions defined at expressions, and which bare names are values -------------


@dataclass(frozen=True)
class _CallDefinition:
    line: int
    column: int
    name: str
    args: tuple[tuple[str, ...], ...]
    body: str


def _call_head(text: str, notation: Notation) -> tuple[str, tuple[tuple[str, ...], ...], bool] | None:
    """(name, argument tokens, whether every argument is a plain name) of a term that is exactly
    ``name(a_1, …, a_n)`` with a name that could be the document's own function, each argument a
    name or a name applied to something (``h_\\theta(x^{(i)})``), else None: arithmetic in an
    argument (``f(wx) = 2``, ``g(2t) = 8t^3``) states a value at a point, not a definition."""
    try:
        reader = word_reader(text, notation)
        if not reader.toks:
            return None
        name, k, power = reader.read_identifier(0)
        if name is None or power or reader.toks[k : k + 1] != ["("] or reader.match(k) != len(reader.toks) - 1:
            return None
        args = split_at_top_commas(reader.toks[k + 1 : -1])
        plain = all(one_name(a, notation) is not None for a in args)
        if not all(a and (one_name(a, notation) is not None or _applied_name(a, notation)) for a in args):
            return None
    except Unreadable:
        return None
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    known = name in notation.functions or base.lower() in BUILTIN_NAMES or name in notation.constants
    if not all(args) or known or base in (r"\sum", r"\prod", r"\log", r"\exp", r"\max", r"\min"):
        return None
    return name, tuple(tuple(a) for a in args), plain


def _applied_name(toks: list[str], notation: Notation) -> bool:
    """Are ``toks`` exactly a name applied to one bracket (``h_\\theta(x^{(i)})``)?"""
    reader = TexReader(toks, [False] * len(toks), notation)
    name, k, power = reader.read_identifier(0)
    return name is not None and not power and toks[k : k + 1] == ["("] and reader.match(k) == len(toks) - 1


def _mentions_name(body: str, name: str, notation: Notation) -> bool:
    reader = word_reader(body, notation)
    j = 0
    while j < len(reader.toks):
        try:
            found, end, _ = reader.read_identifier(j)
        except Unreadable:
            return True  # not read: err on "it may mention itself"
        if found == name:
            return True
        j = end if found is not None else j + 1
    return False


def _heads(equations: list[Equation], notation: Notation) -> dict[str, list[tuple[_CallDefinition, bool]]]:
    """Every formula that starts ``name(…) = value``, by name, with whether its arguments are plain names."""
    found: dict[str, list[tuple[_CallDefinition, bool]]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            (first, relation), (second, _) = chain[0], chain[1]
            body = second.text.strip()
            head = _call_head(first.text, notation) if relation in _DEFINES and body else None
            if head is not None:
                name, args, plain = head
                found.setdefault(name, []).append(
                    (_CallDefinition(second.line, second.column, name, args, body), plain)
                )
    return found


def _one_meaning(defs: list[tuple[_CallDefinition, bool]]) -> bool:
    return len({(d.args, "".join(d.body.split())) for d, _ in defs}) == 1


def _call_definitions(
    heads: dict[str, list[tuple[_CallDefinition, bool]]], notation: Notation
) -> list[_CallDefinition]:
    """Every ``name(expressions) = body`` of a name that heads no other formula: a name written
    first in several formulas at different arguments or with different values (``g(z) = z^2``,
    ``g(2t) = 8t^3``) states claims about g, and is left out; so is a body that mentions the name."""
    out: list[_CallDefinition] = []
    for name, defs in heads.items():
        first, plain = defs[0]
        if not plain and _one_meaning(defs) and not _mentions_name(first.body, name, notation):
            out.append(first)
    return out


def _reached_functions(
    heads: dict[str, list[tuple[_CallDefinition, bool]]], notation: Notation, plain: dict[str, str]
) -> list[_CallDefinition]:
    """Functions of several parameters whose value reaches them only through the document's
    definitions or functions (``J(w, b) = \\frac1m\\sum_i L(\\hat y^{(i)}, y^{(i)})`` with ``\\hat y^{(i)} =
    \\sigma(z^{(i)})``, ``z^{(i)} = w x^{(i)} + b``; multi_functions wants a parameter in the value
    itself), or whose parameters are entries (``J(\\theta_0, \\theta_1) = \\frac{1}{2m}\\sum_i
    (h_\\theta(x^{(i)}) - y^{(i)})^2``). ``f(x_1, x_2) = 3`` reaches none: a value, not a function."""
    from derive.checks.latex.function_calls import names_in
    from derive.checks.latex.subscripted_functions import definable

    out: list[_CallDefinition] = []
    for name, defs in heads.items():
        first, is_plain = defs[0]
        params = [one_name(list(a), notation) or "" for a in first.args]
        if not is_plain or len(params) < 2 or len(set(params)) != len(params) or name in notation.doc_functions:
            continue
        # parameters may be entries here (J(\theta_0, \theta_1)): the value must reach them anyway
        if name in notation.definitions or not definable(name, _ANY, notation) or name in params:
            continue  # the notation's own loss (L of o^s) keeps the notation's meaning
        if not _one_meaning(defs) or _mentions_name(first.body, name, notation):
            continue
        if _reaches(names_in(first.body, notation), set(params), plain, notation):
            out.append(first)
    return out


def _reaches(names: set[str], params: set[str], plain: dict[str, str], notation: Notation) -> bool:
    """Do these names, followed through the document's plain definitions and the bodies of its
    functions (h_\\theta(x^{(i)}) of h_\\theta(x) = \\theta_0 + \\theta_1 x), reach a parameter?"""
    from derive.checks.latex.function_calls import names_in

    seen: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in params:
            return True
        value = plain.get(name) or notation.doc_functions.get(name, ("", ""))[1]
        if name in seen or not value:
            continue
        seen.add(name)
        todo += names_in(value, notation)
    return False


def _heading_words(equations: list[Equation]) -> set[str]:
    """Words that head a definition as a function (``\\text{Cost}(…) = …``): names, not prose."""
    words: set[str] = set()
    for equation in equations:
        for chain in split_chain(equation):
            (first, relation), _ = chain[0], chain[1]
            m = _WORD_CALL.match(first.text)
            if (
                relation in _DEFINES
                and m
                and m.group(1).lower() not in _NOT_WORDS
                and m.group(1).lower() not in BUILTIN_NAMES
            ):
                words.add(m.group(1))
    return words


def _plain_values(equations: list[Equation], notation: Notation) -> dict[str, str]:
    """The document's plain definitions (``z^{(i)} = w x^{(i)} + b``): name → value."""
    from derive.checks.latex.doc_definitions import find_definitions

    return {d.name: d.rhs for d in find_definitions("", notation, equations=equations)}


def _bare_functions(equations: list[Equation], notation: Notation) -> frozenset[str]:
    """One-parameter functions whose bare name is their value at their own parameter: the name
    has no plain value of its own in the document, and the body can be read."""
    from derive.checks.latex.normalize import normalize

    plain = _plain_values(equations, notation)
    out: set[str] = set()
    for name, (param, body) in notation.doc_functions.items():
        if _SEPARATOR in param or name in plain:
            continue
        if not normalize(body, notation).problems:
            out.add(name)
    return frozenset(out)


def with_function_values(
    equations: list[Equation], notation: Notation, functions: list[NewFunction]
) -> tuple[Notation, list[NewFunction]]:
    """The notation with the functions defined at expressions and the bare names that are values;
    and the definitions to mark as such (their first link is a definition, not a step)."""
    from derive.checks.latex.own_functions import NewFunction

    # a word heading such a definition (\text{Cost}(…) = …) is a name, only where it is one
    words = _heading_words(equations) - set(notation.functions) - notation.word_names
    trial = replace(notation, word_names=notation.word_names | frozenset(words))
    heads = _heads(equations, trial)
    calls = [c for c in _call_definitions(heads, trial) if c.name not in notation.doc_functions]
    named = frozenset(c.name for c in calls) & words
    notation = replace(
        notation, word_names=notation.word_names | named, doc_calls={c.name: (c.args, c.body) for c in calls}
    )
    reached = _reached_functions(heads, notation, _plain_values(equations, notation))
    joined = {f.name: (_SEPARATOR.join(one_name(list(a), notation) or "" for a in f.args), f.body) for f in reached}
    notation = replace(notation, doc_functions={**notation.doc_functions, **joined})
    notation = replace(notation, bare_functions=_bare_functions(equations, notation))
    marked = [NewFunction(c.line, c.column, c.name, "", c.body) for c in calls]
    marked += [NewFunction(f.line, f.column, f.name, joined[f.name][0], f.body) for f in reached]
    return notation, functions + marked


def two_valued(notation: Notation, plain: dict[str, str]) -> frozenset[str]:
    """Names the document defines as a function and also gives a different plain value
    (``J(\\theta) = …`` and ``J = 5\\theta_1``; ``plain``: name → value): written bare, either could
    be meant, so such a name is judged as a free symbol (a step that holds for every value is ok,
    any other is not judged). The same value written again (``J = …`` restating the body) is one."""
    bodies = {name: body for name, (_, body) in notation.doc_functions.items()}
    bodies.update({name: body for name, (_, body) in notation.doc_calls.items()})
    return frozenset(
        name
        for name, value in plain.items()
        if name in bodies and "".join(value.split()) != "".join(bodies[name].split())
    )
