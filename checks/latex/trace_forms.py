r"""Trace differentials: ``df = \mathrm{tr}(G^\top dX)``, ``= \mathrm{tr}(G^\top X\,dW)``.

Matrix-calculus notes derive a gradient by writing the differential of f as a trace and moving
factors around it (the trace is cyclic, ``tr(A dX B) = tr(BA dX)``); ``df = tr(G^\top dX)``
then says ∂f/∂X = G. Each such step is an equality between directional derivatives, so it is
judged on concrete tensors: the names whose differentials the step writes are perturbed along
random directions and every ``dN`` is the derivative of N along them.

Which names move: the sampled names written with a d (in ``tr(G^\top X\,dW)`` with Z = XW,
W moves, Z follows, dZ = X dW, and X is held fixed, which is what the writer means); when the
step writes only differentials of defined names (``df = tr(∂f/∂\hat Y^\top d\hat Y)``), the
sampled names all of them are computed from (X and W, not the target Y that only f uses).

``\frac{\partial f^\top}{\partial Y}`` (a transpose on the numerator) is the transpose of the
gradient: f is a scalar, and the writer transposes the derivative.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from derive.checks.latex.tensor_eval import Evaluator, World
from derive.checks.latex.tensor_ops import Dual, NotJudged
from derive.checks.latex.typed_nodes import Deriv, Mul, Node, Opaque, Sym, Transpose, with_children

__all__ = ["DIFFERENTIAL", "differential_text", "moving_names", "Differentials", "rewrite"]

#: the name a differential dN is evaluated under
DIFFERENTIAL = "\\mathrm{{d}}{}"
# a standalone d before a name: not inside a word, not right after a brace (\frac{d f}{d x})
_BARE_D = re.compile(r"(?<![A-Za-z\\{])d\s*(?=[A-Za-z]|\\(?:hat|tilde|bar|mathbf|boldsymbol|bm)\b|\\[A-Za-z]+)")
# tr(…) written in plain letters (t times r, as read otherwise)
_PLAIN_TRACE = re.compile(r"(?<![A-Za-z\\{])[Tt]r\s*(?=\\left|\()")
_TRACE = re.compile(r"\\(?:operatorname|mathrm|text)\s*\{\s*[Tt]r\s*\}|(?<![A-Za-z\\])[Tt]r\s*(?=\\left|\()")


def differential_text(text: str) -> str | None:
    """The side with each standalone ``d`` written ``\\mathrm{d}`` when the side is a trace
    form or a lone differential (``df``); None when it is neither (d may be a name there)."""
    stripped = text.strip()
    if not _TRACE.search(text) and not re.fullmatch(r"d\s*(?:[A-Za-z]|\\[A-Za-z]+(?:\{[^{}]*\})?)", stripped):
        return None
    rewritten = _BARE_D.sub(r"\\mathrm{d} ", _PLAIN_TRACE.sub(r"\\operatorname{tr}", text))
    return rewritten if rewritten != text else None


def _factors(node: Node) -> list[Node]:
    if isinstance(node, Mul) and node.kind == "juxt":
        return _factors(node.a) + _factors(node.b)
    return [node]


def rewrite(node: Node, found: set[str]) -> Node:
    """``d`` juxtaposed before a name → the differential's name (collected in ``found``);
    ∂(f^T)/∂Y → (∂f/∂Y)^T."""
    if isinstance(node, Deriv) and isinstance(node.num, Transpose):
        return Transpose(Deriv(rewrite(node.num.x, found), node.var))
    if isinstance(node, Mul) and node.kind == "juxt":
        parts = [rewrite(f, found) for f in _factors(node)]
        out: list[Node] = []
        k = 0
        while k < len(parts):
            here = parts[k]
            nxt = parts[k + 1] if k + 1 < len(parts) else None
            if isinstance(here, Sym) and here.full == "d" and isinstance(nxt, Sym):
                found.add(nxt.full)
                out.append(Sym(DIFFERENTIAL.format(nxt.full), DIFFERENTIAL.format(nxt.full), ""))
                k += 2
                continue
            out.append(here)
            k += 1
        result = out[0]
        for f in out[1:]:
            result = Mul(result, f, "juxt")
        return result
    return with_children(node, lambda child: rewrite(child, found))


def _leaves(name: str, defs: dict[str, Node], leaves: set[str]) -> set[str]:
    """The sampled names a name is computed from, through the document's definitions."""
    seen: set[str] = set()
    out: set[str] = set()
    todo = [name]
    while todo:
        here = todo.pop()
        if here in leaves:
            out.add(here)
        if here in seen or here not in defs:
            continue
        seen.add(here)
        todo += [sym.full for sym in _syms(defs[here])] + [sym.stem for sym in _syms(defs[here])]
    return out


def _syms(node: object) -> list[Sym]:
    if isinstance(node, Sym):
        return [node]
    out: list[Sym] = []
    for value in getattr(node, "__dict__", {}).values():
        if isinstance(value, tuple):
            for v in value:
                out += _syms(v)
        elif isinstance(value, Node) or hasattr(value, "lhs"):
            out += _syms(value)
    return out


def moving_names(found: set[str], defs: dict[str, Node], leaves: set[str]) -> list[str]:
    """The sampled names that move: those written with a d; when none is (df = tr(G^T dY)
    with f and Y both defined), the ones every written differential is computed from (X and
    W, not the target Y that only f uses)."""
    direct = sorted(found & leaves)
    if direct:
        return direct
    common: set[str] | None = None
    for name in found:
        here = _leaves(name, defs, leaves)
        common = here if common is None else common & here
    return sorted(common or ())


class Differentials:
    """The ``prepare`` hook of matrix_judge.judge_trees: puts each dN into a world's leaves."""

    def __init__(self, found: set[str], defs: dict[str, Node]) -> None:
        self.found = sorted(found)
        self.defs = defs

    def placeholders(self) -> dict[str, Node]:
        """Definitions that mark each dN as a known name (its value is the world's leaf)."""
        return {DIFFERENTIAL.format(n): Opaque(DIFFERENTIAL.format(n)) for n in self.found}

    def __call__(self, world: World) -> None:
        base = Evaluator(world)
        pins: dict[str, Dual] = {}
        moving = moving_names(set(self.found), self.defs, set(world.leaves))
        if not moving:
            raise NotJudged("differentials of names that depend on no common sampled name")
        for name in moving:
            value = base.name(name)
            if value is None:
                raise NotJudged(f"the differential d{name} of a name with no value")
            rng = np.random.default_rng(zlib.crc32(f"d|{name}|{value.shape}|{sorted(world.sizes.items())}".encode()))
            pins[name] = Dual(value.v, rng.standard_normal((1, *value.shape)))
        moved = Evaluator(world, pins)
        for name in self.found:
            value = moved.name(name)
            if value is None:
                raise NotJudged(f"the differential d{name} of a name with no value")
            tangent = value.dk(1)[0]
            world.leaves[DIFFERENTIAL.format(name)] = Dual(np.array(tangent))
        world.flags["tensor"] = True
