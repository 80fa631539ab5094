r"""Entries of a vector the document defines by an entry-wise function: ``\mathbf p =
\text{softmax}(\mathbf z)`` also says ``p_k = e^{z_k} / \sum_m e^{z_m}``, and ``h = \sigma(z)``
says ``h_k = \sigma(z_k)``.

A step written in entries (``\partial\mathcal L/\partial z_k = p_k - y_k`` with ``\mathcal L =
-\sum_k y_k \log p_k``) reaches ``z_k`` only through these entries; without them the derivative
is "of something that does not contain z_k". The entries are added as a family definition
(``p_{k}``) at the vector's definition, so only steps after it use them.

Left out (the entries could mean something else, so nothing is guessed):
- a vector whose name has a subscript (``z_1 = x W_1 + b_1`` names a layer, not an entry);
- a vector of which the document defines an entry itself (``p_1 = 0.3``, ``p_j = \ldots``), an
  argument of which it defines a numbered name (``z_1 = x W_1 + b_1``: a layer), or either
  defined twice;
- a function the document applies and then indexes (``\sigma(\mathbf z)_i``: its σ is the
  softmax, not entry-wise) or writes with a subscript (``\text{LeakyReLU}_\alpha``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.sympy_build import split_name

from derive.errors import DeriveError

__all__ = ["entry_definitions"]

_SOFTMAX = re.compile(r"(?:\\(?:text|mathrm|operatorname|textrm)\s*\{\s*softmax\s*\}|softmax)\s*")
#: entry-wise functions every reader knows beside the notation's
_ELEMENTWISE_TEX = (r"\tanh",)
#: what may follow the closing bracket of a definition's value: punctuation and spacing
_TRAILER = re.compile(r"(?:\s|[.,;]|\\space|\\[,;:!]|\\quad|\\qquad)*")
#: the family letter and the sum's bound letter of the entries written here
_LETTER, _BOUND = "k", "m"


def _plain(text: str, notation: Notation) -> tuple[str, str, str] | None:
    """(base, label, canonical name) of a name with no subscript, or None."""
    try:
        name = identifier_name(text.strip(), notation=notation)
    except DeriveError:
        return None
    if name in notation.functions or name in notation.constants:
        return None
    parts = split_name(name)
    if parts is None or parts[1]:
        return None
    return parts[0], parts[2], name


def _entry(base: str, label: str, letter: str) -> str:
    return f"{base}_{{{letter}}}" + (f"^{{{label}}}" if label else "")


def _argument(rest: str) -> str | None:
    """The text inside ``( … )`` or ``\\left( … \\right)`` that is all of ``rest`` (bar trailers)."""
    m = re.fullmatch(r"\s*(?:\\left\s*)?\((?P<arg>[^()]*)(?:\\right\s*)?\)" + _TRAILER.pattern, rest)
    return m.group("arg") if m else None


def _function(rhs: str, notation: Notation) -> tuple[str, str, str] | None:
    """(kind, function LaTeX, argument LaTeX) of a value ``F(arg)``: kind is ``softmax`` or
    ``elementwise``."""
    m = _SOFTMAX.match(rhs.strip())
    if m:
        arg = _argument(rhs.strip()[m.end() :])
        return ("softmax", "", arg) if arg is not None else None
    text = rhs.strip()
    for key, meaning in notation.functions.items():
        for spelled in _spellings(key):
            if text.startswith(spelled) and not text[len(spelled) : len(spelled) + 1].isalpha():
                arg = _argument(text[len(spelled) :])
                if arg is None:
                    return None
                return ("softmax" if meaning == "softmax" else "elementwise", spelled, arg)
    for key in _ELEMENTWISE_TEX:
        if text.startswith(key) and not text[len(key) : len(key) + 1].isalpha():
            arg = _argument(text[len(key) :])
            return ("elementwise", key, arg) if arg is not None else None
    return None


def _spellings(key: str) -> Iterable[str]:
    """How a document writes a notation function: ``\\sigma``; ``\\text{ReLU}``, ``ReLU``."""
    if key.startswith("\\"):
        return (key,)
    return tuple(f"\\{font}{{{key}}}" for font in ("text", "mathrm", "operatorname", "textrm")) + (key,)


def _indexed_somewhere(text: str, spelled_as: str) -> bool:
    """Does the document index this function's value (``\\sigma(\\mathbf z)_i``) or write the
    function with a subscript (``\\sigma_i(z)``)? Then it is not entry-wise."""
    key = re.sub(r"^\\[a-z]+\{(.*)\}$", r"\1", spelled_as)
    spelled = "|".join(re.escape(s) for s in {*_spellings(key), spelled_as, "\\" + key})
    after_call = re.search(rf"(?:{spelled})\s*(?:\\left\s*)?\([^()]*(?:\\right\s*)?\)\s*_", text)
    subscripted = re.search(rf"(?:{spelled})\s*_", text)
    return bool(after_call or subscripted)


def entry_definitions(defs: list, notation: Notation, text: str, twice: set[str]) -> list:
    """Family definitions of the entries of vectors defined by an entry-wise function (see the
    module docstring); ``defs`` are the document's definitions (doc_definitions.Definition),
    ``twice`` the names it defines more than once, ``text`` all of its math."""
    subscripted = {(p[0], p[2]) for d in defs if (p := split_name(d.name)) and p[1]}
    # z_1 = x W_1 + b_1 names a layer; z_k = \sum_j W_{kj} h_j + b_k defines the entries themselves
    numbered = {(p[0], p[2]) for d in defs if (p := split_name(d.name)) and p[1] and not d.letters}
    found = []
    for d in defs:
        vector = _plain(d.name, notation)
        value = _function(d.rhs, notation) if vector else None
        if vector is None or value is None or d.name in twice:
            continue
        kind, key, arg_text = value
        argument = _plain(arg_text, notation)
        if argument is None or argument[2] == vector[2] or argument[2] in twice:
            continue
        if (vector[0], vector[1]) in subscripted or (argument[0], argument[1]) in numbered:
            continue  # the document defines the entries itself, or names layers z_1
        if kind == "elementwise" and _indexed_somewhere(text, key):
            continue
        z = _entry(argument[0], argument[1], _LETTER)
        if kind == "softmax":
            rhs = rf"\frac{{e^{{{z}}}}}{{\sum_{{{_BOUND}}} e^{{{_entry(argument[0], argument[1], _BOUND)}}}}}"
        else:
            rhs = rf"{key}({z})"
        name = _entry(vector[0], vector[1], _LETTER)
        found.append(replace(d, name=name, rhs=rhs, letters=_LETTER))
    return found
