r"""A step about a loss's parts, read with each part an unknown function of the one variable.

``\frac{\partial C}{\partial w} = \frac{\partial C_0}{\partial w} + \frac{\lambda}{n} w`` after
``C = C_0 + \frac{\lambda}{2n}\sum_w w^2``; ``\frac{\partial J}{\partial w} = \frac{\partial
C(w)}{\partial w} + \lambda \frac{\partial R(w)}{\partial w}`` after ``J = C + \lambda R``;
``\frac{\partial \mathcal{L}}{\partial b_j} = \sum_{i=1}^N \frac{\partial \mathcal{L}_i}{\partial
b_j}`` after ``\mathcal{L} = \sum_i \mathcal{L}_i``. The parts (C_0, R, 𝓛_i) have no value, so as
written they do not contain the variable and the step was unread ("its dependence is not
stated"). Where every derivative of the step is by ONE variable that the document gives no value,
each name with no value inside what the step differentiates (through the document's definitions)
is read as an unknown function of that variable (:mod:`derive.checks.latex.varying_parts`), and the
step is ok when its sides then agree exactly, SymPy differentiating the unknowns itself: it holds for
every such function, a constant one too, so for whatever the parts are. Held fixed, as everywhere, are
the names the step does not differentiate, the notation's inputs and its positive constants (λ, n,
m, η: hyperparameters and sizes) and a sum's bounds; a label y inside what is differentiated is a
function too, so a step that needs it fixed stays unread. Anything else keeps its first verdict: this
reading only ever adds an ok. Never with a matrix written out, a matrix doubt from the matrix judge,
a name that may be a matrix outside the derivatives (a transpose may be missing), a derivative of a
derivative, or a variable the document defines (its value would hide it). A step with a sum holds at
two sizes.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Normalized, Notation
from derive.checks.latex.sympy_build import Definitions, Unparsed, split_name, to_sympy
from derive.checks.latex.unread_derivatives import NOT_CONTAINED
from derive.checks.latex.unstated_dependence import PREFIX, matrix_like_names
from derive.checks.latex.varying_parts import VaryingPart

__all__ = ["varying_verdict"]

#: what the matrix judge said of the step that a scalar reading may not overrule (as unread_steps)
_MATRIX_DOUBTS = ("if the names were scalars", "shapes differ", "do not fit", "layout is a convention")
#: the unstated_dependence reading's inconclusive: its guessed parents left the step undecided
GUESSED = "the dependence the document's derivatives imply"
#: sizes a step with a sum is expanded at
_SIZES = (3, 4)
#: the opening of a derivative's operand in a side as read: g_{k}\left(
_OPERAND = re.compile(r"g_\{\d+\}\\left\(")
_PLACEHOLDER = re.compile(r"v_\{(\d+)\}")
#: notation domains of names that are constants of training, never functions of a weight
_FIXED_DOMAINS = frozenset({"positive", "unit"})


def varying_verdict(
    out: dict[str, Any], sides: tuple[Normalized, Normalized], named: Definitions, notation: Notation
) -> dict[str, Any]:
    """The verdict, made ok where the step was unread for a derivative whose dependence is not stated
    and it holds with every part it differentiates an unknown function of its one variable."""
    unread = out["status"] == "unparsed" and NOT_CONTAINED in out["message"]
    if not unread and not (out["status"] == "inconclusive" and GUESSED in out["message"]):
        return out
    if any(norm.matrices for norm in sides) or any(doubt in out["message"] for doubt in _MATRIX_DOUBTS):
        return out
    variables = {var for norm in sides for var in norm.derivatives.values()}
    if len(variables) != 1:
        return out
    (variable,) = variables
    parts = _parts(sides, named, variable, notation)
    if not parts or _defined(variable, named):
        return out
    reading = {**named, **{name: ("", VaryingPart(source=name, parents=(variable,), name=name)) for name in parts}}
    sized = any(norm.sums for norm in sides)
    for size in _SIZES if sized else (None,):
        pair = _read(sides, size, reading)
        if pair is None or not _fits(pair) or not _vanishes(*pair):
            return out
    shown = ", ".join(sorted(parts))
    why = f"for any functions {shown} of {variable} (what the document does not state), every other name fixed"
    message = f"proved: the sides agree {why}"
    return {"status": "ok", "counterexample": None, "message": message, "method": "varying parts"}


def _parts(sides: tuple[Normalized, Normalized], named: Definitions, variable: str, notation: Notation) -> set[str]:
    """The names with no value inside what the step differentiates, through the document's
    definitions; empty when a derivative holds another."""
    fixed = {variable, *notation.inputs}
    fixed |= {n for n, d in notation.domains.items() if d in _FIXED_DOMAINS}
    for norm in sides:
        fixed |= {str(b) for s in norm.sums.values() for b in s}
    found: set[str] = set()
    written = [name for norm in sides for name in _operand_names(norm)]
    if any(name is None for name in written):
        return set()
    pending = [name for name in written if name is not None]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen or name in fixed:
            continue
        seen.add(name)
        value = _value_of(name, named)
        if value is None:
            found.add(name)
        else:
            pending += sorted(value.symbol_names)
    return found


def _operand_names(norm: Normalized) -> list[str | None]:
    """The names inside each derivative's operand of a side as read; None for a derivative inside one."""
    names: list[str | None] = []
    for m in _OPERAND.finditer(norm.latex):
        depth, k = 1, m.end()
        while depth and k < len(norm.latex):
            if norm.latex.startswith("\\left(", k):
                depth, k = depth + 1, k + 6
            elif norm.latex.startswith("\\right)", k):
                depth, k = depth - 1, k + 7
            else:
                k += 1
        operand = norm.latex[m.end() : k]
        if _OPERAND.search(operand):
            return [None]
        for n in _PLACEHOLDER.findall(operand):
            kind, name = norm.symbols.get(int(n), ("", ""))
            if kind == "symbol":
                names.append(name)
    return names


def _value_of(name: str, named: Definitions) -> Normalized | None:
    """The document's value of a name, or of its family (a_j = … for a_2); None without one."""
    if name in named:
        return named[name][1]
    parts = split_name(name)
    for key, (letters, value) in named.items():
        family = split_name(key)
        if letters and parts and family and (family[0], family[2]) == (parts[0], parts[2]):
            return value
    return None


def _defined(variable: str, named: Definitions) -> bool:
    return _value_of(variable, named) is not None


def _read(sides: tuple[Normalized, Normalized], size: int | None, named: Definitions) -> tuple[Any, Any] | None:
    try:
        return to_sympy(sides[0], size=size, definitions=named), to_sympy(sides[1], size=size, definitions=named)
    except Unparsed:
        return None


def _fits(pair: tuple[Any, Any]) -> bool:
    """Each side holds a part's function, every part is at the same variable, and no name that may be a
    matrix stands outside the
    derivatives and the parts (∂J/∂W = ∂C/∂W + λW: W or Wᵀ is the layout's choice); a part that
    may be a matrix only where the sides are linear in the parts (∂(MN)/∂w = N ∂M/∂w + M ∂N/∂w holds
    for scalars, not for matrices)."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    held = [{c for c in side.atoms(AppliedUndef) if str(c.func).startswith(PREFIX)} for side in pair]
    if not all(held):  # a side without a part says nothing of the parts (∂E/∂w_{ij} = 0 with E's parts lost)
        return False
    calls = held[0] | held[1]
    if len({c.args for c in calls}) != 1:  # w_{i} under \sum_i in the step, w_{i} as such in a definition's value
        return False
    outside: set[str] = set()
    for side in pair:
        side = side.xreplace({d: sp.Integer(1) for d in side.atoms(sp.Derivative)})
        side = side.xreplace({c: sp.Integer(1) for c in side.atoms(AppliedUndef)})
        outside |= {s.name for s in side.free_symbols}
    if matrix_like_names(outside):
        return False
    names = {str(c.func)[len(PREFIX) :].split(" of ")[0] for c in calls}
    return not matrix_like_names(names) or all(_linear(side, calls) for side in pair)


def _linear(side: Any, calls: set[Any]) -> bool:
    """Is the side linear in the parts' functions (each scaled by t, the side is t times itself)?"""
    import sympy as sp

    t = sp.Dummy("t")
    try:
        scaled = side.xreplace({c: t * c for c in calls}).doit()
        return bool(sp.expand(sp.diff(scaled, t, 2)) == 0)
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return False


def _vanishes(lhs: Any, rhs: Any) -> bool:
    import sympy as sp

    try:
        return bool(sp.expand((lhs - rhs).doit()) == 0)
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return False
