r"""Limits: ``\lim_{h \to 0} …`` read as an operator on the product after it, like a sum, and
evaluated by SymPy's ``limit`` on the built expression.

A derivative from first principles (``\frac{d}{dx}\log_a x = \lim_{\Delta x\to0}\frac{\log_a(x+\Delta
x)-\log_a x}{\Delta x} = \lim_{\Delta x\to0}\frac{1}{\Delta x}\log_a(1+\frac{\Delta x}{x}) = …``)
rewrites the body of the limit step by step; each link is a limit of a new body. The limit
applies to the rest of the product (up to a top-level + or −), as ``\sum`` does. Its subscript
is one variable, an arrow (``\to``, ``\rightarrow``) and a point: a number, ``0^+``/``0^-``
(one side), or ``\infty``. In a side with a limit, ``\Delta x`` is one name (limit_tokens.py).

A limit SymPy cannot settle (no closed form, the two one-sided limits differ, a time-out of
the step) is not read ("a limit SymPy could not settle"), never guessed: a step is only called
wrong from the values SymPy gives, and those are exact.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.tex_tokens import Operator, Unreadable

__all__ = ["read_limit", "settle_limit"]

ARROWS = {r"\to", r"\rightarrow", r"\longrightarrow"}


def read_limit(norm: Any, i: int) -> tuple[Operator, int]:
    r"""``\lim_{x \to p}`` at i (a normaliser, see normalize.py) → the operator and the index after
    it; the variable and point are recorded in ``norm.r.limits``."""
    k = i + 1
    if k >= len(norm.toks) or norm.toks[k] != "_":
        raise Unreadable("a limit without its variable")
    arg, k = norm.read_arg(k + 1)
    arrows = [j for j, t in enumerate(arg) if t in ARROWS]
    if len(arrows) != 1:
        raise Unreadable("a limit whose subscript is not 'variable → point'")
    var_toks, point_toks = arg[: arrows[0]], arg[arrows[0] + 1 :]
    name, end, power = norm.sub_normalizer(var_toks).read_identifier(0) if var_toks else (None, 0, None)
    if name is None or end != len(var_toks) or power:
        raise Unreadable("a limit whose variable is not one name")
    point = _point(point_toks)
    if point is None:
        raise Unreadable("a limit at a point that is not a number or ∞")
    n = norm.new_id(norm.r.limits)
    norm.r.limits[n] = (name, point)
    return Operator("l", n, "a limit"), k


def _point(toks: list[str]) -> str | None:
    """The point as recorded: an integer with an optional side (``0+``, ``0-``), ``oo`` or ``-oo``."""
    flat = "".join(t for t in toks if t not in ("{", "}"))
    m = re.fullmatch(r"(-?\d+)(?:\^([+-]))?", flat)
    if m:
        return m.group(1) + (m.group(2) or "")
    if flat in (r"\infty", r"+\infty"):
        return "oo"
    if flat == r"-\infty":
        return "-oo"
    return None


def settle_limit(body: Any, var: Any, point: str) -> Any | None:
    """The limit of ``body`` as ``var`` goes to ``point``, or None when SymPy cannot settle it."""
    import sympy as sp

    if point in ("oo", "-oo"):
        at, direction = (sp.oo if point == "oo" else -sp.oo), "+" if point == "-oo" else "-"
    else:
        side = point[-1] if point[-1] in "+-" and len(point) > 1 and point[-2].isdigit() else ""
        at, direction = sp.Integer(int(point.rstrip("+-") if side else point)), side or "+-"
    if var not in body.free_symbols:
        return body
    try:
        value = sp.limit(body, var, at, dir=direction)
    except (ValueError, NotImplementedError, TypeError, ArithmeticError, sp.PoleError):
        return None
    if value.has(sp.Limit, sp.AccumBounds, sp.nan, sp.zoo, sp.oo, -sp.oo) or var in value.free_symbols:
        return None
    return value
