r"""Two readings layered_backprop applies to a step's formula trees (layered_parse) before, or
instead of, evaluating them on random networks.

- A SUBSTITUTION of the document's delta. ``\frac{\partial C}{\partial z^{l+1}}\frac{\partial
  z^{l+1}}{\partial z^l} = \delta^{l+1}\frac{\partial z^{l+1}}{\partial z^l}`` writes the same
  product twice, once with the derivative the document names delta (``\delta^l =
  \partial C/\partial z^l``) and once with delta. The network cannot evaluate the Jacobian
  ``\partial z^{l+1}/\partial z^l`` (its layout is the writer's), but it need not: with every
  ``\partial C/\partial z^X`` written ``\delta^X``, the two sides are the same tree, and equal
  whatever the product means. Only ``ok`` comes of this: a step whose sides differ after the
  substitution is left to the network (or unread).

- The ENTRYWISE DERIVATIVE of the activation. ``\delta^l = (W^{l+1})^T \delta^{l+1} \odot
  \frac{\partial \sigma}{\partial z^l}`` (or ``\frac{\partial a^l}{\partial z^l}``): as a factor
  of a Hadamard product with a vector, the derivative of the activation by the layer's
  pre-activation can only be the vector of its entrywise derivatives, ``\sigma'(z^l)`` (the
  Jacobian is the diagonal matrix of these, which a Hadamard product with a vector does not
  fit). It is read so there only; the caller never says ``wrong`` on this reading (a writer's
  ``\partial a/\partial z`` may be meant otherwise), only ``ok`` or a reason.

- The GRADIENT written with a bare nabla. ``\nabla W^l = \delta^l (a^{l-1})^T``, ``\nabla b^l =
  \delta^l``, ``(\nabla W^l)_{jk}``: in a document whose network has one loss, ``\nabla`` before one
  of the network's weights, biases, activations or pre-activations is the gradient of that loss
  by it, ``\partial C/\partial W^l`` (the update ``W^l - \eta \nabla W^l`` the documents write
  next); ``\nabla C(a^L)`` is the loss's gradient at the last layer's activations, ``\partial
  C/\partial a^L``. A reading of a convention: ``ok`` when it holds, never ``wrong``. A bare
  ``\nabla C`` (by what?) is not read.
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.layered_net import Roles

__all__ = ["delta_substituted", "entrywise_derivatives", "gradients_read"]


def _is_loss(t: Any, roles: Roles) -> bool:
    return isinstance(t, tuple) and t[:1] == ("var",) and roles.role(t[1]) == "loss" and t[2] is None and not t[3]


def _is_z(t: Any, roles: Roles) -> bool:
    return isinstance(t, tuple) and t[:1] == ("var",) and roles.role(t[1]) == "z" and t[2] is not None


def _substitute(t: Any, roles: Roles) -> tuple[Any, bool]:
    """The tree with each dC/dz^X (entry indices kept) written delta^X, and whether one was."""
    if not isinstance(t, tuple) or not t:
        return t, False
    if t[0] == "d" and _is_loss(t[1], roles) and _is_z(t[2], roles):
        _, _, layer, indices = t[2]
        return ("var", roles.delta, layer, indices), True
    if t[0] == "var":
        return t, False
    parts = [_substitute(x, roles) for x in t[1:]]
    return (t[0], *(p for p, _ in parts)), any(changed for _, changed in parts)


def delta_substituted(lhs: tuple, rhs: tuple, roles: Roles) -> bool:
    """Are the two sides the same tree once every dC/dz^X is written delta^X (and one was)?"""
    left, left_changed = _substitute(lhs, roles)
    right, right_changed = _substitute(rhs, roles)
    return (left_changed or right_changed) and left == right and lhs != rhs


def _activation_derivative(t: Any, roles: Roles) -> tuple | None:
    """sigma'(z^X) for dsigma/dz^X or da^X/dz^X (no entry indices), else None."""
    if not (isinstance(t, tuple) and t[:1] == ("d",)):
        return None
    num, den = t[1], t[2]
    if not _is_z(den, roles) or den[3] or num[:1] != ("var",) or num[3]:
        return None
    by_activation = num[1] == roles.act and num[2] is None
    by_a = roles.role(num[1]) == "a" and num[2] == den[2]
    return ("call", roles.act, 1, den) if by_activation or by_a else None


def entrywise_derivatives(t: Any, roles: Roles) -> tuple[Any, bool]:
    """The tree with each dsigma/dz^X, da^X/dz^X that is a factor of a Hadamard product read
    sigma'(z^X), and whether one was."""
    if not isinstance(t, tuple) or not t or t[0] in ("var", "num"):
        return t, False
    if t[0] == "had":
        out, changed = [], False
        for x in t[1:]:
            entrywise = _activation_derivative(x, roles)
            if entrywise is not None:
                out.append(entrywise)
                changed = True
            else:
                inner, inner_changed = entrywise_derivatives(x, roles)
                out.append(inner)
                changed = changed or inner_changed
        return (t[0], *out), changed
    parts = [entrywise_derivatives(x, roles) for x in t[1:]]
    return (t[0], *(p for p, _ in parts)), any(changed for _, changed in parts)


def _gradient(x: Any, roles: Roles) -> tuple | None:
    """dC/dX for the X of a bare nabla: a network name with its layer, or C(a^X)."""
    loss = ("var", roles.loss, None, ())
    if x[0] == "var" and roles.role(x[1]) in ("w", "b", "a", "z") and x[2] is not None:
        return ("d", loss, x)
    if x[0] == "call" and x[2] == 0 and roles.role(x[1]) == "loss" and isinstance(x[3], tuple):
        at = x[3]
        if at[0] == "var" and roles.role(at[1]) == "a" and at[2] is not None and not at[3]:
            return ("d", loss, at)
    return None


def gradients_read(t: Any, roles: Roles) -> tuple[Any, bool]:
    """The tree with each bare-nabla gradient read as the loss's derivative (see the module doc),
    and whether one was; a bare nabla not read so stays (the network cannot evaluate it)."""
    if not isinstance(t, tuple) or not t or t[0] in ("var", "num"):
        return t, False
    if t[0] == "grad":
        read = _gradient(t[1], roles)
        return (read, True) if read is not None else (t, False)
    parts = [gradients_read(x, roles) for x in t[1:]]
    return (t[0], *(p for p, _ in parts)), any(changed for _, changed in parts)
