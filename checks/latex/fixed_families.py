r"""Families a definition sums to a written number: ``E_{total} = \sum_{o=1}^{2} \frac12 (d_o - out_o)^2``,
then ``\frac{\partial E_{total}}{\partial out_o} = -(d_o - out_o)``.

A worked example fixes its sizes (two outputs) in the definitions, and its steps then name one
entry by a letter (``out_o``) with no sum of their own. The letter is a free index of the step,
and it runs over the entries the definition has: 1 and 2 here, never 3 (``out_3`` is in no
definition, so a derivative by it would be 0 and a true step would look wrong at o = 3). Only a
family every definition the step uses sums to the same number (2–6) from 1 counts.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.sympy_build import split_name

__all__ = ["fixed_family_letters"]


def fixed_family_letters(norms: list[Any], named: dict[str, Any]) -> tuple[set[str], int | None]:
    """(index letters of the step's names in such families, the number their sums run to);
    (set(), None) when there are none, or the definitions' sums run to different numbers."""
    sizes: dict[tuple[str, str], set[int]] = {}
    for _, norm in named.values():
        for index, start, end in norm.sums.values():
            if start != 1 or not str(end).isdigit() or not 2 <= int(end) <= 6:
                continue
            for name in norm.symbol_names:
                parts = split_name(name)
                if parts and parts[1] == index:
                    sizes.setdefault((parts[0], parts[2]), set()).add(int(end))
    letters: set[str] = set()
    found: set[int] = set()
    for norm in norms:
        for name in {*norm.symbol_names, *norm.derivatives.values()}:
            parts = split_name(name)
            family = (parts[0], parts[2]) if parts else None
            if parts and family in sizes and len(parts[1]) == 1 and parts[1].isalpha():
                letters.add(parts[1])
                found |= sizes[family]
    if not letters or len(found) != 1:
        return set(), None
    return letters, found.pop()
