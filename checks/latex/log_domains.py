r"""Positive values for undeclared names a step takes the log (or square root) of.

``-\sum_i y_i \log s_i = -\mathbf y \log \mathbf s^\top`` with no shape declared for s: the
judge draws s from a normal distribution, half its entries are negative, and the log stops the
step ("log outside its domain"). The writer means s where its log exists, so a name whose
shape is inferred (never one the document or the notation declares) and that stands inside a
log or a square root is drawn in (0.1, 0.9), where log s and log(1 - s) both exist (such names
are probabilities: ŷ, a, p), as the logistic function of the normal draw, so the rest of the
world is the same. The constants 1, 0 and I keep their values. Only names with inferred shapes:
their steps are never called wrong from a difference in values, so this can only turn a
declined step into an accepted one, never a correct one into a wrong one (a declared
probability vector that sums to one would be a different story: random values in (0, 1) do not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from derive.checks.latex.shape_infer import CONSTANTS
from derive.checks.latex.tensor_ops import Dual
from derive.checks.latex.typed_nodes import Call, Node, Sym

__all__ = ["log_arguments", "positive_leaves", "with_positive_logs"]

_NEEDS_POSITIVE = frozenset({"log", "sqrt"})


def log_arguments(nodes: Iterable[Any], defs: dict[str, Node]) -> set[str]:
    """Names (full and stem) inside a log or square root in the nodes or the definitions they
    reach."""
    found: set[str] = set()
    seen: set[str] = set()
    stack: list[tuple[Any, bool]] = [(n, False) for n in nodes]
    while stack:
        item, inside = stack.pop()
        if isinstance(item, Sym):
            if inside:
                found |= {item.full, item.stem}
            for name in (item.full, item.stem):
                if name in defs and name not in seen:
                    seen.add(name)
                    stack.append((defs[name], False))  # a defined name is not drawn
            continue
        if isinstance(item, tuple):
            stack.extend((x, inside) for x in item)
        elif isinstance(item, Node) or hasattr(item, "__dict__"):
            here = inside or (isinstance(item, Call) and item.fn in _NEEDS_POSITIVE)
            stack.extend((x, here) for x in getattr(item, "__dict__", {}).values() if not isinstance(x, str))
    return found


def positive_leaves(names: set[str]) -> Callable[[Any], None] | None:
    """A prepare hook (see matrix_judge.judge_trees) that makes those leaves positive."""
    if not names:
        return None

    def prepare(world: Any) -> None:
        for name in names:
            leaf = world.leaves.get(name)
            if leaf is not None and leaf.d is None and name not in CONSTANTS:
                world.leaves[name] = Dual(0.1 + 0.8 / (1.0 + np.exp(-leaf.v)))

    return prepare


def with_positive_logs(
    prepare: Callable[[Any], None] | None, nodes: Iterable[Any], defs: dict[str, Node], inferred: Iterable[str]
) -> Callable[[Any], None] | None:
    """``prepare`` followed by the hook that draws the inferred names under a log positive."""
    inferred = set(inferred)
    hook = positive_leaves(log_arguments(nodes, defs) & inferred) if inferred else None
    if hook is None or prepare is None:
        return hook or prepare
    first = prepare

    def both(world: Any) -> None:
        first(world)
        hook(world)

    return both
