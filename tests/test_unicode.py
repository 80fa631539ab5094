"""derive.unicode: the catalogue's statements in plain Unicode for text reports."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
import sympy as sp

import derive.unicode
from derive.catalogue import load
from derive.functions import FUNCTIONS, define_function
from derive.unicode import identity_unicode, unicode_formula

CATALOGUE, SEED_CLAIMS = load()


@pytest.mark.parametrize(
    ("identity_id", "expected"),
    [
        ("sigmoid-derivative", "d/dx σ(x) = (1 − σ(x))·σ(x)"),
        ("relu-derivative", "d/dx rect(x) = 1{x > 0}"),
        ("leaky-relu-derivative", "d/dz LeakyReLU(z, α) = α + (1 − α)·1{z ≥ 0}"),
        ("batch-ce-gradient-z3", "∂J/∂z3 = (ψ(z3) − Δ)/N"),
        ("batch-grad-W2-l2", "∂J̃/∂W2 = a2ᵀ(P − Δ)/N + 2λW2"),
        ("batch-grad-W1-l2", "∂J̃/∂W1 = Xᵀ(((P − Δ)W2ᵀ/N) ⊙ 1{z2 > 0}) + 2λW1"),
        ("batch-grad-W2-elastic", "∂J̃/∂W2 = a2ᵀ(P − Δ)/N + λ₂₁sign(W2) + 2λ₂₂W2"),
        ("mlp-grad-b1", "∂L/∂b1 = W2ᵀ(S(oᵃ) − e_y) ⊙ (α + (1 − α)·1{hᵃ ≥ 0})"),
        ("softmax-jacobian", "∂S(x)/∂x = diag(S(x)) − S(x)S(x)ᵀ"),
        ("l2-squared-gradient", "∂(‖x‖₂²)/∂x = 2x"),
    ],
)
def test_statements_read_as_the_seeds_write_them(identity_id: str, expected: str) -> None:
    assert identity_unicode(CATALOGUE[identity_id]) == expected


@pytest.mark.parametrize("identity", [*CATALOGUE, *SEED_CLAIMS], ids=lambda i: i.id)
def test_every_statement_prints_without_sympy_internals(identity) -> None:
    text = identity_unicode(identity)
    for internal in ("Lambda", "_d", "**", "Heaviside", "HadamardProduct", "RowSoftmax", "ColSoftmax", "Grad("):
        assert internal not in text, (internal, text)
    assert "-" not in text.replace("−", "") or "Matrix" in text  # minus signs are U+2212


def test_a_new_named_function_prints_by_its_record() -> None:
    record = define_function("gelu", definition=None, numpy=np.tanh, latex=r"\operatorname{GELU}", unicode="GELU")
    x = sp.Symbol("x", real=True)
    with FUNCTIONS.temporary(record):
        assert unicode_formula(2 * record.build(x) - 1) == "2GELU(x) − 1"


def test_the_module_example_holds() -> None:
    failures, tried = doctest.testmod(derive.unicode)
    assert tried >= 2 and failures == 0
