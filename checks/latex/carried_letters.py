r"""Index letters a family's value shares with the step that uses it: the per-example loss of a delta.

Bishop's notes define ``\delta_j \equiv \frac{\partial E_n}{\partial a_j}`` and then write
``\frac{\partial E_n}{\partial w_{ji}} = \delta_j z_i``. The family δ has one letter of its own (j);
its value also writes n, the example whose error E_n is. The scalar judge reads an instance of
the step (i = 1, j = 1, n = 1) and puts δ's value in for δ_1 at j = 1 only, so E_n in that value
had no index and δ_1 stayed a name of its own: the step was left unread ("the sides use different
variables") although it is the definition put in.

The letter n of E_n in δ's value is the step's n exactly when the step writes the same name with
the same letter (E_n, as ∂E_n/∂w_{ji} does): both mean the loss of the example at hand. That letter
takes the step's value (:func:`carried_letters`). Only a value that is a derivative (a delta, an
error signal: a name defined as the derivative of another) carries letters this way; a value that
merely shares a letter with the step (y_j = x_{ij} beside a step about x_{ij}) is left as it was,
since a letter a definition leaves free need not be the step's.

The same document defines δ_k = y_k - t_k for its output units as well: one base under two
letters with two formulas is two labelled names (label_subscripts), δ_j no longer a family. A
step that writes δ_j with j its own free index (∂E_n/∂w_{ji} = δ_j z_i, read at j = 1, 2 …) means
the labelled δ_j at each j, so a derivative-valued labelled definition is read at the step's
letters too (:func:`labelled_binding`), and not as an unrelated δ_1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from derive.checks.latex.index_sums import split_name
from derive.checks.latex.label_subscripts import family_letters
from derive.checks.latex.normalize import Normalized

__all__ = ["carried_letters", "labelled_binding", "labelled_value"]


def carried_letters(value: Normalized, own: str, env: dict[str, int]) -> dict[str, int]:
    """The step's values (``env``: an instance of the step, which gives a value to each letter
    it writes) of the letters a derivative-valued family definition (its own letters ``own``)
    writes in the name it differentiates (n of E_n in δ_j = ∂E_n/∂a_j); {} for any other value
    or where the step gives those letters no value."""
    if not value.derivatives or not env:
        return {}
    bound = {index for index, _, _ in value.sums.values()}
    # what the value differentiates (E_n), not what it differentiates by (a_j)
    differentiated = set(value.symbol_names) - set(value.derivatives.values())
    carried: dict[str, int] = {}
    for name in differentiated:
        parts = split_name(name)
        if not parts or not parts[1].isalpha() or len(parts[1]) != 1:
            continue  # E_n only: one letter (E_{total}, E_{ij} are not an example's index here)
        letter = parts[1]
        if letter in own or letter in bound or letter not in env:
            continue
        carried[letter] = env[letter]
    return carried


def labelled_binding(
    name: str, definitions: dict[str, tuple[str, Normalized]], env: dict[str, int]
) -> dict[str, int] | None:
    """The letters to read a labelled definition's value at (δ_j's j from the step, and n of E_n
    carried), where ``name`` is a name the definitions give a value as written (no family letters)
    whose subscript letters the step's instance all gives values, and that value is a derivative;
    None for any other name."""
    entry = definitions.get(name)
    if entry is None or entry[0] or not env:
        return None
    letters = family_letters(name)
    value = entry[1]
    if not letters or not value.derivatives or any(c not in env for c in letters):
        return None
    return {**carried_letters(value, letters, env), **{c: env[c] for c in letters}}


def labelled_value(
    name: str, definitions: dict[str, tuple[str, Any]], env: dict[str, int], read: Callable[..., Any]
) -> Any:
    """A labelled derivative-valued definition's value at the step's letters (:func:`labelled_binding`):
    ``read(value, letters, the other definitions)`` (sympy_build's reader), or None."""
    bound = labelled_binding(name, definitions, env)
    if bound is None:
        return None
    return read(definitions[name][1], bound, {k: v for k, v in definitions.items() if k != name})
