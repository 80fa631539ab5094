r"""What a document states about its network, read from its formula trees (layered_parse): the
activation (a^l = \sigma(z^l)) and the forward passes (z^l = w^l a^{l-1} + b^l, per entry or as
vectors), each at layer l, or, where the document states it at its last layer only (its
derivation of the output layer, then the general step), that statement read at layer l, which
layered_backprop counts as an assumption (a difference is then never wrong)."""

from __future__ import annotations

from typing import Any

__all__ = ["activation_of", "forwards_of", "names_in", "roles_of_forward", "shifted"]


def names_in(t: Any, out: set[str] | None = None) -> set[str]:
    """Every name a tree writes."""
    out = set() if out is None else out
    if isinstance(t, tuple):
        if t and t[0] == "var":
            out.add(t[1])
        for x in t[1:]:
            names_in(x, out)
    return out


def _as_layer_l(t: Any) -> Any:
    """A formula stated at the last layer (z^L = w^L a^{L-1} + b^L) as at layer l."""
    if isinstance(t, tuple) and t and t[0] == "var" and t[2] is not None and t[2][0] == "L":
        return ("var", t[1], ("l", t[2][1]), t[3])
    if isinstance(t, tuple):
        return tuple(_as_layer_l(x) for x in t)
    return t


def shifted(t: Any, by: int) -> Any:
    """The tree with every layer moved by ``by`` (z^{l+1} = … read as z^l = …)."""
    if isinstance(t, tuple) and t and t[0] == "var" and t[2] is not None:
        return ("var", t[1], (t[2][0], t[2][1] + by), t[3])
    if isinstance(t, tuple):
        return tuple(shifted(x, by) for x in t)
    return t


def roles_of_forward(rhs: tuple, a: str) -> tuple[str, str | None] | None:
    """(weight, bias) of a forward pass: the name multiplied with a, the name added alone."""
    weight: set[str] = set()
    bias: set[str] = set()

    def walk(t: tuple, in_product: bool) -> None:
        if t[0] == "var":
            if t[1] != a:
                (weight if in_product else bias).add(t[1])
            elif t[2] != ("l", -1):
                weight.add("?")  # a at another layer: not a forward pass
            return
        for x in t[1:]:
            if isinstance(x, tuple):
                walk(x, in_product or t[0] in ("mul", "T"))

    walk(rhs, False)
    if len(weight) != 1 or "?" in weight or len(bias) > 1 or weight & bias or a not in names_in(rhs):
        return None
    return weight.pop(), (bias.pop() if bias else None)


def forwards_of(trees: list, z: str, a: str, places: set) -> tuple[dict[str, tuple], bool]:
    """The forward passes ("entry" / "vector": body, entry letter, (weight, bias)) stated at layer l,
    else those stated at the last layer read at layer l (then True: an assumption)."""
    for base in ("l", "L"):
        forwards: dict[str, tuple] = {}
        for s, lhs, rhs in trees:
            if not (lhs and rhs and lhs[0] == "var" and lhs[1] == z and lhs[2] and lhs[2][0] == base):
                continue
            if len(lhs[3]) > 1 or z in names_in(rhs) or not all(isinstance(i, str) for i in lhs[3]):
                continue
            body = _as_layer_l(shifted(rhs, -lhs[2][1]))
            parts = roles_of_forward(body, a)
            if parts is None:
                continue
            form = "entry" if lhs[3] else "vector"
            forwards.setdefault(form, (body, lhs[3][0] if lhs[3] else None, parts))
            places.add((s.line, s.column))
        if forwards:
            return forwards, base == "L"
    return {}, False


def activation_of(trees: list, z: str, places: set) -> tuple[str, str, bool] | None:
    r"""(activation, a, assumed) from a^l = \sigma(z^l) (its place added to ``places``). A document
    that states it at its last layer only (a^L_j = \sigma(z^L_j), Nielsen's BP1 before BP2) is read
    as using it at every layer, an assumption (``assumed``): a difference is then never wrong."""
    for base in ("l", "L"):
        act = a = None
        for s, lhs, rhs in trees:
            if lhs and rhs and lhs[0] == "var" and rhs[0] == "call" and rhs[2] == 0 and lhs[2] and lhs[2][0] == base:
                arg = rhs[3]
                if arg[0] == "var" and arg[1] == z and arg[2] == lhs[2] and arg[3] == lhs[3] and lhs[1] != z:
                    act, a = act or rhs[1], a or lhs[1]
                    places.add((s.line, s.column))
        if act is not None and a is not None:
            return act, a, base == "L"
    return None
