r"""Steps of a worked example written with names only, every name given a number before.

A worked example computes ``z_1 = 0.21`` and ``z_2 = 0.19``, then writes

    a_2 = Sigmoid(z_1) = \frac{1}{1+e^{-z_2}} = \frac{1}{1+e^{-0.19}} = 0.547

The middle step has names on both sides and no number, so numeric_values (a side of names, a
side of numbers) does not take it, and the symbolic judges leave it inconclusive: its sides use
different symbols (z_1 against z_2), which a relation the document does not state might tie. In
the example every one of those names has a value, so the step is a claim about those numbers:
σ(0.21) = 0.5523 against σ(0.19) = 0.5474, an index slip.

Judged here, only when the other judges left the step inconclusive:

- both sides are formulas: a lone name on either side (``a_2 = σ(z_1)``, ``w = w - η g``) gives
  or updates a value, an assignment rather than a claim;
- every name on both sides has a value by then (numeric_values: the latest before the step),
  none given two values that disagree;
- ``ok`` when the sides agree within the rounding of the values (one unit of each value's last
  place, carried through to first order); ``wrong`` only beyond ten times that, with the
  values as the counterexample; in between ``inconclusive``.

A correct formula holds at every point, the document's values too; what this adds is that a
step the symbolic judges could not tie to its context is compared where the example lives.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import Notation
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["at_values", "judge_valued_step"]

#: beyond one rounding unit the step is inconclusive, beyond this many units it is wrong
_BAND = 10


def judge_valued_step(
    lhs_tex: str, rhs_tex: str, notation: Notation, latest: dict[str, Any], torn: set[str], var: str | None
) -> dict[str, Any] | None:
    """ok / inconclusive / wrong for a step whose names all have the example's values, else None.
    ``latest`` maps a name to its NumericValue (value, unit, text) at the step."""
    import sympy as sp

    try:
        lhs = to_sympy(normalize(lhs_tex, notation, var))
        rhs = to_sympy(normalize(rhs_tex, notation, var))
    except (Unparsed, RecursionError, TypeError, ValueError):
        return None
    if not (lhs.free_symbols and rhs.free_symbols) or lhs.is_Symbol or rhs.is_Symbol:
        return None
    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=lambda s: s.name)
    if any(s.name not in latest or s.name in torn for s in symbols):
        return None
    found = at_values(lhs, rhs, {s: latest[s.name].value for s in symbols}, {s: latest[s.name].unit for s in symbols})
    if found is None:
        return None
    left, right, slack = found
    diff = abs(left - right)
    slack = slack + sp.Float(1e-12) * max(abs(left), abs(right), 1)
    shown = ", ".join(f"{s.name} = {latest[s.name].text or latest[s.name].value}" for s in symbols)
    if diff <= slack:
        return _out("ok", f"equal with the document's values put in ({shown}), to the precision written")
    if diff <= _BAND * slack:
        why = f"with the document's values ({shown}) the sides differ by {float(diff):.3g}"
        return _out("inconclusive", why + ": the rounding of those values may explain it")
    cex = {
        "point": {s.name: latest[s.name].text or str(latest[s.name].value) for s in symbols},
        "lhs": f"{float(left):.10g}",
        "rhs": f"{float(right):.10g}",
        "where": "the values the document computed before this step",
    }
    message = f"with the document's values ({shown}) the sides are {cex['lhs']} and {cex['rhs']}"
    return {"status": "wrong", "counterexample": cex, "message": message, "method": "numeric values"}


def at_values(lhs: Any, rhs: Any, point: dict[Any, Any], units: dict[Any, Any]) -> tuple[Any, Any, Any] | None:
    """(left, right, slack) of two sides at the document's values: the slack is one rounding unit
    of each value carried through the difference to first order (numeric_values uses it too).
    None when a side does not evaluate to a finite real number there."""
    import sympy as sp

    try:
        left, right = sp.N(lhs.subs(point), 30), sp.N(rhs.subs(point), 30)
        terms = (abs(sp.N(sp.diff(lhs - rhs, s).subs(point), 30)) * units[s] for s in point)
        slack = sum(terms, sp.Integer(0))
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        # RecursionError: a derivative of an undefined function at a value SymPy unfolds without end
        return None
    if not all(x.is_real and x.is_finite for x in (left, right, slack)):
        return None
    return left, right, slack


def _out(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "counterexample": None, "message": message, "method": "numeric values"}
