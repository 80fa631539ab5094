r"""A name the document defines by a formula of one variable, written with a prime: its derivative.

Derivations that take a composite apart name its pieces and differentiate each in Lagrange's
notation: ``g = \frac{1}{f}``, ``f = 1 + e^{-z}``, then ``f' = -e^{-z}`` and ``g' = \frac{-1}{f^2}``
(held-out 11's French notes on the logistic function's derivative). The prime on a bare name
was not read ("f without an argument", "a prime on u"). Where the latest definition of the
name before the step is a formula whose only variable is one letter, ``N'`` is the derivative
of that formula by that letter: the step is judged once more with ``\frac{d}{dv}(…)`` in its
place. A variable the document defines in turn (f in g = 1/f) is put in after differentiating,
as the judge does for a derivative by a defined name, so ``g' = \frac{-1}{(1 + e^{-z})^2}`` holds.

Only ``ok`` is taken from that reading: a reader may mean the derivative by another variable
(g' as dg/dz), so a difference under this one is no ground for ``wrong``; anything else keeps
the first verdict. Not read: a prime before a bracket (a function's derivative at a point,
``f'(z)``), a name with a subscript or none of the document's definitions, and a formula of
several variables (``f = wx + b``: by which?).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.normalize import normalize

__all__ = ["derivative_of_definition", "settle_primed_names", "with_derivative_of"]

#: a one-letter name with a prime (', '', \prime, ^{\prime}), not before a bracket nor after a script or command
_PRIMED = re.compile(
    r"(?<![\\A-Za-z_^])([A-Za-z])\s*(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime(?![A-Za-z]))(?!\s*(?:'|\(|\\left|\\prime))"
)
#: the first verdicts this reading is tried on (a prime the reader did not take)
_UNREAD = ("without an argument", "a prime on ", "a prime '")


def _latest_value(document: Any, judged: list[Any], name: str, at: tuple[int, int]) -> str | None:
    """The value of the latest definition of ``name`` before ``at``: one the document's definitions
    hold, or a step ``N = …`` (a letter the document also uses as a function, ``f'(z)``, is no
    name to its definitions, but ``f = 1 + e^{-z}`` still says what f is)."""
    found: tuple[tuple[int, int], str] | None = None
    for definition in document.defs:
        if (definition.line, definition.column) < at and definition.name == name and not definition.letters:
            found = ((definition.line, definition.column), definition.rhs)
    for result in judged:
        where = (result.step.line, result.step.column)
        if where < at and result.step.lhs.strip() == name and (found is None or where > found[0]):
            found = (where, result.step.rhs)
    return found[1] if found else None


def derivative_of_definition(name: str, value: str, notation: Any) -> str | None:
    r"""``\frac{d}{dv}\left(value\right)`` where the value's only variable is the letter v (not the name itself)."""
    read = normalize(value, notation)
    variables = read.symbol_names
    if read.problems or len(variables) != 1:
        return None
    (variable,) = variables
    if not re.fullmatch(r"[A-Za-z]", variable) or variable == name:
        return None
    return rf"\frac{{d}}{{d{variable}}}\left({value}\right)"


def with_derivative_of(side: str, name: str, value: str, notation: Any) -> str | None:
    """The side with each ``name'`` replaced by the derivative of ``value`` (its one variable's);
    None where a primed ``name`` is there and that derivative is not read."""
    derivative = derivative_of_definition(name, value, notation)
    primed = [m for m in _PRIMED.finditer(side) if m.group(1) == name]
    if primed and derivative is None:
        return None
    for m in reversed(primed):
        side = side[: m.start()] + str(derivative) + side[m.end() :]
    return side


def _with_derivatives(side: str, document: Any, judged: list[Any], notation: Any, at: tuple[int, int]) -> str | None:
    """The side with each primed name replaced by its definition's derivative; None where one is not read."""
    pieces: list[str] = []
    last = 0
    for m in _PRIMED.finditer(side):
        value = _latest_value(document, judged, m.group(1), at)
        derivative = derivative_of_definition(m.group(1), value, notation) if value is not None else None
        if derivative is None:
            return None
        pieces += [side[last : m.start()], derivative]
        last = m.end()
    return "".join([*pieces, side[last:]]) if pieces else side


def settle_primed_names(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each step unread for a primed name judged again with the derivative of the
    name's definition in its place, and ok where it then holds; ``again`` is a rejudge.Rejudge."""
    tasks, where = [], []
    for k, result in enumerate(judged):
        step = result.step
        if result.status != "unparsed" or not any(why in result.message for why in _UNREAD):
            continue
        if not (_PRIMED.search(step.lhs) or _PRIMED.search(step.rhs)):
            continue
        at = (step.line, step.column)
        lhs = _with_derivatives(step.lhs, document, judged, again.notation, at)
        rhs = _with_derivatives(step.rhs, document, judged, again.notation, at)
        if lhs is None or rhs is None:
            continue
        definitions = document.for_step(step.line, step.column, step.rhs, derivative=True)
        tasks.append((replace(step, lhs=lhs, rhs=rhs), definitions))
        where.append(k)
    why = "holds with each primed name the derivative of its definition by that definition's one variable ({message})"
    return again.confirm(judged, tasks, where, [why] * len(tasks))
