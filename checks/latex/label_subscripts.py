r"""Index families, and subscripts that label rather than index: which letters of a name index
a family (a_{j}: "j"; E_{total} is one name), whether a family's value is written in its index
alone, and when subscripts label: ``A_h = X W_h + b_h`` (the hidden layer) and ``A_o = O_h W_o
+ b_o`` (the output layer) define two quantities, not one family A_i at i = h and i = o.

A family defined by a formula in its index letter (``a_j = \sigma(z_j)``) is one definition for
every value of the letter. Where a document defines the same base under two different letters
with different formulas, the letters name different things (layers, roles: Bishop's δ_k of the
output units and δ_j of the hidden ones), and reading both as one index merges them (at h = o = 1,
A_o's definition would be A_h's). Such definitions are fixed names. The same formula restated
with another letter (``a_j = σ(z_j)``, later ``a_i = σ(z_i)``) stays a family.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, TypeVar

from derive.checks.latex.normalize import Normalized
from derive.checks.latex.tex_names import GREEK

__all__ = ["INDEX_LETTERS", "family_letters", "index_only_value", "labelled_families"]

#: "for i = 1 … n", "i = j": index letters are conditions and ranges, never defined names.
INDEX_LETTERS = frozenset({"i", "j", "k", "l", "n"})

D = TypeVar("D")


def family_letters(name: str) -> str:
    m = re.search(r"_\{([A-Za-z,]+)\}", name)
    letters = m.group(1).replace(",", "") if m else ""
    # E_{total}, L_{train}, y_{pred}: a word labels one quantity; index letters never repeat
    # in a family's name and are at most three (W_{ijk})
    return "" if len(letters) > 3 or len(set(letters)) < len(letters) else letters


def index_only_value(value: Normalized, letters: str) -> bool:
    """Is this value written in the family's index letters alone (``e^j / \\sum_i e^i`` for
    ``p_j``): no name besides the index and the indices its own sums bind (e is a constant;
    a Greek letter applied, ``\\sigma(j)``, counts as a name)?"""
    bound = {index for index, _, _ in value.sums.values()}
    names = set(value.symbol_names) | {f for f, _ in value.calls if f[1:] in GREEK}
    return bool(names & set(letters)) and names <= set(letters) | bound


def _base(name: str) -> str:
    r"""The family a name belongs to, its index letters aside: z_{j}^{\ell} and z_{i}^{\ell} are
    one family, z_{ij}^{\ell} (two indices, a convolution's) another."""
    return re.sub(r"_\{([A-Za-z,]+)\}", lambda m: "_{" + "#" * len(m.group(1).replace(",", "")) + "}", name, count=1)


def _renamed(rhs: str, letters: str) -> str:
    r"""The formula with its family's letters in subscripts replaced by one placeholder each, and
    the indices its sums bind by placeholders in the order they are bound: ``\frac1N \sum_{i=1}^N
    x_{i,j}`` (of μ_j) and ``\frac1N \sum_{n=1}^N x_{nd}`` (of μ_d) are one formula, restated. A
    subscript of single letters is one index tuple whether commas part them or not (x_{i,j} is
    x_{ij}); any other difference keeps the two formulas apart."""
    bound = list(dict.fromkeys(re.findall(r"\\sum\s*_\s*\{?\s*([A-Za-z])(?![A-Za-z])", rhs)))
    out = re.sub(r"\s+", "", rhs)
    out = re.sub(r"_\{([A-Za-z0-9](?:,[A-Za-z0-9])+)\}", lambda m: "_{" + m.group(1).replace(",", "") + "}", out)
    renames = {letter: f"#{n}" for n, letter in enumerate(letters)}
    renames.update({letter: f"@{n}" for n, letter in enumerate(bound) if letter not in renames})
    if not renames:
        return out

    def subscript(m: re.Match[str]) -> str:
        body = m.group(1) if m.group(1) is not None else m.group(2)
        if not re.fullmatch(r"[A-Za-z0-9]+(=.*)?", body):
            return m.group(0)  # a word or a formula in the subscript: left as written
        head, equals, rest = body.partition("=")
        head = "".join(renames.get(c, c) for c in head)
        return "_{" + head + (f"={rest}" if equals else "") + "}"

    return re.sub(r"_(?:\{([^{}]*)\}|([A-Za-z0-9]))", subscript, out)


def labelled_families(defs: list[D]) -> list[D]:
    """The definitions, those of a base defined under two letters by different formulas made
    fixed names (their ``letters`` emptied). ``defs``: doc_definitions.Definition (any object
    with ``name``, ``rhs`` and ``letters``)."""
    by_base: dict[str, list[Any]] = {}
    for d in defs:
        if d.letters:  # type: ignore[attr-defined]
            by_base.setdefault(_base(d.name), []).append(d)  # type: ignore[attr-defined]
    labels = {
        base
        for base, found in by_base.items()
        if len({d.letters for d in found}) > 1 and len({_renamed(d.rhs, d.letters) for d in found}) > 1
    }
    return [replace(d, letters="") if d.letters and _base(d.name) in labels else d for d in defs]  # type: ignore
