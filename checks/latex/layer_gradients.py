r"""A layer's gradients in matrix form, for a loss the document never writes out.

Back-propagation notes end with the gradients of one layer, in matrix form:
``\frac{\partial C}{\partial W^l} = \delta^l (a^{l-1})^T``, ``\frac{\partial J}{\partial b^{[l]}} =
\frac{1}{m}\sum_i dZ^{[l](i)}``, ``dA^{[l-1]} = W^{[l]T} dZ^{[l]}``. The loss is never written, so the
matrix reader stands it in as a random function, and a side without its derivative differs from
it "as it would for any formula": the steps stayed unread.

They need no loss. In the standard layer Z = W A + b (per example or with a batch of m examples),
the loss depends on W, b and the layer's input A only through Z, so whatever the loss, with
G = ∂C/∂Z (δ, Δ, dZ, ``\frac{\partial C}{\partial z^l}``: any matrix),

    ∂C/∂W = G Aᵀ,   ∂C/∂b = G summed over the examples,   ∂C/∂A = Wᵀ G.

Here such a step is evaluated on random instances (G, A, W random; 3 output units, 2 inputs, a
batch of 4) under each reading the document allows: examples as columns (Z = W A, or Wᵀ A) or as
rows (Z = A W, or A Wᵀ), per example or batched, the gradient shaped like the matrix or as its
transpose (the other layout), δ as ∂C/∂Z or as the per-example derivatives of a mean loss (then
a batch's gradient carries 1/m). A forward pass the document writes for the layer fixes the
orientation; one that pairs other layers (z^{l+1} = W^l a^l) keeps the step out.

The names' roles are read from their letters and layer labels (δ^l, a^{l-1}, W^l), which a
document may mean otherwise, so this mostly confirms (:func:`confirm_layer_gradients`). A document
whose own definitions pin every reading down makes a step that holds under none ``wrong``
(:func:`refutable`): G defined as the whole batch's ∂J/∂Z of the step's loss J (``dZ^{[l]} :=
\frac{\partial J}{\partial Z^{[l]}}``: then ``\frac{1}{m} dZ^{[l]} A^{[l-1]T}`` has a 1/m too many, and
``\partial J/\partial b^{[l]} = dZ^{[l]}`` is not summed over the examples), and, for a weight's or an
input's gradient, its forward pass stated.
A layer's back-propagated error (``\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)``, target
"Z", see backprop_errors) is the input's gradient times a random f′(Z) entry by entry; it is only
confirmed, and its steps join the document's orientation vote with either layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from derive.checks.latex.layer_gradient_roles import Roles, roles_of_step
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Add, Mul, Neg, Node, Num, Sum, Transpose

__all__ = ["ORIENTATIONS", "confirm_layer_gradients", "holding_readings", "holds"]

#: Sizes of the random instances: distinct, so a dropped or extra transpose never fits.
N_OUT, N_IN, BATCH = 3, 2, 4
#: The four ways a layer's product is written: Z = W A, A W, A Wᵀ, Wᵀ A.
ORIENTATIONS = ("WA", "AW", "AWt", "WtA")


class NotInClass(Exception):
    """The formula writes something this model has no value for."""


class Mismatch(Exception):
    """The shapes do not fit under this reading."""


@dataclass(frozen=True)
class Reading:
    orientation: str
    batch: int  # 1: per example
    delta_scale: float  # the document's δ is this multiple of ∂C/∂Z (m: per-example derivatives)


def confirm_layer_gradients(judged: list[Any], context: Any, text: str) -> list[Any]:
    """``judged`` with each unread step (unparsed, or inconclusive without a counterexample) that
    is a layer's gradient holding under the document's reading made ``ok``; every other result as
    it was. ``text``: the document's source (where it says what its dZ or Δ is)."""
    notation = context.typed_notation
    found = [_holding(result.step, context.document, notation, text) for result in judged]
    # the orientation (Z = W A or A W …) and the layout (∂C/∂W shaped like W or like Wᵀ) on which
    # the document's own layer-gradient steps agree: δ aᵀ and a δᵀ for one W in one document are
    # not both its convention
    holding = [_conventions(*f) for f in found if f and f[1]]
    agreed = _agreed_orientations(holding)
    out = []
    for result, f in zip(judged, found, strict=True):
        if f and result.status in ("unparsed", "inconclusive") and result.counterexample is None:
            roles, readings, rhs = f
            if readings and agreed <= _conventions(*f) and _supported(agreed, holding, roles):
                chosen = next(r for r in readings if r.orientation in {o for o, _ in agreed})
                result = replace(result, status="ok", message=_message(roles, chosen), method="layer gradients")
            elif not readings and refutable(result.step, roles, rhs) and (roles.target != "b" or _batch_size(text)):
                example, why = _counterexample(rhs, roles)
                result = replace(result, status="wrong", counterexample=example, message=why, method="layer gradients")
        out.append(result)
    return out


#: a batch's size written as the document averages over it: 1/m, \frac{1}{N}, \sum_{i=1}^{m}
_BATCH_SIZE = re.compile(
    r"\\frac\s*\{?\s*1\s*\}?\s*\{\s*[mnNMB]\s*\}|\\frac\s*1\s*[mnNMB](?![A-Za-z])"
    r"|(?<![A-Za-z0-9.])1\s*/\s*[mnNMB](?![A-Za-z])|\\sum\s*(?:\\limits\s*)?_\s*\{\s*[a-z]\s*=\s*1\s*\}\s*\^\s*\{?\s*[mnNMB]\b"
)


def _batch_size(text: str) -> bool:
    """Does the document average or sum over a batch's examples anywhere? A bias's gradient not
    summed over them is refuted only then: capital layer names alone (Z = W X + b) may be one
    example's vectors, for which ∂J/∂b = ∂J/∂Z holds."""
    return _BATCH_SIZE.search(text) is not None


def refutable(step: Any, roles: Roles, rhs: Node) -> bool:
    """May a step that holds under no reading be called wrong? Only where the document pins every
    reading down: its G is, by its own definition, the whole batch's derivative of the step's loss
    (no 1/m to add, no example to stand for), a weight's or an input's gradient has the orientation
    of the document's forward pass, the step is stated under no condition, and the formula has a
    value (or a shape clash) under every reading."""
    if not (roles.total and roles.total_of and roles.total_of == roles.loss):
        return False
    if roles.target == "Z" or roles.target != "b" and not roles.stated:
        return False  # an error's step (backprop_errors) is only confirmed
    if step.conditions or getattr(step, "brace_note", False):
        return False
    return evaluable(rhs, roles)


def _conventions(roles: Roles, readings: list[Reading], rhs: Node) -> set[tuple[str, str]]:
    """(orientation, layout) pairs under which a step holds: the layout "same" where the formula is
    shaped like the matrix it differentiates by, "turned" where like its transpose; a bias's
    gradient (a column or a row) fits either layout."""
    out = set()
    for reading in readings:
        got, expected = _sides(rhs, roles, reading, 1)
        if roles.target in ("b", "Z"):  # a vector's (an error's) layout says nothing of W's
            out |= {(reading.orientation, "same"), (reading.orientation, "turned")}
        elif isinstance(got, np.ndarray):
            out.add((reading.orientation, "same" if got.shape == expected.shape else "turned"))
    return out


#: the readings of an unwritten forward pass that need a second step of the document behind them:
#: Z = A Wᵀ (rows, W out×in) is a library's convention, not a textbook's; one step that holds only
#: so (∂C/∂A = ∂C/∂Z · W where the author meant Z = A W) is no evidence the document uses it
_UNUSUAL = frozenset({"AWt", "WtA"})


def _supported(agreed: set[tuple[str, str]], holding: list[set[tuple[str, str]]], roles: Roles) -> bool:
    """May the agreed conventions confirm? Always where the document writes its forward pass; without
    one, an unusual orientation only where two of its layer-gradient steps hold under it."""
    orientations = {o for o, _ in agreed}
    if roles.stated or not orientations <= _UNUSUAL:
        return True
    return sum(1 for h in holding if {o for o, _ in h} & orientations) >= 2


def _agreed_orientations(holding: list[set[tuple[str, str]]]) -> set[tuple[str, str]]:
    """The conventions (orientation, layout) under which the fewest of the document's layer-gradient
    steps fail: a step is confirmed only under all of them (a document whose steps split evenly
    between Z = W A and Z = A Wᵀ, or between δ aᵀ and a δᵀ, confirms none of them; one wrong step
    among right ones does not hide them)."""
    if not holding:
        return set()
    every = set().union(*holding)
    failing = {o: sum(o not in h for h in holding) for o in every}
    fewest = min(failing.values())
    return {o for o, n in failing.items() if n == fewest}


def _holding(step: Any, document: Any, notation: Any, text: str) -> tuple[Roles, list[Reading], Node] | None:
    """The step's roles and every reading under which it holds; None if it is not of the class."""
    try:
        lhs, rhs = parse_typed(step.lhs, notation), parse_typed(step.rhs, notation)
    except (Unreadable, RecursionError, ValueError):
        return None
    try:
        roles = roles_of_step(lhs, rhs, document.defs, document.typed, notation, text)
        return None if roles is None else (roles, holding_readings(rhs, roles), rhs)
    except (RecursionError, ValueError, TypeError, IndexError, KeyError, AttributeError):
        return None  # a formula nested too deep or shaped as these readers never expect: not read


def holding_readings(rhs: Node, roles: Roles) -> list[Reading]:
    """Every reading under which ``rhs`` is the gradient ``roles`` names, on two random instances."""
    return [r for r in _readings(roles) if all(_holds_once(rhs, roles, r, seed) for seed in (1, 2))]


def evaluable(rhs: Node, roles: Roles) -> bool:
    """Has the formula a value (or a shape clash) under every reading?"""
    return all(_holds_once(rhs, roles, r, 1) is not None for r in _readings(roles))


def holds(rhs: Node, roles: Roles) -> Reading | None:
    """The first reading under which ``rhs`` is the gradient ``roles`` names."""
    return next(iter(holding_readings(rhs, roles)), None)


def _readings(roles: Roles) -> list[Reading]:
    batches = [BATCH] if roles.batched else [1, BATCH]
    out = []
    for orientation in roles.orientations:
        for batch in batches:
            scales = [1.0, float(batch)] if batch > 1 and not roles.total else [1.0]
            out.extend(Reading(orientation, batch, s) for s in scales)
    return out


def _holds_once(rhs: Node, roles: Roles, reading: Reading, seed: int) -> bool | None:
    """Does the formula equal the gradient on one random instance (None: it cannot be evaluated)?"""
    got, expected = _sides(rhs, roles, reading, seed)
    if got is None:
        return None
    if not isinstance(got, np.ndarray):
        return False
    if roles.target == "b":
        return got.shape in ((expected.size, 1), (1, expected.size)) and np.allclose(got.ravel(), expected.ravel())
    if roles.target == "Z":  # an error is shaped like its Z: rows or columns are the orientation's
        return got.shape == expected.shape and bool(np.allclose(got, expected))
    return any(got.shape == e.shape and np.allclose(got, e) for e in (expected, expected.T))


def _sides(rhs: Node, roles: Roles, reading: Reading, seed: int) -> tuple[Any, Any]:
    """(the formula's value, "a shape clash" where its shapes do not fit, or None where it has no
    value; the gradient) on one random instance."""
    rng = np.random.default_rng(seed)
    w, a, g = _instances(reading, rng)
    values = {"G": g * reading.delta_scale, "A": a, "W": w, "scale": float(reading.batch)}
    expected = _gradient(roles.target, reading.orientation, w, a, g)
    if roles.target == "Z":  # ∂C/∂Z below = (∂C/∂A below) ⊙ f′(Z below), f′ any: D random
        slope = rng.normal(size=a.shape)
        activation = 1.0 / (1.0 + np.exp(-rng.normal(size=a.shape)))
        below = (roles.layer[0], roles.layer[1] - 1)
        if roles.activation_at(below, "") == {"sigmoid"}:  # S = σ(Z), D = σ′(Z) = S (1 − S): one random Z
            slope = activation * (1.0 - activation)
        values.update(D=slope, S=activation, P=_gradient("A", reading.orientation, w, a, g) * reading.delta_scale)
        expected = values["P"] * slope
    try:
        return _value(rhs, roles, values, {}), expected
    except Mismatch as clash:
        return f"a shape clash ({clash})", expected
    except (NotInClass, ZeroDivisionError, FloatingPointError):
        return None, expected


def _instances(reading: Reading, rng: Any) -> tuple[Any, Any, Any]:
    """Random W, A and G = ∂C/∂Z with the shapes of the reading's orientation."""
    columns = reading.orientation in ("WA", "WtA")
    w_shape = (N_OUT, N_IN) if reading.orientation in ("WA", "AWt") else (N_IN, N_OUT)
    a_shape = (N_IN, reading.batch) if columns else (reading.batch, N_IN)
    g_shape = (N_OUT, reading.batch) if columns else (reading.batch, N_OUT)
    return rng.normal(size=w_shape), rng.normal(size=a_shape), rng.normal(size=g_shape)


def _gradient(target: str, orientation: str, w: Any, a: Any, g: Any) -> Any:
    """∂C/∂target for C with ∂C/∂Z = g, shaped like the target (biases: a vector)."""
    if target == "b":
        return g.sum(axis=1) if orientation in ("WA", "WtA") else g.sum(axis=0)
    if target == "W":  # (an error's "Z": the input's gradient, times f′ by the caller)
        forms = {"WA": (g, a.T), "AW": (a.T, g), "AWt": (g.T, a), "WtA": (a, g.T)}
    else:
        forms = {"WA": (w.T, g), "AW": (g, w.T), "AWt": (g, w), "WtA": (w, g)}
    left, right = forms[orientation]
    return left @ right


def _value(node: Node, roles: Roles, values: dict[str, Any], bound: dict[str, int]) -> Any:
    """The value of a formula under one reading (a float or a 2-D array)."""
    if isinstance(node, Num):
        return float(node.value)
    if isinstance(node, Neg):
        return -_value(node.x, roles, values, bound)
    if isinstance(node, Transpose):
        x = _value(node.x, roles, values, bound)
        return x.T if isinstance(x, np.ndarray) else x
    if isinstance(node, Add):
        x, y = _value(node.a, roles, values, bound), _value(node.b, roles, values, bound)
        return _added(x, y, broadcast=roles.target == "Z")
    if isinstance(node, Mul):
        return _product(node, roles, values, bound)
    if isinstance(node, Sum):
        return _batch_sum(node, roles, values, bound)
    role = roles.role_of(node)
    if role is None:
        raise NotInClass(str(node))
    name, sub = role
    value = values[name]
    if sub:
        if sub not in bound or not isinstance(value, np.ndarray) or name not in ("G", "A", "P"):
            raise NotInClass(str(node))
        return _example(value, bound[sub], values)
    return value


def _example(value: Any, k: int, values: dict[str, Any]) -> Any:
    """Example k of a batched G or A: its column (examples as columns) or row."""
    batch = int(values["scale"])
    if value.shape[1] == batch and value.shape[0] != batch:
        return value[:, k : k + 1]
    if value.shape[0] == batch:
        return value[k : k + 1, :]
    raise Mismatch("no example axis")


def _batch_sum(node: Sum, roles: Roles, values: dict[str, Any], bound: dict[str, int]) -> Any:
    """A sum over the examples (its index written on δ or a): the only sum this model reads."""
    if node.cond is not None or node.index in bound:
        raise NotInClass("a sum with a condition")
    total: Any = None
    for k in range(int(values["scale"])):
        term = _value(node.body, roles, values, {**bound, node.index: k})
        total = term if total is None else _added(total, term)
    return total


def _added(x: Any, y: Any, broadcast: bool = False) -> Any:
    """x + y; with ``broadcast`` a number stands for a matrix of it (an error's 1 − a: ones minus a)."""
    if isinstance(x, np.ndarray) != isinstance(y, np.ndarray) and not broadcast:
        raise Mismatch("a scalar added to a matrix")
    if isinstance(x, np.ndarray) and x.shape != y.shape:
        raise Mismatch("shapes differ in a sum")
    return x + y


def _product(node: Mul, roles: Roles, values: dict[str, Any], bound: dict[str, int]) -> Any:
    if node.kind == "div":
        x, y = _value(node.a, roles, values, bound), _value(node.b, roles, values, bound)
        if isinstance(y, np.ndarray) or y == 0:
            raise NotInClass("a division by a matrix")
        return x / y
    if node.kind == "hadamard":
        x, y = _value(node.a, roles, values, bound), _value(node.b, roles, values, bound)
        if isinstance(x, np.ndarray) and isinstance(y, np.ndarray) and x.shape != y.shape:
            raise Mismatch("shapes differ in an element-wise product")
        return x * y
    nodes = roles.factors(node)
    factors = [_value(f, roles, values, bound) for f in nodes]
    total, slope_in = factors[0], roles.role_of(nodes[0]) == ("D", "")
    for f, n in zip(factors[1:], nodes[1:], strict=True):
        slope = slope_in or roles.role_of(n) == ("D", "")
        if isinstance(total, np.ndarray) and isinstance(f, np.ndarray):
            if total.shape[1] == f.shape[0]:
                total = total @ f
            elif slope and total.shape == f.shape:  # g'(Z) against a factor: element-wise (`*`, `.*`)
                total = total * f
            else:
                raise Mismatch("a product whose shapes do not fit")
        else:
            total = total * f
        slope_in = False  # only a product's own neighbour of f′ is read element-wise
    return total


def _counterexample(rhs: Node, roles: Roles) -> tuple[dict[str, Any], str]:
    """The first reading's numbers: where the formula and the gradient differ, or their shapes."""
    reading = _readings(roles)[0]
    got, expected = _sides(rhs, roles, reading, 1)
    form = _FORMS[reading.orientation]
    example: dict[str, Any] = {
        "reading": f"{form}, a batch of {reading.batch} examples",
        "G": f"∂{roles.loss}/∂Z, random",
    }
    fitted = _fitted(got, expected, roles.target)
    if fitted is None:
        shape = "×".join(map(str, got.shape)) if isinstance(got, np.ndarray) else str(got)
        example.update(right=shape, gradient="×".join(map(str, expected.shape)))
        where = f"the right side is {shape}, the gradient {example['gradient']}"
    else:
        k = np.unravel_index(int(np.argmax(np.abs(fitted - expected))), expected.shape)
        example.update(entry=str(tuple(int(i) + 1 for i in k)), right=float(fitted[k]), gradient=float(expected[k]))
        right, gradient = example["right"], example["gradient"]
        where = f"at entry {example['entry']} the right side is {right:.6g}, the gradient {gradient:.6g}"
    forward = f"{form}, the document's forward pass" if roles.stated else "examples as columns or rows"
    why = (
        f"as a layer's gradient, under every reading the document allows ({forward}; G the batch's "
        f"∂{roles.loss}/∂Z, as the document defines it; either layout): {where}"
    )
    return example, why


def _fitted(got: Any, expected: Any, target: str) -> Any:
    """The formula's value in the gradient's shape (either layout; a bias's column or row), or None."""
    if not isinstance(got, np.ndarray):
        return None
    if target == "b" and got.size == expected.size and 1 in got.shape:
        return got.ravel()
    if got.shape == expected.shape:
        return got
    return got.T if got.shape == expected.T.shape else None


_FORMS = {"WA": "Z = W A + b", "AW": "Z = A W + b", "AWt": "Z = A Wᵀ + b", "WtA": "Z = Wᵀ A + b"}


def _message(roles: Roles, reading: Reading) -> str:
    form = _FORMS[reading.orientation]
    batch = "per example" if reading.batch == 1 else f"a batch of {reading.batch} examples"
    if reading.batch > 1:
        batch += ", examples as columns" if reading.orientation in ("WA", "WtA") else ", examples as rows"
    delta = "δ as the per-example derivatives of a mean loss" if reading.delta_scale != 1 else "δ as ∂C/∂Z"
    what = "as a layer's back-propagated error" if roles.target == "Z" else "as a layer's gradient"
    return (
        f"{what}: holds for every smooth loss of the layer's output, read as {form} "
        f"({batch}; {delta}; {roles.described()}; sampled at {N_OUT} outputs and {N_IN} inputs, "
        "not a proof; a reading of the names' roles by their letters and layers)"
    )
