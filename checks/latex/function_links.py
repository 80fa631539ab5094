r"""Chain rules through names the document defines as functions of what they depend on.

Worked examples write the forward pass as functions, ``z(x) = w \cdot x + b``, ``a(z) =
\frac{1}{1 + e^{-z}}``, ``L(y, \hat y) = \frac12 (y - \hat y)^2``, and then the chain rule with the
names bare: ``\frac{\partial L}{\partial w} = \frac{\partial L}{\partial \hat y}\frac{\partial
\hat y}{\partial z}\frac{\partial z}{\partial w}``. The reader puts each such function's value in
where its name stands bare (``z`` is ``w \cdot x + b`` there, see function_values), so the factor
``\frac{\partial z}{\partial w}`` is a derivative of an expression, no link between two names, and
abstract_chain found no chain. For the chain's SHAPE the names are what the step writes: the sides
are read again with the document's functions as plain names (:func:`chain_sides`), and what each
such name depends on is what its definition says (:func:`function_dependences`: z on w, x, b; a
function's parameters too). A step whose factors are no derivatives of plain names either way is
left as it was; the chain's verdict is abstract_chain's (``ok`` as the chain rule, never ``wrong``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.function_calls import PARAMETER_SEPARATOR
from derive.checks.latex.normalize import Normalized, normalize

__all__ = ["chain_sides", "function_dependences", "plain_names"]


def plain_names(notation: Any) -> Any:
    """The notation with the document's own functions read as plain names (``z`` for ``z(x) = …``)."""
    return replace(notation, doc_functions={}, bare_functions=frozenset(), bare_values={})


def chain_sides(sides: tuple[Normalized, Normalized], notation: Any) -> tuple[Normalized, Normalized]:
    """The step's sides read with the document's functions as plain names, where it has any;
    else the sides as they were."""
    if not (notation.doc_functions or notation.bare_values):
        return sides
    plain = plain_names(notation)
    return normalize(sides[0].source, plain), normalize(sides[1].source, plain)


def function_dependences(notation: Any) -> dict[str, set[str]]:
    """Name → the names its definition as a function writes (its body's names and its parameters):
    ``z(x) = w \\cdot x + b`` says z depends on w, x and b."""
    plain = plain_names(notation)
    found: dict[str, set[str]] = {}
    for name, (parameters, body) in notation.doc_functions.items():
        names = set(normalize(body, plain).symbol_names)
        names |= {p for p in parameters.split(PARAMETER_SEPARATOR) if p}
        found[name] = names - {name}
    return found
