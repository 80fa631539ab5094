"""ok / wrong / inconclusive for two parsed scalar sides, from the one claim judge
(:func:`derive.checks.proof.judge.judge`: cases at kinks, proof first, counterexamples
confirmed exactly at 50 digits inside the domains and conditions, then sampling).

What check-latex adds on top, and why:
- a step is ``ok`` when proved, and also when the proof is open but sampling agreed (the
  message then says "sampled, not proved": a derivation step is usually an identity SymPy
  cannot normalise, and the student wants a verdict);
- a step whose sides use different symbols is never ``wrong``: it may be a definition
  (``y = x^2``) or need context the step does not state;
- the kinks themselves are not decided (``at_kinks=False``): conventions at 0 differ;
- names the notation keeps in (0, 1) (a LeakyReLU slope α) get that domain;
- an equation of a name alone with itself (``P^2 = P``, ``A = A^T``) is a property, not a step,
  for a name declared a matrix and for an operator written with a hat (``\\hat{P}^2 = \\hat{P}``,
  ``\\hat{P}_-^2 = \\hat{P}_-``: quantum mechanics' projectors, hunt 34), subscript or not.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.abstract_functions import stand_in_pairs
from derive.checks.latex.inverse_domains import judged_in_domain
from derive.checks.latex.opaque_costs import opaque_cost_verdict
from derive.checks.latex.probabilities import is_probability_key
from derive.checks.latex.results import verdict
from derive.checks.latex.sign_conditions import shown
from derive.checks.latex.unstated_dependence import PREFIX as UNSTATED
from derive.checks.latex.unstated_dependence import decide_unstated, has_unstated, matrix_like
from derive.checks.latex.vanishing_sides import VANISHED, both_vanish

from derive.errors import DeriveError

__all__ = ["CONDITIONS_CHECKED", "decide"]

#: an operator in physics' notation: a capital under a hat (\hat{P}, \hat{P}_{-}, \hat{L}_{z})
_OPERATOR = re.compile(r"\\(?:hat|widehat)\{[A-Z]\}(?:_|$)")
#: the key of a verdict judged under the step's stated bounds (sign_conditions)
CONDITIONS_CHECKED = "conditions_checked"


def _describe(cex: dict[str, Any]) -> str:
    point = ", ".join(f"{k} = {v}" for k, v in cex["point"].items())
    return f"at {point or 'no inputs'}: left side = {cex['lhs']}, right side = {cex['rhs']}"


def _symbols_note(lhs: Any, rhs: Any) -> str:
    only_l = sorted(map(str, lhs.free_symbols - rhs.free_symbols))
    only_r = sorted(map(str, rhs.free_symbols - lhs.free_symbols))
    parts = [
        f"only on the left: {', '.join(only_l)}" if only_l else "",
        f"only on the right: {', '.join(only_r)}" if only_r else "",
    ]
    return "; ".join(p for p in parts if p)


def _judge(lhs: Any, rhs: Any, units: set[str] | None, seed: int, examples: int, conditions: list[Any]) -> Any:
    # Imported here: SymPy and the prover load in the worker, not in the process reading the document.
    from derive.checks.proof.judge import judge, unit_domains

    domains = unit_domains(units or ())
    how = {"seed": seed, "examples": examples, "timeout": None, "at_kinks": False}
    return judge(lhs, rhs, domains=domains, conditions=conditions, **how)


def decide(
    lhs: Any,
    rhs: Any,
    *,
    matrices: list[str] | None = None,
    seed: int = 0,
    examples: int = 60,
    units: set[str] | None = None,
    conditions: list[Any] | None = None,
) -> dict[str, Any]:
    """ok / wrong / inconclusive for two parsed sides (see the module docstring). ``units``
    names the symbols restricted to (0, 1); others follow their SymPy assumptions. ``conditions``
    (SymPy relations, sign_conditions) hold for the proof and every counterexample; where they
    were so used, the verdict carries CONDITIONS_CHECKED."""
    scalars_note = f"; {', '.join(matrices)} read as scalars (1×1), matrix algebra is not checked" if matrices else ""
    # every probability (P(t_1|x_1) as well as P(t_n|x_n)) is sampled in (0, 1): probabilities.py
    units = set(units or ()) | {s.name for s in lhs.free_symbols | rhs.free_symbols if is_probability_key(s.name)}
    if both_vanish(lhs, rhs):  # 0 = 0: the caller decides whether that says anything (vanishing_sides)
        zero = verdict("inconclusive" if matrices else "ok", "proved (both sides are 0)" + scalars_note, "structural")
        return {**zero, VANISHED: True}
    if has_unstated(lhs, rhs):  # names the document differentiates but never defines (unstated_dependence)
        out = decide_unstated(lhs, rhs, decide, matrices=matrices, seed=seed, examples=examples, units=units)
        if out["status"] != "inconclusive" or matrices or matrix_like(lhs, rhs):
            return out  # read as scalars, a missing transpose or a layout would show as a difference
        return opaque_cost_verdict(lhs, rhs, UNSTATED) or out  # the cost's derivatives kept opaque
    stand_ins = stand_in_pairs(lhs, rhs)
    if stand_ins and lhs.free_symbols != rhs.free_symbols:
        # a definition through an undefined function (h = g(w x)): proving it with stand-ins costs
        # much and could only end here
        return _different_symbols(lhs, rhs)
    if stand_ins:
        return _decide_for_any_function(stand_ins, matrices=matrices, seed=seed, examples=examples, units=units)
    # "ReLU'(z) = 0 for z > 0": a claim about z under its stated bound, not a definition of z
    bounded = {c.lhs for c in conditions or ()}
    same_symbols = not (lhs.free_symbols ^ rhs.free_symbols) - bounded
    try:
        # The caller runs in a killable worker with the step's time limit: no second fork.
        # Proof alone first (sampling a proved step costs more than proving it), sampling
        # only for what the proof leaves open.
        j = _judge(lhs, rhs, units, seed, 0, conditions or [])
        if j.status == "inconclusive" and same_symbols and examples:
            j = _judge(lhs, rhs, units, seed, examples, conditions or [])
    except (DeriveError, TypeError, ValueError, ArithmeticError, RecursionError) as exc:
        return verdict("inconclusive", f"the prover could not handle this step ({type(exc).__name__})", "error")
    out = _verdict_of(j, lhs, rhs, matrices, scalars_note, same_symbols)
    out = judged_in_domain(lhs, rhs, out, conditions)  # \cosh^{-1}: never wrong outside its real domain
    if conditions and out["status"] == "wrong":
        out["message"] += f", a point where the step's stated {' and '.join(map(shown, conditions))} holds"
    return {**out, CONDITIONS_CHECKED: True} if conditions is not None else out


def _verdict_of(j: Any, lhs: Any, rhs: Any, matrices: list[str] | None, scalars_note: str, same: bool) -> dict:
    """The claim judge's judgement ``j`` as check-latex's verdict (module docstring)."""
    if j.status == "proved":
        return verdict("inconclusive" if matrices else "ok", f"proved ({j.method})" + scalars_note, j.method)
    if not same:
        return _different_symbols(lhs, rhs)
    name = _property_of(lhs, rhs) if j.status == "refuted" and j.counterexample is not None else ""
    if name and (name in (matrices or ()) or _OPERATOR.match(name)):  # \\hat{P}^2 = \\hat{P}: an operator's
        why = f"the sides differ for some {name}, but this is an equation {name} satisfies (a property or a hypothesis)"
        return verdict("inconclusive", why + ", not a step", j.method)
    if j.status == "refuted" and j.counterexample is not None:
        cex = {**j.counterexample, "where": j.counterexample.get("where", "")}
        return verdict("wrong", "the sides differ " + _describe(cex), j.method, cex)
    sampled = j.sampling or {}
    if sampled.get("status") == "passed" and j.proof.get("status") != "refuted" and _agree_at_50_digits(lhs, rhs):
        message = f"numerically confirmed on {sampled.get('examples', 0)} samples (sampled, not proved)"
        return verdict("inconclusive" if matrices else "ok", message + scalars_note, "sampled")
    return verdict("inconclusive", "; ".join(j.notes) or "neither proved nor refuted", j.method)


def _property_of(lhs: Any, rhs: Any) -> str:
    """The name of ``P = P^2`` (idempotent), ``A = A^T``: one side a bare symbol the document does
    not define (a defined one was replaced by its value), the other side made of it alone; "" else.
    Of a matrix (the caller asks), such an equation says what P satisfies, often in an "if" list,
    and rewrites nothing; of a number it is a claim (√(x²) = x is wrong at x < 0). A name
    with a subscript is left out: z_i = z_i(δ_{ij} − z_j) at i = j = 1 meets the test only there."""
    for side, other in ((lhs, rhs), (rhs, lhs)):
        plain = "_" not in str(side) or _OPERATOR.match(str(side)) is not None  # \\hat{P}_-: an operator
        bare = getattr(side, "is_Symbol", False) and plain and not getattr(other, "is_Symbol", False)
        if bare and other.free_symbols == {side}:
            return str(side)
    return ""


def _different_symbols(lhs: Any, rhs: Any) -> dict[str, Any]:
    return verdict(
        "inconclusive",
        f"not proved, and the sides use different symbols ({_symbols_note(lhs, rhs)}):"
        " a definition, or a step that needs context",
        "symbols",
    )


def _decide_for_any_function(pairs: list[tuple[Any, Any]], **how: Any) -> dict[str, Any]:
    """A step about a function the document leaves undefined (abstract_functions): ok when it
    holds with each stand-in in the function's place; never wrong (the author's function may be
    a particular one), so anything else is inconclusive."""
    for lhs, rhs in pairs:
        out = decide(lhs, rhs, **how)
        if out["status"] != "ok":
            why = out["message"] if out["status"] == "inconclusive" else "it fails for some functions"
            return verdict(
                "inconclusive",
                f"true or not depending on a function the document does not define ({why})",
                "undefined function",
            )
    return verdict(
        "ok",
        f"holds with three unrelated smooth functions in place of the one the document leaves undefined"
        f" ({out['message']})",
        "undefined function",
    )


def _agree_at_50_digits(lhs: Any, rhs: Any) -> bool:
    """Double precision cannot see 1/7 next to e^{e^{e^{3/2}}}: before a sampled "ok", the
    sides must agree to 44 digits at a few exact points (and be real there)."""
    import sympy as sp
    from derive.checks.proof.canonical import to_exp

    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    agreed = 0
    for k, base in enumerate((sp.Rational(1, 3), sp.Rational(7, 5), sp.Rational(5, 2))):
        point = {s: base + sp.Rational(j, 7) for j, s in enumerate(symbols)}
        try:
            a, b = (sp.N(to_exp(side.xreplace(point)), 60) for side in (lhs, rhs))
        except (ZeroDivisionError, TypeError, ValueError, ArithmeticError):
            continue
        if not (a.is_real and b.is_real and a.is_finite and b.is_finite):
            continue
        if abs(a - b) > sp.Float("1e-44", 60) * max(1, abs(a), abs(b)):
            return False
        if max(abs(a), abs(b)) > 1e20 and not _difference_vanishes(lhs - rhs, point):
            return False
        agreed += 1
        if not symbols and k == 0:
            break
    return agreed > 0


def _difference_vanishes(difference: Any, point: dict) -> bool:
    """Beside sides of size 10^64 (e^{e^5}) even 44 relative digits miss a 1/7: the difference
    itself, evaluated with SymPy's adaptive precision (it raises the working precision until
    the cancellation is resolved, up to 150 digits), must be tiny in absolute terms."""
    import sympy as sp
    from derive.checks.proof.canonical import to_exp

    try:
        d = sp.N(to_exp(difference.xreplace(point)), 15, maxn=150)
    except (ZeroDivisionError, TypeError, ValueError, ArithmeticError):
        return False
    return bool(d.is_number and abs(d) < 1e-20)
