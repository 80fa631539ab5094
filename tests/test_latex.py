"""derive.latex: the seeds' notation from SymPy's printer, and LaTeX-safe text."""

from __future__ import annotations

import re

import pytest
import sympy as sp

from derive import notation as nt
from derive.catalogue import load
from derive.latex import (
    error_latex,
    evidence_text,
    identity_latex,
    seed_latex,
    text_to_latex,
    unknown_characters,
    verification_latex,
)

CATALOGUE, SEED_CLAIMS = load()
ALL = [*CATALOGUE, *SEED_CLAIMS]


def test_names_follow_the_seeds():
    g = nt.batch_gradients("l2")
    w1 = seed_latex(g["W1"])
    assert "W^{(1)}" in w1 and "W^{(2)T}" in w1 and r"\lambda" in w1 and "X^{T}" in w1
    # Forward quantities by name, P as ψ(z^{(3)}), the mask as an indicator with its kink.
    assert r"\psi\left(z^{(3)}\right) - \Delta" in w1
    assert r"\mathbf{1}_{\{z^{(2)} > 0\}}" in w1
    assert r"\odot" in w1
    # No Python name leaks into the LaTeX (\\Delta and \\lambda are the seeds' letters).
    assert "W1" not in w1 and re.search(r"(?<!\\)(Delta|lam)", w1) is None


def test_elementwise_functions_never_print_as_lambdas():
    exprs = [*nt.batch_gradients("elastic").values(), *nt.column_gradients().values(),
             nt.batch_loss("elastic"), nt.column_loss()]
    for e in exprs:
        text = seed_latex(e)
        assert r"\mapsto" not in text and r"\circ" not in text and r"\theta" not in text, text


def test_norms_print_as_norms():
    text = seed_latex(nt.batch_loss("elastic"))
    assert r"\left\lVert W^{(1)} \right\rVert_1" in text
    assert r"\left\lVert W^{(2)} \right\rVert_2^2" in text


def test_leaky_relu_mask_shows_its_value_at_zero():
    text = seed_latex(nt.column_gradients()["h_a"])
    assert r"\mathbf{1}_{\{\mathbf{h}^{a} \geq 0\}}" in text
    assert r"\alpha" in text


def test_a_scalar_x_is_not_the_column_vector():
    x = sp.Symbol("x", real=True)
    assert seed_latex(sp.sin(x)) == r"\sin{\left(x \right)}"
    assert seed_latex(nt.x) == r"\mathbf{x}"


def test_definitions_print_expanded_only_when_asked():
    assert seed_latex(nt.z2) == "z^{(2)}"
    assert seed_latex(nt.z2, expand=(nt.z2,)) == r"X W^{(1)} + \mathbf{1} b^{(1)T}"


@pytest.mark.parametrize("identity", ALL, ids=lambda i: i.id)
def test_every_identity_prints(identity):
    text = identity_latex(identity)
    assert " = " in text
    assert text.count(r"\left") == text.count(r"\right")
    assert text.count("{") == text.count("}")
    assert r"\mapsto" not in text
    html = identity._repr_latex_()
    assert html.startswith("$") and html.endswith("$")


@pytest.mark.parametrize("identity", ALL, ids=lambda i: i.id)
def test_every_text_field_has_latex_for_each_character(identity):
    for text in (identity.title, identity.convention, identity.derivation, *identity.sources):
        assert unknown_characters(text) == [], (identity.id, text)


def test_text_escapes_specials_and_typesets_symbols():
    assert text_to_latex("50% of a_b & c#") == r"50\% of a\_b \& c\#"
    assert text_to_latex("σ(x) ≤ 1") == r"$\sigma$(x) $\leq$ 1"
    # Superscript runs fuse into one group (two ^ in a row would be a LaTeX error).
    assert text_to_latex("W⁽¹⁾") == r"W$^{(1)}$"
    assert text_to_latex("½x") == r"${}^{1}\!/\!{}_{2}$x"  # in reading order for pdftotext
    assert text_to_latex("Sₙ xᵀ") == r"S$_{n}$ x$^{T}$"
    assert text_to_latex("ℝ^{dₕ×dₕ}") == r"$\mathbb{R}^{d _{h} \times d _{h}}$"
    assert text_to_latex("J̃") == r"$\tilde{J}$"
    assert "textsc" in text_to_latex("é")  # unknown characters are named, not dropped


def test_error_rounding_is_a_power_of_ten_upper_bound():
    # Rounding-level errors (0 included) print alike: they vary with BLAS and Hypothesis.
    for tiny in (0.0, 3e-16, 1e-13, 1e-12):
        assert error_latex(tiny) == r"$\leq 10^{-12}$"
    assert error_latex(float("inf")) == r"$\infty$"
    for e in (1.7e-9, 9.99e-3, 2.5e-11):
        k = int(error_latex(e).split("{")[1].split("}")[0])
        assert e <= 10.0**k < 10 * e


class _Proof:
    def __init__(self, status, method="exp-rational-cancel", scope="all sizes", seconds=1.23456):
        self.status, self.method, self.scope, self.seconds = status, method, scope, seconds
        self.counterexample = None
        self.detail = ""


class _Numeric:
    def __init__(self, status="passed", examples=40, max_error=2.3e-16):
        self.status, self.examples, self.max_error = status, examples, max_error
        self.counterexample = None


class _Result:
    def __init__(self, identity, symbolic, numeric, verdict):
        self.identity, self.symbolic, self.numeric, self.verdict = identity, symbolic, numeric, verdict


def test_evidence_states_scope_and_never_seconds():
    ident = CATALOGUE["relu-derivative"]
    r = _Result(ident, _Proof("proved", "case-split+structural", "sizes N ≤ 3, C ≤ 2"), _Numeric(), "verified")
    text = evidence_text(r)
    assert r"$N \leq 3$" in text and r"$C \leq 2$" in text
    assert "40 numeric examples" in text and r"10^{-12}" in text
    assert "1.23" not in text
    assert "all sizes" in evidence_text(_Result(ident, _Proof("proved"), _Numeric(), "verified"))
    assert evidence_text(_Result(ident, _Proof("inconclusive"), _Numeric(), "unverified")).startswith("not proved")


def test_verification_latex_shows_verdict():
    ident = CATALOGUE["relu-derivative"]
    text = verification_latex(_Result(ident, _Proof("proved"), _Numeric(), "verified"))
    assert identity_latex(ident) in text and r"\textbf{verified}" in text


def test_gradient_of_a_sum_is_bracketed_and_rows_of_ones_are_transposed():
    W = nt.W1
    grad = nt.Grad(nt.lam * sp.Trace(W.T * W) + nt.lam11 * sp.Trace(W.T * W), W)
    text = seed_latex(grad)
    assert text.startswith(r"\frac{\partial}{\partial W^{(1)}}\left(")
    ones_row = sp.OneMatrix(1, nt.C)
    assert seed_latex(ones_row * nt.Delta.T) == r"\mathbf{1}^{T} \Delta^{T}"
    assert seed_latex(sp.OneMatrix(nt.N, 1)) == r"\mathbf{1}"
