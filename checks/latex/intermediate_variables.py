r"""A derivative by a name the document defines from other names, of something written without it.

``y = f(g(x))`` on one line, ``u = g(x)`` on the next, then ``\frac{dy}{du}``: y as written holds
g(x), not u, yet a reader sees y = f(u) and differentiates by u. So where the operand of a
derivative by a defined name does not contain that name, each occurrence of the name's own value
in it (the same SymPy subtree, g(x)) is put back as the name. The result is taken only when it
leaves none of the value's symbols behind: then the operand is a function of the name alone (and
of names unrelated to it), and the derivative means one thing. Where some remain
(``y = x σ(x)``, ``u = σ(x)``: is dy/du the partial x, or the total derivative?) nothing changes
and the step stays unread, as before.

The chain rule over a computational graph has the same two readings the other way round:
``L = v_2 + v_3`` with ``v_3 = \sqrt{v_2}``, then ``\frac{\partial L}{\partial w} = \frac{\partial
L}{\partial v_2}\frac{\partial v_2}{\partial w} + \frac{\partial L}{\partial v_3}\frac{\partial
v_3}{\partial w}``. There ``\partial L / \partial v_2`` is the local partial (v_3 held: 1), while
putting every definition in gives the total derivative (1 + 1/(2\sqrt{v_2})); the backward pass
even writes both in one line (``\partial L/\partial v_2 = \partial L/\partial v_3 \cdot \partial
v_3/\partial v_2 + \partial L/\partial v_2``, the last the local one). So where the operand, read
with the names that reach the variable kept as names, writes the variable both directly and
through such a name (:func:`held_intermediates`), the derivative is not read: which one is meant
is the author's, and the total derivative would call the graph's chain rule wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["held_intermediates", "through_value"]


def through_value(operand: Any, var: Any, value_of: Callable[[], Any]) -> Any:
    """``operand`` with ``var``'s value (``value_of()``, asked only when the operand does not hold
    ``var``) written as ``var``, where that makes it a function of ``var`` alone among the value's
    symbols; else ``operand`` unchanged."""
    if var in operand.free_symbols:
        return operand
    value = value_of()
    symbols = getattr(value, "free_symbols", None)
    if not symbols or var in symbols:  # a number (u = 2) or a recursive value: never substituted
        return operand
    put_back = operand.xreplace({value: var})
    if var in put_back.free_symbols and not put_back.free_symbols & symbols:
        return put_back
    return operand


def held_intermediates(
    var: Any,
    definitions: dict[str, Any],
    convert: Callable[[dict[str, Any]], Any],
    unread: tuple[type[Exception], ...] = (ValueError, TypeError, ArithmeticError),
) -> str | None:
    """Why d(operand)/d(var) has two readings, or None: ``convert(defs)`` is the operand read with
    only ``defs`` put in; ``definitions`` (var's own left out) are (letters, Normalized) values.
    The names whose values reach var, other than those the operand writes itself, are kept as
    names; if the operand then still holds var beside one of them, the partial with them held
    and the total derivative differ in general. ``unread``: the errors that mean a reading failed
    (it is then read as before)."""
    try:
        written = {s.name for s in convert({}).free_symbols}
    except unread:  # what cannot be read bare is read as before
        return None
    reaching = _reaching(var.name, definitions)
    held = reaching - written
    if not held:
        return None
    try:
        partial = convert({k: v for k, v in definitions.items() if k not in held})
    except unread:
        return None
    beside = sorted({s.name for s in partial.free_symbols} & held)
    if var in partial.free_symbols and beside:
        return (
            f"a derivative by {var} of something that writes {var} directly and through {beside[0]}, "
            f"whose value holds {var}: the partial with {beside[0]} held, or the total derivative?"
        )
    return None


def _reaching(name: str, definitions: dict[str, Any]) -> set[str]:
    """The defined names whose values hold ``name``, directly or through other defined names."""
    uses = {k: _names(v) for k, v in definitions.items()}
    reach: set[str] = set()
    grew = True
    while grew:
        grew = False
        for k, names in uses.items():
            if k not in reach and (name in names or names & reach):
                reach.add(k)
                grew = True
    return reach


def _names(value: Any) -> set[str]:
    """The names a definition's value writes (none for an unstated one)."""
    normalized = value[1] if isinstance(value, tuple) and len(value) > 1 else value
    return set(getattr(normalized, "symbol_names", set()) or set())
