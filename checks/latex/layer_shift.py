r"""Definitions written for a generic layer, used at the layers next to it.

``z_\ell = W_\ell a_{\ell-1} + b_\ell`` and ``a_\ell = \sigma(z_\ell)`` hold for every layer ℓ,
so a step about ``\delta_{\ell-1}`` or ``z_{\ell-1}`` uses them at ℓ-1: ``a_{\ell-1} =
\sigma(z_{\ell-1})`` and ``z_{\ell-1} = W_{\ell-1} a_{\ell-2} + b_{\ell-1}``. A name of the step
that has no definition but whose neighbour layer's does gets that definition with every layer
label in it moved by the same number of layers.

Only the generic layer letters move (ℓ, and l in a bracketed superscript ``z^{(l)}``,
``z^{[l]}``): the last layer ``L`` often has its own activation (softmax at ``a^{(L)}``,
ReLU below), so ``a^{(L)} = \mathrm{softmax}(z^{(L)})`` is never taken to hold at ``L-1``.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any

from derive.checks.latex.typed_nodes import Node, Sym

__all__ = ["with_layer_shifts"]

#: a layer label inside a name: _{\ell-1}, ^{(\ell)}, ^{(l+1)}, ^{[l]}
_SLOT = re.compile(r"(?P<open>_\{|\^\{\(|\^\{\[)(?P<letter>\\ell|l)(?P<shift>[+-]\d+)?(?P<close>\}|\)\}|\]\})")
_PAIRS = {"_{": "}", "^{(": ")}", "^{[": "]}"}
_ROUNDS = 3  # shifted definitions may name further layers (z_{ℓ-1} uses a_{ℓ-2}): a few rounds


def _slot(full: str) -> re.Match[str] | None:
    found = [m for m in _SLOT.finditer(full) if _PAIRS[m.group("open")] == m.group("close")]
    if len(found) != 1 or (found[0].group("open") == "_{" and found[0].group("letter") != r"\ell"):
        return None  # two labels, or a subscript l that may be an entry's index
    return found[0]


def _key(full: str) -> tuple[str, int] | None:
    """The name with its layer label blanked, and the label's offset from the generic layer."""
    m = _slot(full)
    if m is None:
        return None
    blank = m.group("open") + "\0" + m.group("letter") + "\0" + m.group("close")
    return full[: m.start()] + blank + full[m.end() :], int(m.group("shift") or 0)


def _moved(full: str, by: int) -> str:
    m = _slot(full)
    if m is None:
        return full
    k = int(m.group("shift") or 0) + by
    label = m.group("letter") + (f"+{k}" if k > 0 else f"{k}" if k < 0 else "")
    return full[: m.start()] + m.group("open") + label + m.group("close") + full[m.end() :]


def _shift(node: Any, by: int) -> Any:
    """The tree with every layer label moved by ``by`` layers."""
    if isinstance(node, Sym):
        full = _moved(node.full, by)
        if full == node.full:
            return node
        stem = _moved(node.stem, by)
        sub = node.sub
        if node.sub and full != node.full and stem == node.stem:
            sub = _moved("_{" + node.sub + "}", by)[2:-1]
        return Sym(full, stem, sub)
    if isinstance(node, tuple):
        return tuple(_shift(x, by) for x in node)
    if is_dataclass(node) and isinstance(node, Node):
        changes = {f.name: _shift(getattr(node, f.name), by) for f in fields(node)}
        return replace(node, **changes)
    return node


def _names(node: Any) -> set[str]:
    if isinstance(node, Sym):
        return {node.full}
    if isinstance(node, tuple):
        return set().union(*(_names(x) for x in node)) if node else set()
    if is_dataclass(node) and isinstance(node, Node):
        return set().union(*(_names(getattr(node, f.name)) for f in fields(node)))
    return set()


def with_layer_shifts(sides: tuple[Node, Node], defs: dict[str, Node]) -> dict[str, Node]:
    """``defs`` and, for each name the step reaches that has none, its neighbour layer's
    definition moved to its layer (None of this when no definition is written per layer)."""
    templates: dict[str, tuple[str, int]] = {}
    for name in defs:
        key = _key(name)
        if key is not None and key[1] == 0:
            templates[key[0]] = (name, 0)
    if not templates:
        return defs
    out = dict(defs)
    for _ in range(_ROUNDS):
        added = {}
        for full in sorted(_reached(sides, out) - set(out)):
            key = _key(full)
            if key is not None and key[0] in templates:
                added[full] = _shift(out[templates[key[0]][0]], key[1])
        if not added:
            break
        out.update(added)
    return out


def _reached(sides: tuple[Node, Node], defs: dict[str, Node]) -> set[str]:
    """The names of the sides and of the definitions they use, transitively."""
    seen: set[str] = set()
    todo = list(_names(sides))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_names(defs[name]) if name in defs else ())
    return seen
