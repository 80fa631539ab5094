r"""Inverse trigonometric and hyperbolic functions by how they are written.

Notes on the hyperbolic functions and on activations write ``\sinh^{-1}(x)``, ``\tanh^{-1} x``,
``\arcsin x``, ``\operatorname{artanh}(x)``, ``cosh^{-1}(x)``: the inverse function, never 1/sinh(x)
(a reciprocal is written ``\csch`` or ``(\sinh x)^{-1}``). They are read as SymPy's ``asinh``,
``atanh``, ``asin`` …; only the functions with a known inverse are (``\sigma^{-1}``, the logit,
stays unread). Their real domains are weighed in :mod:`inverse_domains`. This module imports
nothing, so the readers can use it.
"""

from __future__ import annotations

__all__ = ["INVERSE_KEYS", "INVERSE_OF", "inverse_key"]

#: the function key → the key of its inverse (``\sinh^{-1}`` is asinh)
INVERSE_OF: dict[str, str] = {
    "sin": "asin", "cos": "acos", "tan": "atan",
    "sinh": "asinh", "cosh": "acosh", "tanh": "atanh",
    "sech": "asech", "csch": "acsch", "coth": "acoth",
}  # fmt: skip
INVERSE_KEYS = frozenset(INVERSE_OF.values())


def inverse_key(key: str, power: str | None) -> str | None:
    """The inverse's key for ``key`` raised to ``power`` as written (``-1``), else None."""
    if power is None or "".join(power.split()) not in ("-1", "{-1}"):
        return None
    return INVERSE_OF.get(key)
