r"""An activation named by a subscript on a function's letter: ``\sigma_\mathrm{relu}(z)``,
``g_{\text{ReLU}}(Z)``, ``g'_{\text{ReLU}}(Z)``, ``f_\text{tanh}(z)``.

Both readers take such a letter, applied, as the activation its subscript names: the scalar reader
(:mod:`derive.checks.latex.norm_names`) and the typed reader of matrix steps, which had read
``g_{\text{ReLU}}(Z)`` as a name ``g_{ReLU}`` times Z (and ``g'_{\text{ReLU}}`` not at all). Only the
notation's function letters and the letters activations are written with (f, g, h, φ, ψ), never a
loss named after one (``\ell_{\text{softmax}}``), and only where an argument follows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.notation import BUILTIN_NAMES
from derive.checks.latex.typed_nodes import Call, Node

__all__ = ["ACTIVATION_LETTERS", "named_activation", "subscripted_activation"]

#: activations a subscript may name (σ_relu, g_{tanh}, f_\text{sigmoid}); leaky ReLU needs its slope
_NAMED = {"relu", "rect", "tanh", "sigmoid", "logistic", "heaviside", "step", "softplus", "sign", "sgn", "softmax"}
#: letters an activation is written with, beside the notation's functions (not ℓ, L, J: losses)
ACTIVATION_LETTERS = {"f", "g", "h", r"\phi", r"\varphi", r"\psi"}
#: abbreviations notes write in an activation's subscript (\sigma_\mathrm{sig}, \sigma_\mathrm{sm})
_ABBREVIATED = {"logistic": "sigmoid", "sig": "sigmoid", "sigm": "sigmoid", "sm": "softmax"}


def named_activation(text: str) -> str | None:
    """The function key an activation's name written as a subscript stands for, or None."""
    word = text.strip().lower()
    if word in _ABBREVIATED:
        return _ABBREVIATED[word]
    return BUILTIN_NAMES[word] if word in _NAMED and word in BUILTIN_NAMES else None


def subscripted_activation(reader: Any) -> Node | None:
    """The call ``g_{\\text{ReLU}}(Z)`` (primes before or after the subscript) at the typed reader's
    position, read and consumed; None, with nothing consumed, for anything else. The softmax is
    left to the per-entry readings (a subscript there is no activation's name alone)."""
    toks, start = reader.toks, reader.i
    letter = toks[start]
    if letter not in ACTIVATION_LETTERS and letter not in reader.notation.functions:
        return None
    k = start + 1
    primes = 0
    while k < len(toks) and toks[k] == "'":
        primes, k = primes + 1, k + 1
    if k >= len(toks) or toks[k] != "_":
        return None
    sub, k = reader.read_arg(k + 1)
    if f"{letter}_{{{reader.text_of(sub)}}}" in reader.notation.shapes:
        return None  # a name the document sizes (f_{tanh} ∈ ℝ^n) is no function
    key = named_activation(reader.text_of(sub))
    after = k
    while after < len(toks) and toks[after] == "'":
        after += 1
    if key is None or key == "softmax" or after >= len(toks) or toks[after] != "(":
        return None
    reader.i = k
    node = reader._function(key, letter)  # reads the primes after the subscript and the argument
    if primes and isinstance(node, Call):
        node = replace(node, prime=node.prime + primes)
    return node
