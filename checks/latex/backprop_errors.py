r"""A layer's back-propagated error in matrix form, and left sides written as a chain of derivatives
(for layer_gradient_roles and layer_gradients).

Beside a layer's gradients, back-propagation notes write the error of each layer:
``\delta^l = ((W^{l+1})^T \delta^{l+1}) \odot \sigma'(z^l)``, ``dZ^{[1]} = W^{[2]T} dZ^{[2]} *
g^{[1]\prime}(Z^{[1]})``, ``dZ^{[l]} = dA^{[l]} * g'(Z^{[l]})``. With A^l = f(Z^l) entry-wise (f any
smooth function, f′ its derivative) and Z^{l+1} = W^{l+1} A^l + b^{l+1}, whatever the loss C,

    ∂C/∂Z^l = (∂C/∂A^l) ⊙ f′(Z^l),   ∂C/∂A^l = (W^{l+1})ᵀ ∂C/∂Z^{l+1}

(with Z = A W the transposes move: ∂C/∂A^l = ∂C/∂Z^{l+1} (W^{l+1})ᵀ). So the TARGET "Z" (δ^l, Δ^l,
dZ^{[l]}, ∂C/∂z^l) is, on the right, built of ``G`` = ∂C/∂Z^{l+1} with the weight of layer l+1, or of
``P`` = ∂C/∂A^l (``dA^{[l]}``, ``\frac{\partial C}{\partial a^l}``), times ``D`` = f′(Z^l) entry by
entry: the activation's derivative at the error's own layer (``\sigma'(z^l)``, ``g'(Z^{[l]})``,
``\mathrm{ReLU}'(z^l)``; not the softmax's, whose Jacobian is no entry-wise product). f is unknown,
so D is any matrix of A^l's shape: a step holding for a random D holds for every activation.

A derivative's chain on the left, ``\frac{\partial L}{\partial A^{[2]}} \frac{\partial A^{[2]}}{\partial
Z^{[2]}}`` or ``\frac{\partial J}{\partial Z^{[3]}} \frac{\partial Z^{[3]}}{\partial W^{[3]}}``, is the
chain rule's abbreviation of the derivative it links up to (∂L/∂Z^{[2]}, ∂J/∂W^{[3]}) and read as it.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.typed_nodes import Call, Deriv, Mul, Node, Sym

__all__ = ["ENTRYWISE", "activation_slope", "chain_collapsed"]

#: activations acting on each entry (the matrix reader's keys); an undefined one is "activation:g"
ENTRYWISE = frozenset({"sigmoid", "tanh", "relu", "leaky_relu", "softplus", "elu", "gelu", "swish"})


def chain_collapsed(lhs: Node) -> Node:
    """``∂L/∂A · ∂A/∂Z`` (juxtaposed, ``\\cdot``, ``\\times`` or ⊙) as ``∂L/∂Z`` where each
    derivative's numerator is the previous one's variable; any other side as it is."""
    factors = _product_factors(lhs)
    if len(factors) < 2 or not all(isinstance(f, Deriv) for f in factors):
        return lhs
    for before, after in zip(factors, factors[1:], strict=False):
        if not (isinstance(after.num, Sym) and after.num.full == before.var.full):  # type: ignore[attr-defined]
            return lhs
    first, last = factors[0], factors[-1]
    return Deriv(first.num, last.var)  # type: ignore[attr-defined]


def _product_factors(node: Node) -> list[Node]:
    if isinstance(node, Mul) and node.kind in ("juxt", "cdot", "hadamard"):
        return _product_factors(node.a) + _product_factors(node.b)
    return [node]


def activation_slope(node: Any) -> Node | None:
    """The argument of an entry-wise activation's first derivative (``\\sigma'(z^l)`` → ``z^l``),
    or None."""
    if not (isinstance(node, Call) and node.prime == 1 and len(node.args) == 1):
        return None
    if node.fn in ENTRYWISE or node.fn.startswith("activation:"):
        return node.args[0]
    return None
