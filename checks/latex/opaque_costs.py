r"""A chain-rule step through a cost the document never writes, with the cost's derivative kept opaque.

``\frac{\partial C}{\partial w_{ij}} = \frac{\partial C}{\partial a_j}\sigma(z_j) a_i`` in a
document that defines ``z_j = \sum_i w_{ij} a_i + b_j`` and ``a_j = \sigma(z_j)`` but gives C no
formula: :mod:`unstated_dependence` reads C as an unknown function of the a's and expands both
sides by the document's definitions (SymPy's chain rule), so each side becomes the derivatives
of C at the network's point times factors the document defines. It calls such a step ok when it
holds for any C, and otherwise leaves it open: the author may mean one particular C.

Here the derivatives of C are the step's only unknowns and they are kept opaque: each distinct
one (∂C/∂a_1, ∂C/∂a_2 at the point: one per index value) becomes a number g_1, g_2 … of its own.
When the difference of the sides is then a sum of g's times factors, with no term free of g,
the step claims a relation between the cost's derivatives that no stated fact gives: the
author's C could only satisfy it if its derivative vanished where the factors do not
(∂C/∂a_j σ'(z_j) = ∂C/∂a_j σ(z_j) needs ∂C/∂a_j = 0). The step is then ``wrong``, with the
point and the g's where the two sides, evaluated at 30 digits, differ.

Held back (the caller's inconclusive stands):
- a term of the difference without a g (``\frac{\partial C}{\partial a_i} = a_i - t_i``): true
  for one particular cost, which the document may have meant;
- a g that only one side writes (``\frac{\partial E}{\partial o_1} + \frac{\partial
  E}{\partial o_2} = \frac{\partial E}{\partial o_1} + 0``; a softmax layer's one-term chain,
  which drops ∂C/∂a_k for k ≠ j): that derivative may be 0 for the author's cost;
- a derivative by a name the document gives no value (∂E/∂w_5 with E "of w_5" only because the
  document differentiates it so): no definition expands it, the dependence itself is a guess;
- two unknown functions (E_1 and E_2), any other unknown (an activation with no formula, a second
  derivative of C, C itself);
- sides that use different names (a definition, or a step that needs context), and names that
  may be matrices (a transpose or a layout the scalar reading cannot see).

One derivative is one g however SymPy wrote its point (``e^{a+b}`` or ``e^a e^b``): derivatives
of the same argument whose points agree at two points of (0, 1) (12 digits) are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product
from typing import Any

from derive.checks.latex.results import verdict

__all__ = ["opaque_cost_verdict", "points"]

#: digits the counterexample is evaluated at
_DIGITS = 30
#: the relative gap that counts as a difference at those digits
_GAP = 1e-12
#: most opaque derivatives in one step (each is one more unknown of the linear form)
_MOST_OPAQUE = 12


def opaque_cost_verdict(lhs: Any, rhs: Any, prefix: str) -> dict[str, Any] | None:
    """``wrong`` with a counterexample for two sides (as unstated_dependence builds them, its
    unknown functions named ``prefix``…) whose difference is a nonzero linear form in the
    first derivatives of those functions (see the module docstring); None for anything else."""
    import sympy as sp

    if lhs.free_symbols != rhs.free_symbols:
        return None
    try:
        sides = [sp.expand(side.doit()) for side in (lhs, rhs)]
        found = _opaque_derivatives(sides, prefix)
        if found is None:
            return None
        opaque, legend = found
        read = [side.xreplace(opaque) for side in sides]
        return _linear_difference(read, sorted(set(opaque.values()), key=str), legend)
    except (TypeError, ValueError, ArithmeticError, RecursionError, AttributeError):
        return None


def _opaque_derivatives(sides: list[Any], prefix: str) -> tuple[dict[Any, Any], dict[str, str]] | None:
    """Each first derivative of an unknown function in the sides, mapped to a symbol g_k of its
    own (one derivative written twice, by a dummy ξ on one side and by a_1 on the other, is one
    g), and what each g stands for; None when an unknown remains that is not such a derivative."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    keys: dict[Any, tuple] = {}
    shown: dict[tuple, str] = {}
    names = sorted(set().union(*(side.free_symbols for side in sides)), key=str)
    for side in sides:
        for atom in _outermost(side):
            read = _key(atom, prefix)
            where = read and _where(read[0][2], names)
            if where is None:
                return None
            # one derivative at one point, however SymPy wrote the point (exp(a + b), exp(a) exp(b))
            keys[atom] = key = (read[0][0], read[0][1], where)
            shown.setdefault(key, read[1])
    if not keys or len(shown) > _MOST_OPAQUE or len({key[0] for key in shown}) != 1:
        return None  # two unknown functions (E_1 and E_2 of w): which one a step may drop is the author's
    symbols = {key: sp.Symbol(f"g_{{{k + 1}}}", real=True) for k, key in enumerate(sorted(shown, key=str))}
    opaque = {atom: symbols[key] for atom, key in keys.items()}
    for side in sides:
        left = side.xreplace(opaque)
        if left.atoms(AppliedUndef) or left.atoms(sp.Derivative, sp.Subs):
            return None  # C itself, another unknown function, a derivative of a derivative
    return opaque, {str(symbols[key]): shown[key] for key in symbols}


def _outermost(expr: Any) -> Iterator[Any]:
    """The derivatives and Subs of ``expr`` not inside another (a Subs's derivative is read with
    its Subs; SymPy counts two Subs equal whatever their dummies, not the derivatives inside)."""
    import sympy as sp

    if isinstance(expr, (sp.Subs, sp.Derivative)):
        yield expr
        return
    for arg in expr.args:
        yield from _outermost(arg)


def points(names: list[Any]) -> list[dict[Any, Any]]:
    """Two points with distinct coordinates in (0, 1): inside every domain the judges give a
    name (positive, a probability)."""
    import sympy as sp

    n = len(names)
    return [
        {x: sp.Rational(2 * j + 3, 4 * n + 7) for j, x in enumerate(names)},
        {x: sp.Rational(3 * j + 2, 5 * n + 11) for j, x in enumerate(names)},
    ]


def _where(args: tuple, names: list[Any]) -> tuple | None:
    """The values of a derivative's arguments at the two points (12 digits): its point, whatever
    form SymPy gave it; None when one is not a real number there."""
    import sympy as sp

    out = []
    for at in points(names):
        for arg in args:
            value = sp.N(arg.xreplace(at), 20)
            if not value.is_real:
                return None
            out.append(float(f"{float(value):.12g}"))
    return tuple(out)


def _key(atom: Any, prefix: str) -> tuple[tuple, str] | None:
    """(function, argument position, the point) of ``Subs(Derivative(f(…, ξ, …), ξ), ξ, p)`` or
    of ``Derivative(f(…, x, …), x)``: which derivative of f and where, and how to show it;
    None for anything else."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    point: dict[Any, Any] = {}
    if isinstance(atom, sp.Subs):
        point = dict(zip(atom.variables, atom.point, strict=True))
        atom = atom.expr
    if not isinstance(atom, sp.Derivative) or len(atom.variable_count) != 1 or atom.variable_count[0][1] != 1:
        return None
    call, var = atom.expr, atom.variable_count[0][0]
    if not isinstance(call, AppliedUndef) or not str(call.func).startswith(prefix):
        return None
    places = [k for k, arg in enumerate(call.args) if arg == var]
    if len(places) != 1 or any(var in arg.free_symbols for k, arg in enumerate(call.args) if k != places[0]):
        return None
    if call.args[places[0]].xreplace(point).is_Atom:
        return None  # by a name the document gives no value: no definition expands this derivative
    cost, _, parents = str(call.func)[len(prefix) :].partition(" of ")
    if not isinstance(var, sp.Dummy):
        shown = str(var)
    elif "; " not in parents and "{*}" in parents:  # one family parent a_{*}: its entries in order
        shown = parents.replace("{*}", f"{{{places[0] + 1}}}")
    else:
        shown = f"its argument {places[0] + 1}"
    label = f"\\partial {cost}/\\partial {shown}"
    return (str(call.func), places[0], tuple(arg.xreplace(point) for arg in call.args)), label


def _linear_difference(read: list[Any], gs: list[Any], legend: dict[str, str]) -> dict[str, Any] | None:
    """wrong when left - right is Σ c_k g_k, not 0, each g in it on both sides and no term
    without one, and differs at a point (30 digits); None otherwise."""
    import sympy as sp

    left, right = read
    difference = sp.expand(left - right)
    # a derivative of the cost on one side only (written, then dropped as 0) may be 0 for the
    # author's cost: only derivatives the two sides both write are compared
    if any(difference.has(g) and not (left.has(g) and right.has(g)) for g in gs):
        return None
    zero = dict.fromkeys(gs, 0)
    if difference == 0 or sp.expand(difference.xreplace(zero)) != 0:
        return None
    if any(sp.diff(difference, g).free_symbols & set(gs) for g in gs):
        return None  # a product of two derivatives of the cost: not a linear claim about them
    names = sorted((left.free_symbols | right.free_symbols) - set(gs), key=str)
    if any(x.is_integer for x in names):
        return None  # a size or a count: its values are not points of the network
    for point, values in product(points(names), (range(1, len(gs) + 1), [1] * len(gs))):
        at = {**point, **dict(zip(gs, values, strict=True))}
        found = _differ_at(left, right, at, legend)
        if found:
            return found
    return None


def _differ_at(left: Any, right: Any, at: dict[Any, Any], legend: dict[str, str]) -> dict[str, Any] | None:
    """The counterexample at ``at`` when the sides differ there at 30 digits (both real)."""
    import sympy as sp

    a, b = (sp.N(side.xreplace(at), _DIGITS) for side in (left, right))
    if not (a.is_real and b.is_real) or abs(a - b) <= _GAP * max(1, abs(a), abs(b)):
        return None
    shown = {str(k): str(v) for k, v in at.items()}
    cex = {"point": shown, "lhs": str(sp.N(a, 10)), "rhs": str(sp.N(b, 10)), "where": ""}
    gs = ", ".join(f"{g} = {what}" for g, what in legend.items())
    message = (
        f"the sides differ with the cost's derivatives kept opaque ({gs}: one number each, at the "
        f"point), every other factor read from the document's definitions: at "
        f"{', '.join(f'{k} = {v}' for k, v in shown.items())}: "
        f"left side = {cex['lhs']}, right side = {cex['rhs']}"
    )
    return verdict("wrong", message, "opaque cost", cex)
