r"""A layer's gradients per index, for a network the document states only through its derivatives.

Most back-propagation notes never write their forward pass as definitions; they write
``\frac{\partial C}{\partial w^l_{jk}} = a^{l-1}_k \delta^l_j``, ``\frac{\partial C}{\partial b^l_j} =
\delta^l_j``, ``\delta^l_j = \sum_k w^{l+1}_{kj}\delta^{l+1}_k \sigma'(z^l_j)``. As written, C contains
no w, so each such step was left unread. In the standard layered network (z^l_j = Σ_k w^l_{jk}
a^{l-1}_k + b^l_j, a^l_j = f(z^l_j)) they hold whatever the loss of the last layer, with δ^l_j =
∂C/∂z^l_j. So a step still unread whose every name has a role in that network (read from its letter
and its layer label: w, W, θ with two indices; b; a, h; z; δ with one index; f'(z) for any primed
function of a pre-activation; ∂C/∂…, ∂z/∂a …; numbers, Kronecker deltas, sums over an index) is
evaluated on random instances of it (index_network), for every value of its free indices, under
each reading the document allows:

- the weight's indices (to, from) or (from, to), unless a forward pass written as ``z_j = \sum_k
  w_{jk} a_k`` fixes one; steps of one document that hold only under opposite orders confirm
  neither;
- δ as +∂C/∂z or −∂C/∂z unless the document defines it (a δ defined as the derivative by anything
  but a pre-activation keeps every step with δ unread), again by the document's own vote.

Only ``ok`` is given (the step holds on two random networks: sampled, not proved); a step that holds
under no reading stays as it was, since the names' roles are read from letters a document may mean
otherwise. Steps without a layer label (``\delta_k z_j`` where z is Bishop's activation) are left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.index_terms import NotInClass, Reading, holding_readings, layer_labels
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed

__all__ = ["confirm_index_layer_gradients", "document_readings", "normalized", "step_readings"]

#: steps confirmed, and steps read, per document at most (each is a few small networks' finite
#: differences: a long document's time stays bounded)
_MOST_STEPS = 60
_MOST_READ = 200

#: ``x_{jk}^l``, ``x^{l-1}_j``, ``x^{(l)}_j``: a layer label, made ``x_j^{(l)}`` for the reader (which
#: reads a label before the subscript, or one without brackets, as a power)
_SUP = r"\^\s*(?:\{\s*(?:[lLk]|\\ell)\s*(?:[+-]\s*\d)?\s*\}|[lL]|\\ell|\{\s*[(\[][^{}()\[\]]*[)\]]\s*\})"
_BARE_LABEL = re.compile(
    r"(?P<name>(?<![A-Za-z\\])[a-zA-Z]|\\delta|\\theta|\\Theta)"
    rf"(?P<first>\s*(?:_\s*(?:\{{[^{{}}]*\}}|[A-Za-z0-9])|{_SUP}))"
    rf"(?P<second>\s*(?:_\s*(?:\{{[^{{}}]*\}}|[A-Za-z0-9])|{_SUP}))?"
)
#: a primed function the notation may not know (f'(z), g'(z)): read as σ', kept abstract here
_PRIMED = re.compile(r"(?<![A-Za-z\\])(?:f|g|h|\\phi|\\varphi|\\sigma)\s*'\s*(?=\(|\\left\s*\()")
#: δ defined as a derivative: the letter it differentiates by, and a sign
_DELTA_DEFINED = re.compile(
    r"\\delta\s*(?:[_^]\s*(?:\{[^{}]*\}|\S)\s*){0,2}(?::?=|\\equiv|\\coloneqq|\\triangleq|\\doteq)\s*(?P<sign>-)?\s*"
    r"(?:\\[dt]?frac\s*\{\s*\\partial\s*(?:[^{}]|\{[^{}]*\})*\}\s*\{|\\partial\s*[^/$]{1,20}/)\s*\\partial\s*"
    r"(?:\\mathbf\s*\{|\\bm\s*\{|\\boldsymbol\s*\{)?\s*(?P<var>\\?[A-Za-z]+)"
)
#: a name's sub- and superscripts up to a definition's '=' (``z^{(2)}_j =``; not ``\partial z_j} =``)
_DEFINED_NAME = r"\s*(?:[_^]\s*(?:\{[^{}]*\}|\w)\s*){1,3}:?="
#: a forward pass per unit: z_j = \sum_k w_{jk} a_k (the sum's letter says which index is "from")
_FORWARD = re.compile(
    r"(?<![A-Za-z\\])z" + _DEFINED_NAME + r"\s*\\sum(?:\\limits)?\s*_\s*\{?\s*(?P<over>[a-z])"
    r"[^w$]{0,40}w\s*(?:\^\s*(?:\{[^{}]*\}|\S)\s*)?_\s*\{\s*(?P<first>[a-z])\s*,?\s*(?P<second>[a-z])\s*\}"
)
#: a pre-activation written as a function of another (Bishop's z_j = h(a_j)), or an activation's
#: letter given a weighted sum (a_j = \sum_i w_{ji} x_i): the letters do not mean what they mean here
_OTHER_LETTERS = re.compile(
    r"(?<![A-Za-z\\])z" + _DEFINED_NAME + r"\s*(?:h|f|g|\\sigma|\\phi|\\varphi|\\tanh)\s*(?:\(|\\left)"
    r"|(?<![A-Za-z\\])[ah]" + _DEFINED_NAME + r"\s*\\sum[^=$]{0,40}?(?<![A-Za-z\\])(?:w|W|\\theta)\s*[_^]"
)


#: a forward pass in matrix form, z = W a + b or h = f(W^{(l)T} h^{(l-1)} + b): its weight's entries
#: are the per-unit weights, so W a fixes w_{jk} from unit k to j, and Wᵀ a from unit j to k
_MATRIX_FORWARD = re.compile(
    r"(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*W\s*\}|(?<![A-Za-z\\])W)"
    r"(?P<sup>(?:\s*\^\s*(?:\{[^{}]*\}|\\top|\\intercal|\S))*)"
    r"\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*)?[A-Za-z]\s*\}?(?:\s*\^\s*(?:\{[^{}]*\}|\S))?\s*\}?"
    r"\s*\+\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*)?b(?![A-Za-z])"
)
_TRANSPOSE_MARK = re.compile(r"(?<![A-Za-z\\])T(?![A-Za-z])|\\top(?![A-Za-z])|\\intercal(?![A-Za-z])")


def _matrix_orders(text: str) -> set[str]:
    """The weight orders the document's matrix-form forward passes fix (module docstring)."""
    return {"in_out" if _TRANSPOSE_MARK.search(m["sup"]) else "out_in" for m in _MATRIX_FORWARD.finditer(text)}


def normalized(tex: str) -> str:
    """The side with bare layer labels bracketed and unknown primed functions written σ'."""

    def bracket(m: re.Match[str]) -> str:
        parts = [m.group("first").strip(), (m.group("second") or "").strip()]
        subs = [p for p in parts if p.startswith("_")]
        sups = [p for p in parts if p.startswith("^")]
        if not sups or len(subs) + len(sups) != len([p for p in parts if p]):
            return m.group(0)
        label = sups[0][1:].strip()
        label = label[1:-1].strip() if label.startswith("{") else label
        if not label.startswith(("(", "[")):
            label = "(" + label + ")"
        return m.group("name") + "".join(subs[:1]) + "^{" + label + "}"

    return _PRIMED.sub(r"\\sigma'", _BARE_LABEL.sub(bracket, tex))


def document_readings(text: str) -> tuple[tuple[str, ...], tuple[int, ...]] | None:
    """(weight orders, δ signs) the document allows, or None when its letters mean something else."""
    if _OTHER_LETTERS.search(text):
        return None
    orders = {
        ("in_out" if m.group("over") == m.group("first") else "out_in")
        for m in _FORWARD.finditer(text)
        if m.group("over") in (m.group("first"), m.group("second"))
    } | _matrix_orders(text)
    signs = set()
    for m in _DELTA_DEFINED.finditer(text):
        if m.group("var") not in ("z", "Z"):
            signs.add(0)  # δ is the derivative by something else: no reading of δ here
        else:
            signs.add(-1 if m.group("sign") else 1)
    order_choice = tuple(sorted(orders)) if len(orders) == 1 else ("out_in", "in_out")
    sign_choice = (1, -1) if not signs else tuple(sorted(signs))
    return order_choice, sign_choice


def step_readings(
    lhs: str, rhs: str, notation: Any, allowed: tuple[tuple[str, ...], tuple[int, ...]]
) -> list[Reading] | None:
    """The readings under which the step holds ([] none), or None when it is not of the class."""
    if "^" not in lhs + rhs:
        return None
    try:
        left, right = parse_typed(normalized(lhs), notation), parse_typed(normalized(rhs), notation)
    except (Unreadable, RecursionError, ValueError, IndexError):
        return None
    try:
        if not layer_labels(left, right):
            return None
        orders, signs = allowed
        readings = [Reading(order, sign) for order in orders for sign in signs if sign]
        return holding_readings(left, right, readings)
    except NotInClass:
        return None
    except (RecursionError, ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError):
        return None


def confirm_index_layer_gradients(judged: list[Any], context: Any, text: str) -> list[Any]:
    """``judged`` with each unread step (unparsed, or inconclusive without a counterexample) that
    holds in the standard layered network under a reading the document allows made ``ok``."""
    allowed = document_readings(text)
    if allowed is None:
        return judged
    notation = context.typed_notation
    found: dict[int, list[Reading]] = {}
    unread = [k for k, r in enumerate(judged) if r.status in ("unparsed", "inconclusive") and r.counterexample is None]
    for k in unread[:_MOST_READ]:
        if len(found) >= _MOST_STEPS:
            break
        result = judged[k]
        if "^" in result.step.lhs + result.step.rhs:
            readings = step_readings(result.step.lhs, result.step.rhs, notation, allowed)
            if readings:
                found[k] = readings
    out = list(judged)
    holding = list(found.values())
    for k, readings in found.items():
        chosen = _confirmable(readings, holding)
        if chosen is not None:
            out[k] = replace(judged[k], status="ok", message=_message(chosen), method="index layer gradients")
    return out


def _confirmable(readings: list[Reading], holding: list[list[Reading]]) -> Reading | None:
    """The reading to confirm a step under, or None: where one of the document's steps holds only
    under one weight order (or δ sign) and another only under the other, neither is the document's
    convention, and a step that needs one of them is not confirmed (a step holding under both is)."""
    chosen = list(readings)
    for attribute in ("order", "sign"):
        mine = {getattr(r, attribute) for r in readings}
        only = {next(iter(v)) for v in ({getattr(r, attribute) for r in rs} for rs in holding) if len(v) == 1}
        if len(mine) > 1:
            if len(only) == 1:
                chosen = [r for r in chosen if getattr(r, attribute) in only]
            continue
        if len(only) > 1:
            return None
    return chosen[0] if chosen else None


def _message(reading: Reading) -> str:
    order = "w_{jk} from unit k to unit j" if reading.order == "out_in" else "w_{jk} from unit j to unit k"
    sign = "∂C/∂z" if reading.sign > 0 else "−∂C/∂z"
    return (
        "holds on random instances of the standard layered network (z^l = W^l a^{l-1} + b^l, a^l = f(z^l), "
        f"a smooth loss of the last layer), reading {order} and δ as {sign}, for every value of its "
        "indices (sampled on two random networks, not a proof; the names' roles read from their letters"
        " and layer labels)"
    )
