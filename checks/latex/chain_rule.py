r"""Products of derivative factors, read as the chain rule.

``\frac{\partial J}{\partial z} \cdot \frac{\partial z}{\partial a} \cdot \frac{\partial a}{\partial W}``
multiplies Jacobians whose layout (numerator or denominator, vectorised or not) the document
never states. Read left to right as the chain rule, the product has one meaning that needs no
layout: start from the factor with the shape of z (a gradient, or a value such as
(1/N)(P − Δ)) and pull it back through each Jacobian ∂B/∂C in turn (a vector-Jacobian
product: the gradient of ⟨G, B⟩ with respect to C, G held fixed). Scalar factors multiply the
result. Anything else in such a product (a matrix after a Jacobian, a Jacobian first) is not
judged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from derive.checks.latex.dependencies import unstated_dependence
from derive.checks.latex.tensor_ops import (
    Dual,
    JacobianNeeded,
    LooseShapes,
    NotJudged,
    ShapeMismatch,
    hadamard,
    shape_of,
)
from derive.checks.latex.typed_nodes import Deriv, Mul, Node

__all__ = ["chain_factors", "evaluate_chain"]


def chain_factors(node: Node) -> list[Node]:
    """The factors of a product of juxtapositions and ``\\cdot``, left to right."""
    if isinstance(node, Mul) and node.kind in ("juxt", "cdot"):
        return chain_factors(node.a) + chain_factors(node.b)
    return [node]


def evaluate_chain(ev: Any, factors: list[Node]) -> Dual:
    """The product read as a chain rule; ``ev`` is the evaluator (tensor_eval.Evaluator)."""
    if ev.pins:
        raise NotJudged("a chain of Jacobians inside a derivative")
    coefficient: Dual | None = None
    pulled: Dual | None = None
    for factor in factors:
        try:
            value = ev.ev(factor)
        except JacobianNeeded:
            if pulled is None:
                raise NotJudged("a Jacobian with nothing before it to apply it to") from None
            assert isinstance(factor, Deriv)
            pulled = _pull_back(ev, pulled, factor)
            continue
        if value.size == 1:
            coefficient = value if coefficient is None else hadamard(coefficient, value)
        elif pulled is None:
            pulled = value
        else:
            raise NotJudged(f"a {shape_of(value)} factor after a Jacobian in a chain rule")
    if pulled is None:
        raise NotJudged("a chain rule without a starting gradient")
    return pulled if coefficient is None else hadamard(coefficient, pulled)


def _pull_back(ev: Any, cotangent: Dual, factor: Deriv) -> Dual:
    """⟨G, B⟩ differentiated with respect to C for the factor ∂B/∂C (G constant)."""
    target, at = ev.derivative_target(factor.var)
    if at is not None:
        raise NotJudged("a chain rule through one entry")
    base = ev.name(target)
    rows, cols = base.shape
    seeds = np.eye(rows * cols).reshape(rows * cols, rows, cols)
    inner = ev.pinned({target: Dual(base.v, seeds)})
    assert factor.num is not None
    try:
        value = inner.ev(factor.num)
    except ShapeMismatch as exc:
        raise LooseShapes(f"shapes do not fit inside a derivative: {exc}") from None
    unstated_dependence(ev.world.definitions, target, value)
    g = cotangent.v
    if g.shape != value.shape:
        if g.size != value.size or min(g.shape) != 1 or min(value.shape) != 1:
            raise NotJudged(f"a {shape_of(cotangent)} gradient applied to ∂({shape_of(value)})/∂{target}")
        g = g.reshape(value.shape)
    tangents = value.dk(rows * cols)
    return Dual((tangents * g).sum(axis=(1, 2)).reshape(rows, cols))
