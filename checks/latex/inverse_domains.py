r"""Steps judged on the real numbers: inverse functions, roots and logs where they are real.

SymPy evaluates ``asinh``, ``acosh``, ``atanh`` … (see :mod:`inverse_functions` for how they are
read), and square roots and logarithms, as complex numbers outside their real domains, and two
formulas that agree on the real domain may differ there: ``\cosh^{-1}x = \ln(x + \sqrt{x^2 - 1})``
at x = −2, ``\frac{d}{dx}\cosh^{-1}x = \frac{1}{\sqrt{x^2-1}}`` (SymPy's derivative is
1/(√(x−1)√(x+1)), −1/√3 at x = −2). A step is about real functions, so a ``wrong`` for a step that
writes an inverse function, or whose counterexample makes a root, a log or an inverse function
of it complex, is judged again at points where every such part is real and each inverse
function's argument is inside its real domain (:func:`judged_in_domain`): differing there it stays
wrong, with that point; agreeing at every such point it is ``ok`` where the step states its
condition (the row's ``x > 1``) and inconclusive otherwise (true on a domain the step does not
say); with too few such points, inconclusive. Never wrong for a point outside the domain.
"""

from __future__ import annotations

import itertools
from typing import Any

from derive.checks.latex.results import verdict

__all__ = ["judged_in_domain"]

#: where each inverse is real, as a test on its (real) argument; asinh, atan, acsch are real
#: everywhere they are finite
_REAL_DOMAIN = {
    "asin": lambda a: -1 < a < 1,
    "acos": lambda a: -1 < a < 1,
    "atanh": lambda a: -1 < a < 1,
    "acosh": lambda a: a > 1,
    "asech": lambda a: 0 < a < 1,
    "acoth": lambda a: abs(a) > 1,
}
_DOMAIN_TEXT = {
    "asin": "-1 < x < 1", "acos": "-1 < x < 1", "atanh": "-1 < x < 1",
    "acosh": "x > 1", "asech": "0 < x < 1", "acoth": "|x| > 1",
}  # fmt: skip
#: values tried for each free name: inside (-1, 1), beyond ±1, and near both ends
_TRIAL_VALUES = (
    "0.27", "-0.41", "1.37", "-1.6", "0.62", "2.15", "-0.83", "3.4", "0.91", "-2.7", "1.12", "4.6", "-0.13", "1.85",
)  # fmt: skip
_ENOUGH_POINTS = 4
_MAX_TRIALS = 150
#: a step with more parts than this is not evaluated part by part (the time limit): inconclusive
_MAX_PARTS = 16


def _inverse_calls(expr: Any) -> list[Any]:
    import sympy as sp

    kinds = (sp.asin, sp.acos, sp.atan, sp.asinh, sp.acosh, sp.atanh, sp.asech, sp.acsch, sp.acoth)
    return [node for node in sp.preorder_traversal(expr) if isinstance(node, kinds)]


def _partial_parts(expr: Any) -> list[Any]:
    """The parts that may leave the real numbers: roots (fractional powers), logs, inverse functions."""
    import sympy as sp

    def partial(node: Any) -> bool:
        if isinstance(node, sp.Pow):
            return node.exp.is_number and not node.exp.is_integer
        return isinstance(node, sp.log)

    return [node for node in sp.preorder_traversal(expr) if partial(node)] + _inverse_calls(expr)


def _real_value(expr: Any, point: dict[Any, Any]) -> Any:
    """The value at the point to 30 digits, or None where it is not a finite real number."""
    import sympy as sp

    try:
        value = sp.N(expr.xreplace(point), 30)
    except (ZeroDivisionError, TypeError, ValueError, ArithmeticError):
        return None
    if not (value.is_number and value.is_finite):
        return None
    real, imaginary = value.as_real_imag()
    if abs(imaginary) > sp.Float("1e-25", 30) * max(1, abs(real)):
        return None
    return real


def _real_at(parts: list[Any], point: dict[Any, Any]) -> bool:
    """Is every part real at the point, each inverse function's argument inside its real domain?"""
    for part in parts:
        test = _REAL_DOMAIN.get(type(part).__name__)
        if test is not None:
            argument = _real_value(part.args[0], point)
            if argument is None or not test(float(argument)):
                return False
        if _real_value(part, point) is None:
            return False
    return True


def _counterexample_point(out: dict[str, Any], symbols: list[Any]) -> dict[Any, Any] | None:
    """The judge's counterexample as a point of the sides' symbols (its values are the judge's numbers)."""
    import sympy as sp

    written = (out.get("counterexample") or {}).get("point")
    if not isinstance(written, dict):
        return None
    by_name = {str(s): s for s in symbols}
    try:
        return {by_name[name]: sp.Rational(str(value)) for name, value in written.items() if name in by_name}
    except (TypeError, ValueError):
        return None


def _points(symbols: list[Any]) -> Any:
    """Deterministic trial points: up to three symbols take every combination of the trial values;
    more take them at different strides (never all equal: x = y may hide a difference)."""
    import sympy as sp

    values = [sp.Rational(v) for v in _TRIAL_VALUES]
    if len(symbols) <= 3:
        combos: Any = itertools.product(values, repeat=len(symbols))
    else:
        n = len(values)
        combos = (tuple(values[(i * (2 * j + 1) + 3 * j) % n] for j in range(len(symbols))) for i in range(n * n))
    for combo in itertools.islice(combos, _MAX_TRIALS):
        yield dict(zip(symbols, combo, strict=True))


def _holds(point: dict[Any, Any], conditions: list[Any]) -> bool:
    try:
        return all(bool(c.xreplace(point)) for c in conditions)
    except TypeError:
        return False


def _needs_real_check(out: dict[str, Any], lhs: Any, rhs: Any, parts: list[Any]) -> bool:
    """A wrong whose counterexample leaves the reals (or an inverse function's domain), or, for a step
    that writes an inverse function, whose counterexample cannot be read."""
    if out["status"] != "wrong" or not parts:
        return False
    point = _counterexample_point(out, sorted(lhs.free_symbols | rhs.free_symbols, key=str))
    if point is not None and _real_at(parts, point):
        return False  # refuted at a point where every part is real: a sound counterexample as it is
    return point is not None or bool(_inverse_calls(lhs) or _inverse_calls(rhs))


def judged_in_domain(lhs: Any, rhs: Any, out: dict[str, Any], conditions: list[Any] | None) -> dict[str, Any]:
    """A ``wrong`` judged again where every part of the step is real (module docstring); any other
    verdict, or a wrong whose counterexample is real throughout, is returned as it came."""
    parts = _partial_parts(lhs) + _partial_parts(rhs)
    if not _needs_real_check(out, lhs, rhs, parts):
        return out
    if len(parts) > _MAX_PARTS:
        why = f"{out['message']}, a point where the step may not be real (roots, logs or inverse functions)"
        return verdict("inconclusive", why + ", too many of them to judge it on the reals", "domain")
    import sympy as sp

    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    agreed = 0
    for point in _points(symbols):
        if not _holds(point, conditions or []) or not _real_at(parts, point):
            continue
        left, right = _real_value(lhs, point), _real_value(rhs, point)
        if left is None or right is None:
            continue
        if abs(left - right) > sp.Float("1e-12", 30) * max(1, abs(left), abs(right)):
            where = ", ".join(f"{s} = {v}" for s, v in point.items()) or "no inputs"
            why = f"the sides differ at {where}, where every root, log and inverse function in the step is real"
            cex = {"point": {str(s): str(v) for s, v in point.items()}, "lhs": str(left), "rhs": str(right)}
            return verdict("wrong", f"{why}: left side = {float(left):.12g}, right side = {float(right):.12g}",
                           out.get("method", "sampled"), {**cex, "where": ""})  # fmt: skip
        agreed += 1
        if agreed >= _ENOUGH_POINTS * 3:
            break
    names = sorted({type(p).__name__ for p in parts if type(p).__name__ in _DOMAIN_TEXT})
    domain = ", ".join(f"{n} ({_DOMAIN_TEXT[n]} of its argument)" for n in names) or "its roots and logs"
    if agreed < _ENOUGH_POINTS:
        why = f"{out['message']}, a point where the step is not real (outside the real domain of {domain})"
        return verdict("inconclusive", why + ", and too few real points were found to judge it there", "domain")
    if conditions:
        return verdict("ok", f"holds at {agreed} sampled points where the step is real (the real domain of {domain})"
                       " under the step's stated condition (sampled, not proved)", "domain")  # fmt: skip
    why = f"holds at {agreed} sampled points where the step is real (the real domain of {domain}); the sides"
    return verdict("inconclusive", why + " differ only outside it, and the step states no condition", "domain")
