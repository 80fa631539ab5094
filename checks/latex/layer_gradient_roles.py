r"""The roles of a layer-gradient step's names, read from their letters and layer labels (for
layer_gradients).

``\frac{\partial C}{\partial W^{[l]}} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}`` differentiates a loss by
the weight of layer l: the TARGET is the weight (``W``, ``w``, ``\Theta``), the bias (``b``) or the
layer's input (``a``, ``A``, ``h``, ``H`` at l-1, written ``dA^{[l-1]}`` too). On the other side:

- ``G``, the loss's derivative by the layer's pre-activation, at the target's layer: ``\delta^l``,
  ``\Delta^l``, ``dZ^{[l]}``, ``dz^{[l]}``, ``\frac{\partial C}{\partial z^l}`` (an index on it, bound
  by a sum, picks one example: ``\sum_n \delta^{(2)}_n``);
- ``A``, the layer's input: ``a``, ``A``, ``h`` or ``H`` one layer below;
- ``W``, the layer's weight (for the input's gradient only);
- the batch size, a bare ``m``, ``n``, ``N``, ``M`` or ``B``; and numbers.

Anything else (a target, ``p - y``, another layer) and the step is not of this class. A document
that defines δ as the derivative by something else (``\delta^l = \partial C/\partial a^l``), or
writes a forward pass pairing other layers (``z^{l+1} = W^l a^l + b^l``), is not read so; a forward
pass of the same layers fixes the orientation (Z = W A, A W, A Wᵀ or Wᵀ A).
An error's step (``\delta^l``, ``dZ^{[l]}``, ``\partial C/\partial z^l``, or a chain of derivatives
linking up to one, on the left) is read with backprop_errors' roles: ``G`` and ``W`` one layer up,
``P`` = ∂C/∂A and ``D`` = f′(Z) at its own layer (f′ one of the activations the document defines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from derive.checks.latex.abstract_loss import LOSS_NAMES
from derive.checks.latex.backprop_errors import activation_slope, chain_collapsed
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import (
    Add,
    Call,
    Deriv,
    Mul,
    Neg,
    Node,
    Num,
    Pow,
    Sum,
    Sym,
    Transpose,
    all_nodes,
    split_name,
)

__all__ = ["Roles", "layered", "roles_of_step", "total_letters"]

WEIGHTS = frozenset({"W", "w", "\\Theta", "\\theta"})
INPUTS = frozenset({"a", "A", "h", "H"})
DELTAS = frozenset({"\\delta", "\\Delta"})
PRE_ACTIVATIONS = frozenset({"z", "Z"})
BATCH_SIZES = frozenset({"m", "n", "N", "M", "B"})
ALL_ORIENTATIONS = ("WA", "AW", "AWt", "WtA")
#: Without a forward pass: Z = Wᵀ A only where the document writes it (W^T dZ against W dZ in the
#: backward recursion is the mistake students make; no other reading sees W that way).
UNSTATED = ("WA", "AW", "AWt")
#: A forward pass of one example's vectors, and a batch stacking them the other way (z = W a + b: a
#: batch of columns is Z = W A, of rows Z = A Wᵀ).
STACKED = {"WA": "AWt", "AWt": "WA", "AW": "WtA", "WtA": "AW"}

Label = tuple[str, int]  # (letter or "" for a number, offset): l-1 → ("l", -1), [2] → ("", 2)


@dataclass(frozen=True)
class Roles:
    target: str  # "W", "b", "A" (the layer's input) or "Z" (the input's error ∂C/∂Z, backprop_errors)
    layer: Label  # the layer of W, b and G (for "A" and "Z": one above the target's)
    loss: str  # the loss's name ("" for a dW written alone)
    batched: bool  # a batch only (capitals, a 1/m, a sum over examples)
    orientations: tuple[str, ...]
    total: bool  # G is ∂C/∂Z of the whole batch as written (∂C/∂Z, a δ so defined): no 1/m in it
    stated: bool = False  # the orientations are the document's forward pass's
    total_of: str = ""  # the loss G is the batch's derivative of, where one definition says so
    activations: frozenset[tuple[Label, str]] = frozenset()  # (layer, function) of each a^l = σ(z^l) defined

    def role_of(self, node: Node) -> tuple[str, str] | None:
        """("G" | "A" | "W" | "scale", the index written on it) of a leaf, or for an error's step
        ("P" (∂C/∂A below) | "D" (f′ of the Z below) | "S" (the activation below, where the document
        defines it as the logistic sigmoid alone), index); None if it has no role."""
        if isinstance(node, Sym) and node.full in BATCH_SIZES:
            return ("scale", "")
        if isinstance(node, Deriv):
            return self._derivative_role(node)
        below = _shifted(self.layer, -1)
        slope = activation_slope(node)
        if slope is not None:
            named = layered(slope)
            ok = self.target == "Z" and named is not None and named[0] in PRE_ACTIVATIONS
            ok = ok and node.fn in self.activation_at(below, node.fn)  # type: ignore[attr-defined]
            return ("D", "") if ok and named[1] == below and not named[2] else None  # type: ignore[index]
        named = layered(node)
        if named is None:
            return None
        letter, label, sub = named
        if letter in DELTAS or (letter.startswith("d:") and letter[2:] in PRE_ACTIVATIONS):
            return ("G", sub) if label == self.layer else None
        if letter.startswith("d:") and letter[2:] in INPUTS and self.target == "Z":
            return ("P", sub) if label == below else None
        if letter in INPUTS and self.target in ("W", "b") and label == below:
            return ("A", sub)
        sigmoid = self.target == "Z" and self.activation_at(below, "") == {"sigmoid"}
        if letter in INPUTS and sigmoid and label == below and not sub:
            return ("S", "")  # σ(Z) itself, for σ' = σ(1 − σ) written a ⊙ (1 − a)
        if letter in WEIGHTS and self.target in ("A", "Z") and label == self.layer and not sub:
            return ("W", "")
        return None

    def activation_at(self, label: Label, written: str) -> set[str]:
        """The functions the document's activation at this layer may be: those defined for it (a^{(2)} =
        softmax(z^{(2)})), else those defined for any layer, else (none defined) the one ``written``."""
        exact = {fn for at, fn in self.activations if at == label}
        return exact or {fn for _, fn in self.activations} or {written}

    def _derivative_role(self, node: Deriv) -> tuple[str, str] | None:
        if not (isinstance(node.num, Sym) and node.num.full in LOSS_NAMES):
            return None
        if self.loss and node.num.full != self.loss:
            return None
        named = layered(node.var)
        if named is None or named[2]:
            return None
        if self.target == "Z" and named[0] in INPUTS and named[1] == _shifted(self.layer, -1):
            return ("P", "")
        return ("G", "") if named[0] in PRE_ACTIVATIONS and named[1] == self.layer else None

    def factors(self, node: Node) -> list[Node]:
        """The factors of a product (juxtaposed or with ``\\cdot``), ``d Z^{[l]}`` as one name."""
        return _merged_d(_flat(node), PRE_ACTIVATIONS | INPUTS if self.target == "Z" else PRE_ACTIVATIONS)

    def described(self) -> str:
        if self.target == "Z":
            return f"the error ∂C/∂Z at layer {_label_text(_shifted(self.layer, -1))}, A = f(Z) entry-wise, f any"
        what = {"W": "the weight", "b": "the bias", "A": "the layer's input"}[self.target]
        return f"{what}'s gradient at layer {_label_text(self.layer)}"


#: ``dZ^{[l]} := \frac{\partial J}{\partial Z^{[l]}}``, ``\Delta^l = \partial C/\partial Z^l``: a name
#: given, as written, the derivative by a batch's pre-activations (its first group: the name's letter)
_TOTAL = re.compile(
    r"(?<![A-Za-z\\])(d\s*Z|\\delta|\\Delta)\s*(?:\^\s*(?:\{[^{}]*\}|\S))?\s*:?=\s*"
    r"(?:\\d?frac\s*\{\s*\\partial\s*(?P<loss>(?:[^{}]|\{[^{}]*\})*)\}\s*\{|\\partial\s*(?P<loss2>[^/]{1,20})/)"
    r"\s*\\partial\s*(?:\\mathbf\s*\{\s*Z|\{?\s*Z)"
)


@lru_cache(maxsize=8)  # one search of the whole document, not one per step
def total_letters(text: str) -> frozenset[tuple[str, str]]:
    """(G letter, loss) of each name the text defines as a whole batch's ∂C/∂Z: (``d:Z``, ``J``)
    for ``dZ^{[l]} := \\frac{\\partial J}{\\partial Z^{[l]}}``."""
    out = set()
    for m in _TOTAL.finditer(text):
        letter = "d:Z" if m.group(1).startswith("d") else m.group(1)
        out.add((letter, re.sub(r"\s+", "", m.group("loss") or m.group("loss2") or "")))
    return frozenset(out)


def roles_of_step(
    lhs: Node, rhs: Node, defs: list[Any], typed: dict[str, Node], notation: Any, text: str = ""
) -> Roles | None:
    """The roles of a step ``lhs = rhs`` whose left side is a layer's gradient, or None; ``text``:
    the document's source (the letters it defines as a batch's ∂C/∂Z, whether it writes batches)."""
    head = _gradient_of(lhs)
    if head is None:
        return None
    loss, (letter, label, sub) = head
    if sub or label is None:
        return None
    if letter in WEIGHTS:
        target, layer = "W", label
    elif letter == "b":
        target, layer = "b", label
    elif letter in INPUTS:
        target, layer = "A", _shifted(label, 1)
    elif letter in PRE_ACTIVATIONS or letter in DELTAS:
        target, layer = "Z", _shifted(label, 1)
    else:
        return None
    document = _document_reading(defs, typed, notation)
    if document is None:
        return None
    stated, defined_totals = document
    orientations, totals = stated or UNSTATED, total_letters(text) | defined_totals
    batched_document = bool(_BATCH_NAMES.search(text))
    roles = Roles(target, layer, loss, False, orientations, False, activations=_activations(defs, typed, notation))
    leaves = _leaves(rhs, roles)
    if leaves is None or not any(role[0] in ("G", "P") for _, role in leaves):
        return None
    sums = [n for n in all_nodes(rhs) if isinstance(n, Sum)]
    scales = {n.full for n, role in leaves if role[0] == "scale"}  # type: ignore[attr-defined]
    if not all(_over_the_batch(n, scales, layer) for n in sums):
        return None
    capital = letter.isupper() or letter == "\\Delta"
    batched = batched_document or target in ("A", "Z") and capital or bool(sums)
    batched = batched or any(_batch_sign(node, role) for node, role in leaves)
    total_losses = {_total_loss(node, totals) for node, role in leaves if role[0] == "G"}
    total = bool(total_losses - {None})
    defined = next(iter(total_losses)) if len(total_losses) == 1 else None  # one G, one definition
    activations = _activations(defs, typed, notation) if target == "Z" else frozenset()
    return Roles(target, layer, loss, batched or total, orientations, total, bool(stated), defined or "", activations)


#: a capital input or pre-activation with a layer label (A^{[l-1]}, \mathbf{H}^{(2)}, Z^{[1]}): a
#: document that writes its layers' batches, whose δ^{[l]} is a batch too (no step of it is per example)
_BATCH_NAMES = re.compile(
    r"(?<![A-Za-ce-z\\])(?:\\mathbf\s*\{\s*|\\boldsymbol\s*\{\s*)?[AHZ]\s*\}?\s*\^\s*(?:\{\s*)?(?:[\[(]|(?:l|L|k|\\ell)(?![A-Za-z]))"
)


def _over_the_batch(node: Sum, scales: set[str], layer: Label) -> bool:
    r"""Is this sum one over the examples: no bounds, or 1..m (0..m-1), m the step's one batch size,
    its index no layer letter (``\sum_{i=0}^{n} dZ^{[i]}_i / m`` is not)?"""
    if node.index == layer[0] or node.cond is not None:
        return False
    if node.lower is None and node.upper is None:
        return len(scales) <= 1
    low, high = node.lower, node.upper
    if isinstance(high, Add) and isinstance(high.b, Neg) and high.b.x == Num(Fraction(1)):
        high, start = high.a, 0
    else:
        start = 1
    return low == Num(Fraction(start)) and isinstance(high, Sym) and high.full in BATCH_SIZES and scales <= {high.full}


def _total_loss(node: Node, totals: frozenset[tuple[str, str]]) -> str | None:
    """The loss whose whole batch's ∂/∂Z this G is (∂J/∂Z^{[l]}, a dZ so defined), or None."""
    if isinstance(node, Deriv):
        upper = isinstance(node.var, Sym) and node.var.stem[:1] == "Z"
        return node.num.full if upper and isinstance(node.num, Sym) else None
    named = layered(node)
    losses = {loss for letter, loss in totals if named is not None and letter == named[0]}
    return next(iter(losses)) if len(losses) == 1 else ("" if losses else None)


def _batch_sign(node: Node, role: tuple[str, str]) -> bool:
    """Does this leaf say the step is about a batch (a capital A or Δ, dZ, ∂C/∂Z, a 1/m)?"""
    if role[0] == "scale":
        return True
    if isinstance(node, Deriv):
        return isinstance(node.var, Sym) and node.var.stem[:1] == "Z"
    named = layered(node)
    letter = named[0] if named else ""
    return letter in ("A", "H", "\\Delta", "d:Z")


def _leaves(node: Node, roles: Roles) -> list[tuple[Node, tuple[str, str]]] | None:
    """Every leaf of the formula with its role; None if one has none."""
    if isinstance(node, Num):
        return []
    if isinstance(node, Neg | Transpose):
        return _leaves(node.x, roles)
    if isinstance(node, Sum):
        return _leaves(node.body, roles) if node.cond is None else None
    if isinstance(node, Add) or (isinstance(node, Mul) and node.kind in ("div", "hadamard")):
        parts = [_leaves(node.a, roles), _leaves(node.b, roles)]  # type: ignore[attr-defined]
        return None if None in parts else [x for p in parts for x in p]  # type: ignore[union-attr]
    if isinstance(node, Mul) and node.kind in ("juxt", "cdot"):
        found: list[tuple[Node, tuple[str, str]]] = []
        for factor in roles.factors(node):
            part = _leaves(factor, roles) if isinstance(factor, Mul | Add | Neg | Transpose | Num | Sum) else None
            if part is None:
                role = roles.role_of(factor)
                if role is None:
                    return None
                part = [(factor, role)]
            found.extend(part)
        return found
    role = roles.role_of(node)
    return None if role is None else [(node, role)]


def _gradient_of(lhs: Node) -> tuple[str, tuple[str, Label | None, str]] | None:
    """(loss, (letter, label, index)) of ``\\frac{\\partial C}{\\partial W^l}`` (or a chain linking up
    to it), ``dW^l``, or an error ``\\delta^l`` (no loss named)."""
    lhs = chain_collapsed(lhs)
    named = layered(lhs)
    if named is not None and named[0] in DELTAS:
        return ("", named)
    if isinstance(lhs, Deriv):
        if not (isinstance(lhs.num, Sym) and lhs.num.full in LOSS_NAMES):
            return None
        named = layered(lhs.var)
        return None if named is None else (lhs.num.full, named)
    if isinstance(lhs, Mul) and lhs.kind == "juxt":
        merged = _merged_d(_flat(lhs), letters=WEIGHTS | INPUTS | PRE_ACTIVATIONS | {"b"})
        if len(merged) == 1:
            named = layered(merged[0])
            if named is not None and named[0].startswith("d:"):
                return ("", (named[0][2:], named[1], named[2]))
    return None


def layered(node: Node) -> tuple[str, Label | None, str] | None:
    """(letter, layer label, index) of ``A^{[l-1]}``, ``\\delta^{(2)}_n``, ``a^{l-1}`` read as a power."""
    if isinstance(node, Sym):
        m = re.fullmatch(r"(?P<letter>\\?[A-Za-z]+(?::[A-Za-z])?)(?:\^\{(?P<label>.+)\})?", node.stem)
        if m is None:
            return None
        label = _label(m.group("label")) if m.group("label") else None
        return (m.group("letter"), label, node.sub) if label is not None or not m.group("label") else None
    if isinstance(node, Pow) and isinstance(node.base, Sym) and node.base.stem == node.base.full:
        base = layered(node.base)
        exponent = _exponent_label(node.exp)
        if base is None or base[1] is not None or exponent is None:
            return None
        return (base[0], exponent, "")
    return None


def _exponent_label(exp: Node) -> Label | None:
    """``l``, ``l-1``, ``L+1`` as a layer (a power by a letter is no power of a matrix); not a number."""
    if isinstance(exp, Sym) and re.fullmatch(r"[A-Za-z]|\\ell", exp.full):
        return (exp.full, 0)
    if isinstance(exp, Add) and isinstance(exp.a, Sym) and re.fullmatch(r"[A-Za-z]|\\ell", exp.a.full):
        b = exp.b
        sign = -1 if isinstance(b, Neg) else 1
        b = b.x if isinstance(b, Neg) else b
        if isinstance(b, Num) and b.value.denominator == 1:
            return (exp.a.full, sign * int(b.value))
    return None


def _label(text: str) -> Label | None:
    text = text.strip()
    while len(text) > 1 and text[0] + text[-1] in ("[]", "()", "{}"):
        text = text[1:-1].strip()
    m = re.fullmatch(r"(\\ell|[A-Za-z])\s*(?:([+-])\s*(\d+))?|(\d+)", text)
    if m is None:
        return None
    if m.group(4):
        return ("", int(m.group(4)))
    return (m.group(1), int(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1))


def _shifted(label: Label, by: int) -> Label:
    return (label[0], label[1] + by)


def _label_text(label: Label) -> str:
    letter, offset = label
    if not letter:
        return str(offset)
    return letter + (f"{offset:+d}" if offset else "")


def _flat(node: Node) -> list[Node]:
    if isinstance(node, Mul) and node.kind in ("juxt", "cdot"):
        return _flat(node.a) + _flat(node.b)
    return [node]


def _merged_d(factors: list[Node], letters: frozenset[str] = PRE_ACTIVATIONS) -> list[Node]:
    """``d`` before a name of ``letters`` (Ng's dZ^{[l]}) as one name, ``d:Z^{[l]}``."""
    out: list[Node] = []
    k = 0
    while k < len(factors):
        here, after = factors[k], factors[k + 1] if k + 1 < len(factors) else None
        named = layered(after) if isinstance(here, Sym) and here.full == "d" and after is not None else None
        if named is not None and named[0] in letters and isinstance(after, Sym):
            out.append(Sym("d:" + after.full, "d:" + after.stem, after.sub))
            k += 2
            continue
        if named is not None and named[0] in letters and isinstance(after, Pow):
            out.append(Pow(Sym("d:" + after.base.full, "d:" + after.base.stem, ""), after.exp))  # type: ignore[attr-defined]
            k += 2
            continue
        out.append(here)
        k += 1
    return out


def _document_reading(
    defs: list[Any], typed: dict[str, Node], notation: Any
) -> tuple[tuple[str, ...], frozenset[tuple[str, str]]] | None:
    """(orientations the document's forward passes allow (none stated: ()), (δ letter, loss) of each δ
    defined as the derivative by a batch's Z), or None when the document defines δ otherwise or pairs
    other layers in a forward pass."""
    orientations: set[str] = set()
    totals: set[tuple[str, str]] = set()
    for d in defs:
        stem, sub = split_name(d.name)
        named = layered(Sym(d.name, stem, sub))
        if named is not None and named[1] is None and named[0] in PRE_ACTIVATIONS:
            # Z = W X + b with no layer label: the document's convention for every layer
            value = typed.get(d.name) or _quiet_parse(d.rhs, notation)
            found = _unlabelled_orientation(value) if value is not None else ""
            orientations |= {found, STACKED[found]} if found and named[0] == "z" else {found} if found else set()
            continue
        if named is None or named[1] is None:
            continue
        letter, label, _ = named
        value = typed.get(d.name) or _quiet_parse(d.rhs, notation)
        if value is None:
            continue
        if letter in DELTAS:
            if isinstance(value, Deriv) and isinstance(value.num, Sym):  # δ^l_j := ∂C/∂z^l_j
                var = layered(value.var)
                if var is None or var[0] not in PRE_ACTIVATIONS or var[1] != label:
                    return None  # δ as ∂C/∂a^l, or at another layer: not this model's G
                if var[0] == "Z":
                    totals.add((letter, value.num.full))
        elif letter in PRE_ACTIVATIONS:
            found = _forward_orientation(value, label)
            if found == "other" or (not found and not named[2]):
                return None  # other layers paired, or a layer of another form (Z = \bar{H} W, an appended ones column)
            if found:
                orientations.add(found)
            if found and letter == "z":  # one example's vectors: a batch may stack them as rows or columns
                orientations.add(STACKED[found])
    return tuple(o for o in ALL_ORIENTATIONS if o in orientations), frozenset(totals)


def _activations(defs: list[Any], typed: dict[str, Node], notation: Any) -> frozenset[tuple[Label, str]]:
    """The functions the document's activations are defined by (``a^l = \\sigma(z^l)``): an error's
    f′ must be one of them (a tanh′ where the document's layers apply σ is no f′ of its layers)."""
    out = set()
    for d in defs:
        named = layered(Sym(d.name, *split_name(d.name)))
        if named is None or named[0] not in INPUTS or named[1] is None:
            continue
        value = typed.get(d.name) or _quiet_parse(d.rhs, notation)
        if isinstance(value, Call) and value.prime == 0 and len(value.args) == 1:
            out.add((named[1], value.fn))
    return frozenset(out)


def _quiet_parse(text: str, notation: Any) -> Node | None:
    """A definition's value the document's reading skipped (a family's: δ^l_j = ∂C/∂z^l_j)."""
    if notation is None:
        return None
    try:
        return parse_typed(text, notation)
    except (Unreadable, RecursionError, ValueError):
        return None


#: the orientation a product of a weight and a layer's input writes (Z = W A, A W, A Wᵀ, Wᵀ A)
_ORIENTATION = {("W", "A"): "WA", ("Wt", "A"): "WtA", ("A", "W"): "AW", ("A", "Wt"): "AWt"}


def _weight_products(value: Node, classify: Callable[[Node], Any]) -> Iterator[list[Any]]:
    """The kinds (``classify``; None: no kind) of each product of two factors that both have one."""
    for node in all_nodes(value):
        if not (isinstance(node, Mul) and node.kind in ("juxt", "cdot")):
            continue
        factors = _flat(node)
        if len(factors) == 2:
            kinds = [classify(f) for f in factors]
            if all(k is not None for k in kinds):
                yield kinds


def _forward_orientation(value: Node, label: Label) -> str:
    """The orientation of a forward pass ``z^l = W^l a^{l-1} + b^l`` ("" if it writes no product
    of a weight; "other" where the weight or the input is at another layer)."""
    for (first, l1), (second, l2) in _weight_products(value, _forward_factor):
        if first.startswith("W") and second == "A" or first == "A" and second.startswith("W"):
            weight, given = (l1, l2) if first.startswith("W") else (l2, l1)
            if weight != label or (given is not None and given != _shifted(label, -1)):
                return "other"
            return _ORIENTATION[(first, second)]
    return ""


def _unlabelled_orientation(value: Node) -> str:
    """The orientation of a forward pass without layer labels (``Z = W X + b``, ``z = W^T x + b``), or ""."""
    for kinds in _weight_products(value, _bare_factor):
        if "A" in kinds and kinds[0] != kinds[1]:
            return _ORIENTATION[(kinds[0], kinds[1])]
    return ""


def _bare_factor(node: Node) -> str | None:
    """A factor's kind written with no label or subscript: "W" or "Wt" a weight, "A" an input, else None."""
    transposed = isinstance(node, Transpose)
    inner = node.x if transposed else node
    if not isinstance(inner, Sym) or inner.sub:
        return None
    if inner.stem in ("W", "w"):
        return "Wt" if transposed else "W"
    return "A" if inner.stem in ("X", "x", "A", "a", "H", "h") and not transposed else None


def _forward_factor(node: Node) -> tuple[str, Label | None] | None:
    transposed = isinstance(node, Transpose)
    named = layered(node.x if isinstance(node, Transpose) else node)
    if named is None or named[2]:
        return None
    letter, label, _ = named
    if letter in WEIGHTS and label is not None:
        return ("Wt" if transposed else "W", label)
    if letter in INPUTS | {"x", "X"} and not transposed:
        return ("A", label if letter in INPUTS else None)
    return None
