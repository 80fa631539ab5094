r"""A name whose value writes one entry of a family at an index letter it leaves open.

``L = -z_c + \log \sum_{j=1}^{K} e^{z_j}`` (c the true class), ``L = -\log \hat p_y``, ``E = \frac12 (t -
z_c)^2 + \sum_j z_j``: the value writes z at the letter c and at every j. Read at the sizes a step with
sums is expanded at, each z_j became z_1, z_2 … while z_c stayed a name of its own, so differentiating
L by z_1 lost the -z_c term: ``\frac{\partial L}{\partial z_k} = -\delta_{kc} + \hat p_k`` (right) was
called wrong and ``\frac{\partial L}{\partial z_k} = \hat p_k`` (wrong) ok. The open letter says which
entry; each instance of the step must say it too (:func:`open_entry_letters`): where the step gives it
a value (it writes c: δ_{kc}, ∂/∂z_c), the value is read at that value of c, as the step's own z_c is;
where it does not, the step cannot be read as written (it may hold for one class only), and is unparsed
with that reason rather than judged with z_c as an unrelated name.
"""

from __future__ import annotations

import re

from derive.checks.latex.example_labels import word_subscript
from derive.checks.latex.index_sums import split_name
from derive.checks.latex.normalize import Normalized

__all__ = ["open_entry_letters"]

#: a subscript of index letters only: c, y, ij, i,j (a number or a word is no open index)
_LETTERS = re.compile(r"[A-Za-z](?:,?[A-Za-z]){0,2}")


def open_entry_letters(value: Normalized, step: Normalized) -> set[str]:
    """Index letters of the entries ``value`` writes outside every sum (z_c) whose family the value,
    or the step being read, also writes at another index (z_j under Σ_j, z_1, z_k)."""
    written = {name for name in value.symbol_names} | set(value.derivatives.values())
    written |= set(step.symbol_names) | set(step.derivatives.values())
    families: dict[tuple[str, str], set[str]] = {}
    for name in written:
        parts = split_name(name)
        if parts and parts[1]:
            families.setdefault((parts[0], parts[2]), set()).add(parts[1])
    letters: set[str] = set()
    for name in value.outside:
        parts = split_name(name)
        if not parts or not _LETTERS.fullmatch(parts[1]) or word_subscript(parts[1]):
            continue
        if families.get((parts[0], parts[2]), set()) - {parts[1]}:
            letters |= set(parts[1].replace(",", ""))
    return letters - _bound(value)


def _bound(value: Normalized) -> set[str]:
    """The letters the value's own sums bind."""
    return {index for index, _, _ in value.sums.values()}
