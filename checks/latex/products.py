r"""Products over an index: ``\prod_{i=1}^m f_i``, ``\prod_i``, ``\prod_{n=0}^{N-1}``, read as a sum
is (the same bounds, conditions and sampled sizes, see norm_forms.summation) and multiplied.

A likelihood is a product over the examples (``L(\theta) = \prod_{i=1}^m p(y^{(i)}|x^{(i)};\theta)``)
and its log a sum of logs; with both expanded at the same sizes, ``\log\prod_i p_i = \sum_i \log
p_i`` is an identity SymPy checks like any other, and ``\log\prod_i p_i = \prod_i \log p_i`` is
not. The product is recorded as a sum whose placeholder builds a ``Mul`` (sympy_build.summed).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.tex_tokens import Operator, Unreadable

__all__ = ["read_product"]


def read_product(norm: Any, i: int) -> tuple[Operator, int]:
    r"""``\prod`` at i (a normaliser, see normalize.py) → the operator and the index after it."""
    try:
        op, k = norm.summation(i)
    except Unreadable as exc:  # the sum reader's reason, said of a product
        raise Unreadable(str(exc).replace("a sum", "a product")) from None
    norm.r.products.add(op.n)
    return Operator(op.letter, op.n, "a product"), k
