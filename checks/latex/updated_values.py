r"""New weights a worked example states by their value only: ``w_2' = 0.203``, ``w_6^{+} = 0.4087``.

After one update written out (``w_1' = w_1 - \eta \frac{\partial L}{\partial w_1} = …``) a worked
example lists the other new weights as numbers. Such a step is judged when the document has
everything the update needs:

- it writes the update rule for a name with the same mark (``w_1' = w_1 - \eta …``, or ``W_{new}
  = W_{old} - \eta …``): a formula of an updated name with a minus, a derivative and a learning-rate
  symbol (η, α, μ or lr) that has a value (stated in prose, or given);
- the unmarked name has a value before (``w_2 = 0.2``, also one put in by a row: substituted_values);
- the derivative of one loss by that name has exactly one value (``\frac{\partial L}{\partial w_2}
  = -0.0255``), the same in every place it is given.

The step is ``ok`` when the number is ``w - \eta g`` to its last place (one unit, plus the rounding
of the values used), else ``inconclusive``, never wrong: the update the example means for this
weight (momentum, another rate, another loss) is not written.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.notation import Notation, identifier_name

from derive.errors import DeriveError

__all__ = ["judge_update_value"]

_MARKED = re.compile(r"(?P<base>.+)\^\{\[(?P<mark>[^\]]+)\]\}")
_RATES = (r"\eta", r"\alpha", r"\mu", r"\mathrm{lr}")
_NUMBER = re.compile(r"\s*(-?)\s*(\d+(?:\.\d+)?|\.\d+)\s*")


def _rule_rate(
    formulas: list[tuple[str, str, tuple[int, int]]], mark: str, notation: Notation, at: tuple
) -> str | None:
    """The rate symbol of an update rule the document writes for a name with this mark, before ``at``."""
    for name, formula, where in formulas:
        m = _MARKED.fullmatch(name)
        if m is None or m.group("mark") != mark or where >= at or "-" not in formula:
            continue
        if not re.search(r"\\partial|\\frac\s*\{\s*d|\\nabla", formula):
            continue
        for rate in _RATES:
            if re.search(re.escape(rate) + r"(?![A-Za-z])", formula):
                try:
                    return identifier_name(rate, notation=notation)
                except DeriveError:
                    return None
    return None


def judge_update_value(
    lhs: str,
    rhs: str,
    notation: Notation,
    latest: dict[str, Any],
    derivatives: dict[str, Any],
    formulas: list[tuple[str, str, tuple[int, int]]],
    at: tuple[int, int],
) -> dict[str, Any] | None:
    """The verdict on ``w_2' = 0.203`` (module docstring), or None when it is not one."""
    import sympy as sp

    number = _NUMBER.fullmatch(rhs)
    try:
        name = identifier_name(lhs, notation=notation)
    except DeriveError:
        return None
    m = _MARKED.fullmatch(name)
    if number is None or m is None:
        return None
    base, mark = m.group("base"), m.group("mark")
    rate = _rule_rate(formulas, mark, notation, at)
    grads = [v for key, v in derivatives.items() if key.endswith(f"/∂{base}") and v.at < at]
    if rate is None or rate not in latest or base not in latest or len(grads) != 1:
        return None
    w, eta, g = latest[base], latest[rate], grads[0]
    digits = number.group(2) if not number.group(2).startswith(".") else "0" + number.group(2)
    written = sp.Rational(digits) * (-1 if number.group(1) else 1)
    places = len(digits.split(".")[1]) if "." in digits else 0
    expected = w.value - eta.value * g.value
    slack = (sp.Rational(1, 10**places) if places else 0) + w.unit + abs(eta.value) * g.unit + abs(g.value) * eta.unit
    shown = f"{base} = {w.text}, {rate} = {eta.text}, {g.name} = {g.text}"
    rule = f"{base} - {rate} {g.name} = {float(expected):.6g} with the document's values ({shown})"
    if abs(expected - written) <= slack:
        why = f"{rule}: the update rule it writes"
        return {"status": "ok", "counterexample": None, "message": why, "method": "numeric values"}
    why = f"{rule}, not {number.group(0).strip()}"
    return {
        "status": "inconclusive",
        "counterexample": None,
        "message": why + ": the update meant for this weight is not written",
        "method": "numeric values",
    }
