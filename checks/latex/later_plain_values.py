r"""A function's name given a plain value later: the case the document goes on with.

A derivation states its objective as a function, ``F(b) = -\frac1N \sum_k [y_k \ln p_k + …]``,
then narrows it: "first, suppose the batch size is N = 1. In this case ``F = -y \ln a_L - (1 - y)
\ln(1 - a_L)``", and differentiates: ``\frac{\partial F}{\partial a_L} = -\frac{y}{a_L} + \frac{1 -
y}{1 - a_L}``. Such a name has two values (function_values.two_valued), so every step about it was
judged with the name free, and a derivative of it stayed unread ("of something that, as written,
does not contain a_L"), although the reader knows which value the step means: the one written
last before it, the case the text has just turned to (as redefined_steps reads a name defined
again).

Here a name defined as a function and then, AFTER every definition of that function, by a plain
value keeps that plain value at the steps below it. The reading is the reader's, not the
document's word (the step may still mean the batch objective), so it confirms and never refutes:
the name stays among the step's names with two values, and checker._hold_ambiguous holds any
verdict but ``ok``; an ``ok`` says which value it took (:func:`noted_plain`). A plain value given
before the function (``J = 5\theta_1``, then ``J(\theta) = …``), or a function defined again after
the plain value, leaves the name free as before: the latest value there is the function.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

__all__ = ["plain_at", "plain_values_after", "noted_plain"]


def plain_values_after(
    doubled: Iterable[str], definitions: Iterable[Any], functions: Iterable[Any]
) -> dict[str, tuple[int, int]]:
    """Each name of ``doubled`` (defined as a function and by a plain value) whose plain value
    (``definitions``: doc_definitions.Definition) comes after every definition of the function
    (``functions``: own_functions.NewFunction, with their positions): name → where that plain
    value is given. A function whose definition has no known position (defined at expressions)
    is not ordered, so its name is not here."""
    doubled = set(doubled)
    where_function: dict[str, list[tuple[int, int]]] = {}
    unordered: set[str] = set()
    for function in functions:
        name = getattr(function, "name", None)
        if name not in doubled:
            continue
        line, column = getattr(function, "line", None), getattr(function, "column", None)
        if not isinstance(line, int) or not isinstance(column, int):
            unordered.add(name)  # where it is defined is not known: which value is latest is not either
            continue
        where_function.setdefault(name, []).append((line, column))
    out: dict[str, tuple[int, int]] = {}
    for definition in definitions:
        name = definition.name
        if name not in where_function or name in unordered or definition.letters:
            continue
        at = (definition.line, definition.column)
        if all(at > position for position in where_function[name]):
            out[name] = at
    return out


def plain_at(later: dict[str, tuple[int, int]], line: int, column: int) -> frozenset[str]:
    """The names whose later plain value holds at a step written at (line, column)."""
    return frozenset(name for name, at in later.items() if at < (line, column))


def noted_plain(result: Any, names: Iterable[str], later: dict[str, tuple[int, int]]) -> Any:
    """An ``ok`` step (StepResult) that used a later plain value says so; anything else as it is
    (checker._hold_ambiguous has held it)."""
    taken = sorted(n for n in names if n in later and later[n] < (result.step.line, result.step.column))
    if result.status != "ok" or not taken:
        return result
    note = (
        f"; taking {', '.join(taken)} as its plain value written last before the step (the document"
        " also defines it as a function: a step that fails with that value is not judged)"
    )
    return replace(result, message=result.message + note)
