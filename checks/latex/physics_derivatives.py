r"""The derivatives of the ``physics`` package (and ``derivative``'s ``\odv``) as fractions.

``\pdv{f}{x}`` is ∂f/∂x, ``\dv{f}{x}`` df/dx, ``\pdv{x}`` the operator ∂/∂x on what follows. The
package also writes an order in brackets and a mixed derivative with a third argument:

    \pdv[2]{f}{x}   = ∂²f/∂x²        \dv[n]{f}{x} = dⁿf/dxⁿ
    \pdv{f}{x}{y}   = ∂²f/∂x∂y       (never (∂f/∂x)·y: the package reads all three groups)

Read as a first derivative times ``{y}``, the mixed form called a correct ∂²(x²y³)/∂x∂y = 6xy²
wrong. Both are written out as the fractions the reader takes (``\frac{\partial^{2} f}{\partial
x^{2}}``, ``\frac{\partial^{2} f}{\partial x \partial y}``, which higher_derivatives reads as
∂/∂x (∂f/∂y)); an order with a mixed derivative, or a variable that already carries a
superscript (``\pdv[2]{C}{z^{(l)}}``: whose power is the 2?), is left unread.

Reports also use shorthands defined in a preamble the file does not carry (a chapter of a
thesis, a section of a project report): ``\del{C}{z_j}``, ``\der{\sigma(z)}{z}``, ``\pder``,
and the diffcoeff/esdiff packages' ``\diff{f}{x}`` and ``\diffp{f}{x}``. A document that defines
one of them has it expanded before this point (macros); undefined, each is read as its
derivative only in the unmistakable form, two brace groups with nothing more: ``\diff`` is
also an upright d (``\diff{x}`` after an integral) and ``\del`` a ∇ in other preambles, and
those uses never have two groups.
"""

from __future__ import annotations

from derive.checks.latex.token_spans import group_end

__all__ = ["PHYSICS_DERIVATIVES", "TWO_GROUP_DERIVATIVES", "physics_derivative", "two_group_derivative"]

Tokens = list[tuple[str, bool]]

#: the command and the differential it writes
PHYSICS_DERIVATIVES = {r"\pdv": r"\partial", r"\dv": "d", r"\odv": "d", r"\pd": r"\partial"}
#: shorthands read only as ``\cmd{f}{x}`` (module docstring), with their differential
TWO_GROUP_DERIVATIVES = {
    r"\del": r"\partial",
    r"\pder": r"\partial",
    r"\pderiv": r"\partial",
    r"\diffp": r"\partial",
    r"\der": "d",
    r"\deriv": "d",
    r"\diff": "d",
}


def physics_derivative(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    r"""(the fraction's tokens, index after the command's arguments) for the derivative command at
    k, or None to leave it unread (module docstring)."""
    d = PHYSICS_DERIVATIVES[toks[k][0]]
    order, j = _order(toks, k + 1)
    if j is None:
        return None
    first = group_end(toks, j) if j < len(toks) and toks[j][0] == "{" else None
    if first is None:
        return None
    second = group_end(toks, first) if first < len(toks) and toks[first][0] == "{" else None
    top = toks[j + 1 : first - 1]
    if second is None:  # one argument: the variable, an operator on what follows
        if order:
            return None
        return [
            (r"\frac", toks[k][1]),
            ("{", False),
            (d, False),
            ("}", False),
            ("{", False),
            (d, False),
            *top,
            ("}", False),
        ], first
    bottom = toks[first + 1 : second - 1]
    third = group_end(toks, second) if toks[k][0] == r"\pdv" and second < len(toks) and toks[second][0] == "{" else None
    if third is not None:  # \pdv{f}{x}{y}: the mixed second derivative
        if order:
            return None
        other = toks[second + 1 : third - 1]
        numerator = [
            ("{", False),
            (d, False),
            ("^", False),
            ("{", False),
            ("2", False),
            ("}", False),
            *_braced(top),
            ("}", False),
        ]
        denominator = [("{", False), (d, False), *bottom, (d, False), *other, ("}", False)]
        return [(r"\frac", toks[k][1]), *numerator, *denominator], third
    if order:
        if any(t == "^" for t, _ in bottom):
            return None
        power = [("^", False), ("{", False), *order, ("}", False)]
        numerator = [("{", False), (d, False), *power, *_braced(top), ("}", False)]
        return [(r"\frac", toks[k][1]), *numerator, ("{", False), (d, False), *bottom, *power, ("}", False)], second
    return _fraction(toks[k], d, top, bottom), second


def _fraction(command: tuple[str, bool], d: str, top: Tokens, bottom: Tokens) -> Tokens:
    r"""``\frac{d top}{d bottom}``, the fraction keeping the command's token flag."""
    numerator = [("{", False), (d, False), *_braced(top), ("}", False)]
    return [(r"\frac", command[1]), *numerator, ("{", False), (d, False), *bottom, ("}", False)]


def _order(toks: Tokens, j: int) -> tuple[Tokens, int | None]:
    """(the order's tokens, index after it) for ``[2]`` or ``[n]`` at j; (``[]``, j) when none is
    written, ``([], None)`` for a bracket that is not one order."""
    if j >= len(toks) or toks[j][0] != "[":
        return [], j
    if j + 2 < len(toks) and toks[j + 2][0] == "]" and (toks[j + 1][0].isdigit() or toks[j + 1][0].isalpha()):
        return [toks[j + 1]], j + 3
    return [], None


def _braced(toks: Tokens) -> Tokens:
    return [("{", False), *toks, ("}", False)]


def two_group_derivative(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    r"""(the fraction's tokens, index after the arguments) for ``\del{f}{x}`` and the other
    shorthands of TWO_GROUP_DERIVATIVES at k; None for any other form (one group, an order in
    brackets, a third group, no groups), which stays unread."""
    d = TWO_GROUP_DERIVATIVES[toks[k][0]]
    first = group_end(toks, k + 1) if toks[k + 1 : k + 2] == [("{", False)] else None
    second = group_end(toks, first) if first is not None and toks[first : first + 1] == [("{", False)] else None
    if first is None or second is None or toks[second : second + 1] == [("{", False)]:
        return None
    top, bottom = toks[k + 2 : first - 1], toks[first + 1 : second - 1]
    if not top or not bottom:
        return None
    return _fraction(toks[k], d, top, bottom), second
