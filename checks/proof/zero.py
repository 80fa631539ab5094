"""Exact zero tests shared by the scalar prover (symbolic) and the index-form prover.

``prove_zero(diff)``: is an expression identically 0? Pure numbers by exact arithmetic;
otherwise rewrite to exp, make each exp a power of a positive symbol and decide the
rational identity with ``cancel`` (``exp-rational-cancel``), or, above
``CANCEL_OPS_LIMIT`` operations, by exact evaluation at random rational points
(``random-rational``; Schwartz–Zippel bound in derive.checks.proof.symbolic). Differences
with logarithms answer (False, "has-log") and go to ``gradient_anchor``: every partial
derivative proved 0 and the difference 0 at one point of the (connected) domain.

It sits below both provers so that neither imports the other's private names.
"""

from __future__ import annotations

import random

import sympy as sp
from derive.checks.proof.canonical import Atoms, is_rational_zero, modular_differences, node_count, rationalize, to_exp

from derive.identity import partials

__all__ = ["CANCEL_NODES", "CANCEL_OPS_LIMIT", "gradient_anchor", "prove_zero"]

#: Above this many operations in a cancelled difference, switch to exact evaluation.
CANCEL_OPS_LIMIT = 4000
#: Partials with at most this many distinct nodes in all are cancelled one by one
#: (deterministic); larger ones are evaluated together in GF(p) first.
CANCEL_NODES = 80
_RANDOM_POINTS = 3
_RANDOM_RANGE = 2**61


def prove_zero(diff: sp.Expr, *, rng: random.Random | None = None) -> tuple[bool, str]:
    """Try to show ``diff`` ≡ 0 exactly. Returns (proved, method)."""
    diff = sp.sympify(diff)
    if diff == 0:
        return True, "structural"
    if diff.is_number:
        # Pure numbers (counting, anchors): exact arithmetic, logs of rationals expanded.
        value = sp.nsimplify(sp.expand_log(diff, force=True)) if diff.has(sp.log) else sp.expand(diff)
        if value == 0:
            return True, "exact-arithmetic"
        return False, "exact-arithmetic"
    if to_exp(diff).has(sp.log):
        return False, "has-log"
    normal = rationalize(diff, Atoms())
    if sp.count_ops(normal) <= CANCEL_OPS_LIMIT:
        return is_rational_zero(normal), "exp-rational-cancel"
    return _random_rational_zero(normal, rng or random.Random(0)), "random-rational"


def _random_rational_zero(normal: sp.Expr, rng: random.Random) -> bool:
    symbols = sorted(normal.free_symbols, key=str)
    for _ in range(_RANDOM_POINTS):
        point = {}
        for s in symbols:
            sign = 1 if s.is_positive or rng.random() < 0.5 else -1
            point[s] = sp.Rational(rng.randrange(1, _RANDOM_RANGE), rng.randrange(1, _RANDOM_RANGE)) * sign
        try:
            value = normal.xreplace(point)
        except ZeroDivisionError:
            continue
        if value is sp.nan or value.has(sp.zoo):
            continue
        if not value.is_number or sp.nsimplify(value) != 0:
            return False
    return True


def gradient_anchor(diff: sp.Expr, symbols: list[sp.Symbol]) -> tuple[bool, str]:
    """diff ≡ 0 on a connected domain if ∇diff ≡ 0 there and diff(anchor) = 0.

    The partials come from one reverse pass (``partials``); large ones are checked
    together in GF(p) (``random-modular``), small ones with ``cancel``."""
    grads = partials(diff, symbols)
    if any(to_exp(g).has(sp.log) for g in grads):
        return False, "gradient+anchor"
    total = sum(node_count(g, CANCEL_NODES) for g in grads)
    if total > CANCEL_NODES:
        verdict = modular_differences([(g, sp.S.Zero) for g in grads])
        if verdict is None or verdict:
            return False, "gradient+anchor"
    else:
        for g in grads:
            ok, _ = prove_zero(g)
            if not ok:
                return False, "gradient+anchor"
    anchor = {s: (1 if s.is_positive else -1 if s.is_negative else 0) for s in symbols}
    ok, _ = prove_zero(diff.xreplace(anchor))
    return ok, "gradient+anchor"
