r"""A name the document writes applied to its variables but never gives a value depends on them.

:mod:`derive.checks.latex.applied_names` reads ``J(w, b)``, ``h(x, y)`` as the name J, h: the
argument list says what the quantity depends on. Where the document defines it
(``J(w_1, w_2, b) = \frac1N\sum_i …``) its value is put in and says the rest. Where it never
does, the bare name was a variable that depends on nothing: ``\frac{\partial}{\partial x}(x^2
h(x, y)) = 2 x h(x, y)`` held (h a constant), and ``\frac{\partial}{\partial x} f(x, y)`` was "a
derivative of something that, as written, does not contain x".

Such a name, applied at its one argument list or written bare (``\frac{\partial J}{\partial w}``
beside ``J(w, b)``: the same quantity), is now an unknown function of its arguments: the
derivative by x of ``h(x, y)`` is h's unknown partial, and the chain rule runs through an
argument the document defines (``L(z)`` with ``z = w x + b``, differentiated by w). The scalar
judge judges a step with an unknown function with three unrelated smooth stand-ins
(:mod:`derive.checks.latex.abstract_functions`): ok when it holds for each, else inconclusive,
never wrong (the author may mean one function, named in prose).

A name with a value anywhere the reader can see (the notation's, or a chain that starts with
the name or its applied form and a defining relation) keeps its value: applied_names'
``find_dependent_names`` leaves it out.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.applied_calls import applied_key
from derive.checks.latex.applied_uses import arguments

__all__ = ["dependent_name"]


def dependent_name(norm: Any, name: str, k: int) -> tuple[str, int] | None:
    """``J`` at k (the token after the name) read as the unknown function J of the arguments the
    document writes it at, with that argument list when it follows (consumed); None where the
    name is not such a name."""
    found = norm.notation.applied_functions.get(name)
    if found is None:
        return None
    written, depends = found
    toks = norm.toks
    if k < len(toks) and toks[k] == "(":
        end = norm.match(k)
        if arguments(norm, toks[k + 1 : end]) != written:
            return None  # J(\theta + h): another argument; left to the reader as before
        k = end + 1
    args = [norm.symbol("symbol", a) for a in depends]
    return norm.postfix(norm._call(applied_key(name, len(args)), args, 0, None), k)
