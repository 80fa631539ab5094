r"""A function the document never defines, applied: ``h_\theta(x^{(i)})``, ``\ell(\theta)``,
``g(z, y)``, read as the value of an unknown function, for algebra steps only; likewise
``\max(Z_i)`` of one argument (the largest entry of a family: the softmax's stabilising shift).

CS229-style write-ups use ``h_\theta(x^{(i)})`` throughout without ever writing what h is in a
form the reader takes, and ``f(x)`` may just as well be a product f·x, so the reader refuses such a
step ("a function application or a product?"). Many of these steps are pure algebra around the
call, though: ``-\sum_i h(x^{(i)})(1-h(x^{(i)})) z^T x^{(i)} x^{(i)T} z = -\sum_i h(x^{(i)})(1-h(x^{(i)}))
(x^{(i)T} z)^2``. Read again with each call as one unknown value (the same text, the same value;
``h(x^{(1)})`` and ``h(x^{(2)})`` two values under ``\sum_i``), such a step may be proved for every
value those calls could take, so for whatever the function is. It is then ``ok`` under both
readings: a product f·x is one such value too.

Only ``ok`` is taken from this reading, and only for a step with no derivative anywhere (the
derivative of an unknown value by one of its arguments is not 0): a step it does not prove stays
unread for the usual reason, because the calls' values are tied to their arguments in ways this
reading leaves out (``h_\theta(x) = \frac{1}{1+e^{-\theta^T x}}`` is the definition of h, not a
false step).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.example_labels import instantiate_label
from derive.checks.latex.probabilities import flat_tokens, instantiate_subscripts

__all__ = ["AMBIGUOUS_CALL", "IndexInCall", "call_key", "instantiate_call", "is_call_key", "judge_opaque"]

#: the reader's reason for refusing ``f(x)`` (norm_names.py): the only problem this reading answers
AMBIGUOUS_CALL = "a function application or a product?"
#: marks of a derivative in a step's text: ∂, d/dx, ∇, a prime, \dot
_DERIVATIVE = re.compile(
    r"\\partial|\\nabla|\\prime|'|\\frac\s*\{\s*d|\\dfrac\s*\{\s*d|\\mathrm\s*\{\s*d\s*\}|\\operatorname\s*\{\s*d\s*\}|\\dot"
)


#: ``\max(Z_i)``, ``\max(z)``, ``\max_k x_k``: the largest entry of a family (softmax's stabilising
#: shift), one value
_EXTREMUM = re.compile(r"\b(?:max|min) with 1 argument\(s\)|a subscript on the function \\(?:max|min)\b")


#: a decimal written in a step (0.9933, .5): perhaps a rounded value
_WRITTEN_DECIMAL = re.compile(r"\d?\.\d")


class IndexInCall(Exception):
    """An index that cannot take its values inside a call's name (sympy_build reports it unread)."""


def call_key(name: str, inside: list[str]) -> str:
    """The one name a call is read as: ``h_{\\theta}(x^{(i)})`` (scripts braced, fonts dropped)."""
    return f"{name}({flat_tokens(inside)})"


def is_call_key(name: str) -> bool:
    """Is this symbol name a call read by this module (it ends in its bracket)?"""
    return name.endswith(")") and "(" in name and not name.startswith("(")


def instantiate_call(key: str, env: dict[str, int]) -> str:
    """``h(x^{(i)})`` with i = 2 → ``h(x^{(2)})``: subscripts and (i)/[i] labels take their index
    values. An index still standing alone in the argument (``f(i)``) cannot be given its value in
    a name, so the step is not read (never one value for every i)."""
    if not env:
        return key
    head, _, arguments = key.partition("(")
    arguments = instantiate_subscripts(arguments, env)
    arguments = re.sub(r"\^\{([^{}]*)\}", lambda m: "^{" + instantiate_label(m.group(1), env) + "}", arguments)
    head = instantiate_subscripts(head, env)
    bare = [c for c in env if re.search(rf"(?<![A-Za-z\\]){c}(?![A-Za-z])", _without_scripts(arguments))]
    if bare:
        raise IndexInCall(f"the index {bare[0]} inside the argument of {head}")
    return f"{head}({arguments}"


def _without_scripts(text: str) -> str:
    """The argument text without its instantiated scripts and commands (x^{(2)} → x)."""
    text = re.sub(r"[_^]\{[^{}]*\}", "", text)
    return re.sub(r"\\[A-Za-z]+", "", text)


def judge_opaque(
    step: Any,
    problems: list[str],
    notation: Any,
    read: Callable[[Any, Any], tuple[Any, Any]],
    check: Callable[[Any, Any], dict[str, Any]],
    valued: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """The verdict of a step refused only for calls of undefined functions, read with each call as
    an unknown value: ``ok`` when proved (or exactly sampled) for every such value, else None.
    Where every call is one of ``valued``, the calls the document gives an exact value before the
    step (``Q(0) = …``, valued_calls), the step is arithmetic on those values and its verdict stands
    (a wrong only where the step writes no decimal, which may round such a value)."""
    if not problems or not all(AMBIGUOUS_CALL in p or _EXTREMUM.search(p) for p in problems):
        return None
    if _DERIVATIVE.search(step.lhs) or _DERIVATIVE.search(step.rhs):
        return None
    lhs, rhs = read(step, replace(notation, opaque_calls=True))
    if lhs.problems or rhs.problems:
        return None
    out = check(lhs, rhs)
    calls = sorted({n for side in (lhs, rhs) for n in side.symbol_names if is_call_key(n)})
    shown = ", ".join(calls[:2]) + (", …" if len(calls) > 2 else "")
    # Q(0) = …: every call has the value the document gives it (valued_calls); a wrong only without
    # a decimal in the step, which may be a rounding of such a value (-\log Q(0) = -\log(0.9933))
    rounded = _WRITTEN_DECIMAL.search(step.lhs) or _WRITTEN_DECIMAL.search(step.rhs)
    if calls and set(calls) <= valued and not (rounded and out["status"] == "wrong"):
        return {**out, "message": f"{out['message']}; reading {shown} as the value the document gives it"}
    if out["status"] != "ok":
        return None
    why = f"{shown}: a function the document does not define, applied; the step holds whatever its values are"
    return {**out, "message": f"{out['message']}; reading {why}"}
