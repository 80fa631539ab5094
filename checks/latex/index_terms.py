r"""The value of a per-index backpropagation formula on a random layered network (for
index_layer_gradients).

Each name gets its role from its letter and layer label (``w^{(l)}_{jk}`` a weight, ``\delta^{(l)}_j``
the loss's derivative by z^{(l)}_j, ``\sigma'(z^{(l)}_j)`` the activation's slope, ``\frac{\partial
C}{\partial a^{(l-1)}_k}``, ``\frac{\partial z^{(l+1)}_k}{\partial a^{(l)}_j}``); the labels of one step
are placed on consecutive layers of an index_network.Network (l-1, l, l+1 → 1, 2, 3, and one layer
above unless the step's letter is L, the last layer). Anything else in the formula (a target y, an
activation written out, a name without a label) raises NotInClass: the step is not read here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction

from derive.checks.latex.abstract_loss import LOSS_NAMES
from derive.checks.latex.index_network import Network
from derive.checks.latex.layer_gradient_roles import Label, layered
from derive.checks.latex.typed_nodes import Add, Call, Delta, Deriv, Mul, Neg, Node, Num, Pow, Sum, Sym

__all__ = ["NotInClass", "Reading", "holding_readings", "layer_labels"]

_SEEDS = (11, 12)
_TOLERANCE = 1e-6
#: the letters of each role (per unit: lowercase, and W or Θ for a weight's entry)
_ROLES = {"z": "z", "a": "a", "h": "a", "w": "W", "W": "W", "\\theta": "W", "\\Theta": "W", "b": "b", "\\delta": "G"}
_ARITY = {"z": 1, "a": 1, "b": 1, "G": 1, "W": 2}


class NotInClass(Exception):
    """The formula writes something the layered network has no value for."""


class Mismatch(Exception):
    """The indices do not fit under this reading (one letter on layers of two sizes)."""


@dataclass(frozen=True)
class Reading:
    order: str  # "out_in": w_{jk} from unit k to unit j; "in_out": from j to k
    sign: int  # δ = sign · ∂C/∂z


Quantity = tuple[str, Label, tuple[str, ...]]  # (role, layer label, indices)


def _indices(sub: str) -> tuple[str, ...] | None:
    text = sub.replace(" ", "")
    if "," in text:
        parts = tuple(text.split(","))
        return parts if all(re.fullmatch(r"[A-Za-z]'*|\d+", p) for p in parts) else None
    tokens = tuple(re.findall(r"[A-Za-z]'*|\d", text))
    return tokens if "".join(tokens) == text and tokens else None


def quantity(node: Node) -> Quantity | None:
    """The role of a labelled name (``w^{(l)}_{jk}`` → ("W", ("l", 0), ("j", "k"))), or None."""
    named = layered(node)
    if named is None and isinstance(node, Pow) and isinstance(node.base, Sym) and node.base.sub:
        # a^{(m-1)}_q, read as a_q to the power m-1: the label of a subscripted name
        bare = layered(Pow(Sym(node.base.stem, node.base.stem, ""), node.exp))
        named = None if bare is None else (bare[0], bare[1], node.base.sub)
    if named is None or named[1] is None or named[0] not in _ROLES:
        return None
    role = _ROLES[named[0]]
    found = _indices(named[2])
    if found is None or len(found) != _ARITY[role]:
        return None
    return role, named[1], found


def _is_loss(node: Node | None) -> bool:
    """C, E_n, C^n, \\mathcal{L}: the loss (an example's index on it is no unit's)."""
    if not isinstance(node, Sym):
        return False
    letter = re.sub(r"(?:_\{[^{}]*\}|\^\{[^{}]*\})+$", "", node.full)
    return letter in LOSS_NAMES


def _walk(node: Node, out: list[Quantity]) -> bool:
    """Collect the step's quantities; True if it writes a derivative or a δ. NotInClass otherwise."""
    found = quantity(node)
    if found is not None:
        out.append(found)
        return found[0] == "G"
    if isinstance(node, Num | Delta):
        return False
    if isinstance(node, Neg):
        return _walk(node.x, out)
    if isinstance(node, Add | Mul):
        if isinstance(node, Mul) and node.kind not in ("juxt", "cdot", "hadamard", "times", "div"):
            raise NotInClass
        return _walk(node.a, out) | _walk(node.b, out)
    if isinstance(node, Pow) and isinstance(node.exp, Num) and node.exp.value.denominator == 1:
        return _walk(node.base, out)
    if isinstance(node, Sum) and node.cond is None and _plain_bounds(node):
        return _walk(node.body, out)
    if isinstance(node, Call) and node.prime == 1 and len(node.args) == 1:
        arg = quantity(node.args[0])
        if arg is None or arg[0] != "z":
            raise NotInClass
        out.append(arg)
        return False
    if isinstance(node, Deriv) and node.num is not None:
        var = quantity(node.var)
        num = None if _is_loss(node.num) else quantity(node.num)
        if var is None or var[0] == "G" or (num is None and not _is_loss(node.num)) or (num and num[0] == "G"):
            raise NotInClass
        out.extend([var] + ([num] if num else []))
        return True
    raise NotInClass


def _plain_bounds(node: Sum) -> bool:
    """No bounds, or 1 (0) to a name: the sum runs over the layer its index picks a unit of."""
    if node.lower is None and node.upper is None:
        return True
    low_ok = isinstance(node.lower, Num) and node.lower.value in (Fraction(0), Fraction(1))
    return low_ok and isinstance(node.upper, Sym)


def layer_labels(left: Node, right: Node) -> dict[Label, int] | None:
    """Each layer label's position in the network (and the top layer as key ("", -99)), or None
    when the step writes no derivative or δ, mixes layer letters, or reaches past the last layer."""
    found: list[Quantity] = []
    backprop = _walk(left, found) | _walk(right, found)
    if not backprop or not found:
        return None
    labels = {q[1] for q in found}
    letters = {label[0] for label in labels}
    if len(letters) != 1:
        return None
    (letter,) = letters
    index_letters = {i for q in found for i in q[2]}
    if letter in index_letters:
        return None  # a layer letter that is also a unit's index
    low = min(offset for _, offset in labels)
    high = max(offset for _, offset in labels)
    if letter == "L" and high > 0:
        return None
    positions = {label: label[1] - low + 1 for label in labels}
    top = high - low + 1 + (0 if letter == "L" else 1)
    if top > 5:
        return None
    positions[("", -99)] = top
    return positions


def holding_readings(left: Node, right: Node, readings: list[Reading]) -> list[Reading]:
    """The readings under which ``left = right`` holds on two random networks, every index."""
    positions = layer_labels(left, right)
    if positions is None:
        raise NotInClass
    top = positions[("", -99)]
    if not _free(right) <= _free(left):
        return []
    networks = [Network(top, seed) for seed in _SEEDS]
    out = []
    for reading in readings:
        try:
            if all(_holds(left, right, _Evaluator(net, positions, reading)) for net in networks):
                out.append(reading)
        except Mismatch:
            continue
    return out


def _free(node: Node) -> set[str]:
    """The index letters a formula leaves free (not bound by one of its sums)."""
    if isinstance(node, Sum):
        return _free(node.body) - {node.index}
    found = quantity(node)
    if found is not None:
        return {i for i in found[2] if not i.isdigit()}
    if isinstance(node, Delta):
        return {i for i in (node.i, node.j) if not i.isdigit()}
    if isinstance(node, Deriv):
        return _free(node.var) | (set() if node.num is None or _is_loss(node.num) else _free(node.num))
    children = [getattr(node, name) for name in ("x", "a", "b", "base", "body") if hasattr(node, name)]
    children += list(getattr(node, "args", ()))
    return set().union(*(_free(c) for c in children if isinstance(c, Node))) if children else set()


def _holds(left: Node, right: Node, evaluator: _Evaluator) -> bool:
    evaluator.sizes = {}
    evaluator.measure(left)
    evaluator.measure(right)
    free = sorted(_free(left) | _free(right))
    for values in itertools.product(*(range(evaluator.sizes[i]) for i in free)):
        evaluator.assignment = dict(zip(free, values, strict=True))
        a, b = evaluator.value(left), evaluator.value(right)
        if not abs(a - b) <= _TOLERANCE * (1 + abs(a) + abs(b)):
            return False
    return True


class _Evaluator:
    """A formula's value on one network under one reading, its indices given."""

    def __init__(self, net: Network, positions: dict[Label, int], reading: Reading) -> None:
        self.net, self.positions, self.reading = net, positions, reading
        self.sizes: dict[str, int] = {}
        self.assignment: dict[str, int] = {}

    def shape(self, q: Quantity) -> tuple[int, ...]:
        p = self.positions[q[1]]
        if q[0] == "W":
            out, given = self.net.size(p), self.net.size(p - 1)
            return (out, given) if self.reading.order == "out_in" else (given, out)
        return (self.net.size(p),)

    def measure(self, node: Node) -> None:
        """Record each index letter's range (its layer's size); Mismatch on two sizes for one letter."""
        found = quantity(node)
        pairs: list[tuple[str, int]] = []
        if found is not None:
            pairs = list(zip(found[2], self.shape(found), strict=True))
        elif isinstance(node, Call):
            self.measure(node.args[0])
        elif isinstance(node, Deriv):
            self.measure(node.var)
            if node.num is not None and not _is_loss(node.num):
                self.measure(node.num)
        else:
            for name in ("x", "a", "b", "base", "body"):
                child = getattr(node, name, None)
                if isinstance(child, Node):
                    self.measure(child)
        for letter, size in pairs:
            if letter.isdigit():
                if not 1 <= int(letter) <= size:
                    raise Mismatch
            elif self.sizes.setdefault(letter, size) != size:
                raise Mismatch

    def position(self, token: str) -> int:
        if token.isdigit():
            return int(token) - 1
        if token not in self.assignment:
            raise NotInClass  # a Kronecker delta's letter no name fixes
        return self.assignment[token]

    def entry(self, q: Quantity) -> tuple[tuple[str, int], tuple[int, ...]]:
        """(the network's quantity, its entry) for a name: the weight's indices in (to, from) order."""
        p = self.positions[q[1]]
        where = tuple(self.position(i) for i in q[2])
        if q[0] == "W" and self.reading.order == "in_out":
            where = where[::-1]
        return ("z" if q[0] == "G" else q[0], p), where

    def value(self, node: Node) -> float:
        found = quantity(node)
        if found is not None:
            key, where = self.entry(found)
            if found[0] == "G":
                return self.reading.sign * float(self.net.derivative(("C", 0), key)[where])
            return float(self.net.value(*key)[where])
        return self._compound(node)

    def _compound(self, node: Node) -> float:
        if isinstance(node, Num):
            return float(node.value)
        if isinstance(node, Delta):
            return float(self.position(node.i) == self.position(node.j))
        if isinstance(node, Neg):
            return -self.value(node.x)
        if isinstance(node, Add):
            return self.value(node.a) + self.value(node.b)
        if isinstance(node, Mul):
            a, b = self.value(node.a), self.value(node.b)
            return a / b if node.kind == "div" else a * b
        if isinstance(node, Pow):
            return self.value(node.base) ** float(node.exp.value)  # type: ignore[attr-defined]
        if isinstance(node, Sum):
            return self._sum(node)
        if isinstance(node, Call):
            key, where = self.entry(quantity(node.args[0]))  # type: ignore[arg-type]
            return float(self.net.slope(key[1])[where])
        if isinstance(node, Deriv):
            var_key, var_at = self.entry(quantity(node.var))  # type: ignore[arg-type]
            if _is_loss(node.num):
                return float(self.net.derivative(("C", 0), var_key)[var_at])
            num_key, num_at = self.entry(quantity(node.num))  # type: ignore[arg-type]
            return float(self.net.derivative(num_key, var_key)[num_at + var_at])
        raise NotInClass

    def _sum(self, node: Sum) -> float:
        if node.index not in self.sizes:
            raise NotInClass  # a sum whose letter picks no unit
        saved = self.assignment.get(node.index)
        total = 0.0
        for k in range(self.sizes[node.index]):
            self.assignment[node.index] = k
            total += self.value(node.body)
        if saved is None:
            self.assignment.pop(node.index, None)
        else:
            self.assignment[node.index] = saved
        return total
