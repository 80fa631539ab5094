r"""An activation the document never defines, applied entry-wise to a matrix: ``A^{[l]} = g(Z^{[l]})``.

Andrew Ng's course writes a layer's forward and backward steps for "an activation g" it never
pins down: ``A^{[l]} = g^{[l]}(Z^{[l]})``, ``dZ^{[l]} = dA^{[l]} * g'^{[l]}(Z^{[l]})``. A letter is
such a function when the document writes it with a prime before a bracket (see
:mod:`derive.checks.latex.abstract_functions`); on a matrix it acts on each entry, as every
activation of the course does (numpy's ``np.tanh(Z)``, ``relu(Z)``).

The matrix judge evaluates such a call with a smooth stand-in function, a different one in each
sampled world, and ``g'`` with the same stand-in's derivative (so ``∂g(Z)/∂Z`` and ``g'(Z)`` agree).
A step that holds for every g holds for each stand-in: ok. A step may hold only for the
author's g (the sigmoid's g' = g(1 − g), named in prose), so a difference is a mistake only
when the values differ under EVERY stand-in tried; a difference of shapes (g' of a vector read
as a Jacobian by the author) or one under some stand-ins only is inconclusive.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from derive.checks.latex.index_sums import split_name
from derive.checks.latex.tensor_ops import Dual, NotJudged
from derive.checks.latex.typed_nodes import Call, Deriv, Sym

__all__ = [
    "ACTIVATION",
    "activation_key",
    "activation_value",
    "activation_verdict",
    "is_activation",
    "primed_activation",
    "used_stand_ins",
]

#: prefix of the function key of an undefined entry-wise activation in the typed (matrix) reader
ACTIVATION = "activation:"


def activation_key(key: str) -> str:
    """``activation:g`` for the abstract function key ``abstract:g``."""
    return ACTIVATION + key.split(":", 1)[1]


def is_activation(fn: str) -> bool:
    return fn.startswith(ACTIVATION)


def primed_activation(node: Any) -> bool:
    r"""Is this ``g'(…)`` of an undefined activation? Written against a factor (``dA g'(Z)``,
    ``W^T dZ g'(Z)``), the product is read as ``\cdot`` is: a matrix product where one fits,
    else element-wise between equal shapes (the course's ``*`` left out)."""
    return isinstance(node, Call) and is_activation(node.fn) and node.prime == 1


def _sigmoid(t: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(t / 2))


def _stand_in(k: int, t: np.ndarray, order: int) -> np.ndarray:
    """The k-th stand-in's ``order``-th derivative at t: three smooth functions of unrelated
    kinds, none an activation a document names (a step true only for the sigmoid is not ok),
    each growing at most linearly (layers composed stay finite)."""
    if k == 0:  # sin t + t/2
        return (np.sin(t) + t / 2, np.cos(t) + 0.5, -np.sin(t))[order]
    if k == 1:  # softplus(t) + 0.3 t
        s = _sigmoid(t)
        return (np.logaddexp(0.0, t) + 0.3 * t, s + 0.3, s * (1 - s))[order]
    q = 1 + 4 * t**2  # arctan(2t) − 0.3 t
    return (np.arctan(2 * t) - 0.3 * t, 2 / q - 0.3, -16 * t / q**2)[order]


#: how many stand-ins there are; world k uses stand-in k mod STAND_INS
STAND_INS = 3


def activation_value(ev: Any, node: Any) -> Dual:
    """``g(X)`` or ``g'(X)`` entry-wise with this world's stand-in, with its tangents."""
    if len(node.args) != 1 or node.prime > 1:
        raise NotJudged(f"{node.fn[len(ACTIVATION):]}(…) with {len(node.args)} arguments")
    ev.world.flags["activation"] = True
    x = ev.ev(node.args[0])
    k = ev.world.stand_in % STAND_INS
    value = _stand_in(k, x.v, node.prime)
    if not np.all(np.isfinite(value)):
        raise NotJudged("a stand-in activation that is not finite at the sampled values")
    d = None if x.d is None else _stand_in(k, x.v, node.prime + 1)[None] * x.d
    return Dual(value, d)


def activation_verdict(
    verdict: dict[str, Any], outcomes: list[tuple[Any, dict[str, Any]]], sides: tuple[Any, Any], defs: dict[str, Any]
) -> dict[str, Any]:
    """The judge's verdict where an undefined activation was evaluated: ok says so; wrong stays
    wrong only when the values differ in every world (under every stand-in) and the step is
    generic in g (:func:`_specific`); anything else is inconclusive."""
    if not any(w.flags.get("activation") for w, _ in outcomes):
        return verdict
    if verdict["status"] == "ok":
        return {**verdict, "message": verdict["message"] + _NOTE}
    if verdict["status"] != "wrong":
        return verdict
    stand_ins = {w.stand_in % STAND_INS for w, _ in outcomes}
    why = None
    if not all(o["status"] == "differ" for _, o in outcomes):
        why = "the sides' shapes differ where an undefined activation g is read entry-wise (the author may mean a map)"
        if any(o["status"] == "same" for _, o in outcomes):
            why = "the sides differ for some stand-ins of an activation the document does not define, not for every one"
    elif len(stand_ins) < STAND_INS:
        why = "the sides differ for too few stand-ins of an activation the document does not define"
    else:
        specific = _specific(sides, defs)
        if specific:
            why = (
                f"the sides differ for every stand-in of an activation the document does not define, but the step "
                f"{specific}: it may hold for the document's own activation (the sigmoid's g' = g(1 − g), the ReLU's)"
            )
    if why is None:
        return {**verdict, "message": verdict["message"] + _NOTE}
    return {"status": "inconclusive", "counterexample": None, "message": why, "method": "tensors"}


_NOTE = " (with each undefined activation as three stand-in smooth functions, entry-wise)"


def used_stand_ins(verdict: dict[str, Any]) -> bool:
    """Was this ok found with stand-ins for undefined activations? Every such activation of a
    world is the same stand-in (g^{[2]} and g^{[3]} alike), so an ok that compares their
    derivatives value for value may come from that sameness alone."""
    return _NOTE in verdict["message"]


def _specific(sides: tuple[Any, Any], defs: dict[str, Any]) -> str | None:
    """Why the step may hold for one activation though not for the stand-ins, or None.

    A value of the activation outside any derivative (an unprimed g(…), or a name defined as
    one, A = g(Z)) can state a property of one activation (dZ = dA * A(1 − A), dZ = A − Y for
    the sigmoid); so can a step that writes no g'(…) at all (dZ = dA for the identity,
    dZ = dA * 1{Z > 0} for the ReLU). A step that writes g'(…) and nothing else of g outside
    its derivatives is generic in g."""
    primed = False
    layer_value = _layer_value(sides, defs)
    if layer_value is not None:
        return f"uses {layer_value}, which the document may mean as the activation's value in that layer"
    stack: list[Any] = list(sides)
    while stack:
        item = stack.pop()
        if isinstance(item, Deriv):
            continue
        if isinstance(item, Call) and is_activation(item.fn):
            if not item.prime:
                return f"uses {item.fn[len(ACTIVATION):]}(…) outside a derivative"
            primed = True
        if isinstance(item, Sym):
            value = defs.get(item.full, defs.get(item.stem))
            if value is not None and _calls_activation(value):
                return f"uses {item.full} outside a derivative"
            continue
        if isinstance(item, tuple):
            stack.extend(item)
        elif hasattr(item, "__dict__"):
            stack.extend(item.__dict__.values())
    return None if primed else "writes no g'(…)"


def _calls_activation(node: Any) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Call) and is_activation(item.fn):
            return True
        if isinstance(item, tuple):
            stack.extend(item)
        elif hasattr(item, "__dict__"):
            stack.extend(item.__dict__.values())
    return False


def _labels(node: Any) -> dict[str, str]:
    """Name → its superscript label (``z^{(2)}`` → ``(2)``) for every name of a tree."""
    out: dict[str, str] = {}
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Sym):
            parts = split_name(item.full)
            if parts and parts[2]:
                out[item.full] = parts[2]
        elif isinstance(item, tuple):
            stack.extend(item)
        elif hasattr(item, "__dict__"):
            stack.extend(item.__dict__.values())
    return out


def _layer_value(sides: tuple[Any, Any], defs: dict[str, Any]) -> str | None:
    """A name the document never defines, written with the layer label of g'(…)'s argument
    (``a^{(2)}`` beside ``g'(z^{(2)})``): by convention that layer's activation value, g(z^{(2)}),
    which the document may state only in prose (held-out hunt: Ng's notes, ``g'(z^{(2)}) =
    a^{(2)} .* (1 - a^{(2)})``)."""
    arguments: dict[str, str] = {}
    stack: list[Any] = list(sides)
    while stack:
        item = stack.pop()
        if isinstance(item, Call) and is_activation(item.fn) and item.prime:
            arguments.update(_labels(item.args))
        if isinstance(item, tuple):
            stack.extend(item)
        elif hasattr(item, "__dict__"):
            stack.extend(item.__dict__.values())
    if not arguments:
        return None
    layers = set(arguments.values())
    for name, label in sorted(_labels(sides).items()):
        value = defs.get(name)
        # defined as a function of g's own argument (the notation's a^{(2)} = ReLU(z^{(2)}) from another
        # course), it is that layer's activation value too, which the document's g may be
        at_argument = isinstance(value, Call) and any(isinstance(a, Sym) and a.full in arguments for a in value.args)
        if label in layers and name not in arguments and (value is None or at_argument):
            return name
    return None
