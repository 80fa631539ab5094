r"""Subscripts that label, not index: ``A_h = X W_h + b_h`` (the hidden layer) and ``A_o = O_h W_o
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

__all__ = ["labelled_families"]

D = TypeVar("D")


def _base(name: str) -> str:
    r"""The family a name belongs to, its index letters aside: z_{j}^{\ell} and z_{i}^{\ell} are
    one family, z_{ij}^{\ell} (two indices, a convolution's) another."""
    return re.sub(r"_\{([A-Za-z,]+)\}", lambda m: "_{" + "#" * len(m.group(1).replace(",", "")) + "}", name, count=1)


def _renamed(rhs: str, letters: str) -> str:
    """The formula with its family's letters in subscripts replaced by one placeholder each."""
    out = rhs
    for n, letter in enumerate(letters):
        out = re.sub(r"_\{?\s*" + re.escape(letter) + r"\s*\}?(?![A-Za-z])", f"_{{#{n}}}", out)
    return re.sub(r"\s+", "", out)


def labelled_families(defs: list[D]) -> list[D]:
    """The definitions, those of a base defined under two letters by different formulas made
    fixed names (their ``letters`` emptied)."""
    by_base: dict[str, list[Any]] = {}
    for d in defs:
        letters = getattr(d, "letters", "")
        if letters:
            by_base.setdefault(_base(d.name), []).append(d)  # type: ignore[attr-defined]
    labels: set[str] = set()
    for base, found in by_base.items():
        written = {d.letters for d in found}
        formulas = {_renamed(d.rhs, d.letters) for d in found}
        if len(written) > 1 and len(formulas) > 1:
            labels.add(base)
    if not labels:
        return defs
    return [replace(d, letters="") if getattr(d, "letters", "") and _base(d.name) in labels else d for d in defs]  # type: ignore[type-var]
