"""derive.functions: derivatives, rewrites and the stated conventions at kinks."""

from __future__ import annotations

import math

import pytest
import sympy as sp

from derive.functions import leaky_relu, leaky_relu_prime, relu, sigmoid, softmax, softplus, step

x = sp.Symbol("x", real=True)
p = sp.Symbol("p", positive=True)


def test_sigmoid_and_softplus_values_and_derivatives() -> None:
    assert sigmoid(0) == sp.Rational(1, 2)
    assert softplus(0) == sp.log(2)
    assert sp.diff(softplus(x), x) == sigmoid(x)
    assert sp.diff(sigmoid(x), x) == sigmoid(x) * (1 - sigmoid(x))
    assert float(sigmoid(x).rewrite(sp.exp).subs(x, 1)) == pytest.approx(1 / (1 + math.exp(-1)))
    assert float(softplus(x).rewrite(sp.exp).subs(x, 2)) == pytest.approx(math.log1p(math.exp(2)))


def test_conventions_at_the_kinks_are_explicit() -> None:
    assert step(sp.Integer(0)) == 0  # rect'(0) := 0, not SymPy's default H(0) = 1/2
    assert step(p) == 1 and step(-p) == 0
    assert sp.sign(sp.Integer(0)) == 0
    assert relu(sp.Integer(0)) == 0 and relu(p) == p and relu(-p) == 0
    assert sp.diff(relu(x), x) == step(x)
    alpha = sp.Rational(1, 10)
    assert leaky_relu_prime(sp.Integer(0), alpha) == 1  # the seed's z ≥ 0 branch
    assert leaky_relu_prime(-p, alpha) == alpha
    assert leaky_relu(-p, alpha) == -p / 10 and leaky_relu(p, alpha) == p


def test_relu_stays_opaque_for_a_symbol_of_unknown_sign() -> None:
    assert isinstance(relu(x), relu)


def test_softmax_builds_an_explicit_column() -> None:
    xs = sp.symbols("x0:3", real=True)
    s = softmax(xs)
    assert s.shape == (3, 1)
    assert sp.cancel(sum(s) - 1) == 0


def test_latex_names() -> None:
    assert sp.latex(sigmoid(x)) == r"\sigma\left(x\right)"
    assert "softplus" in sp.latex(softplus(x))


def test_seed_functions_evaluate_numerically() -> None:
    assert float(sp.N(sigmoid(sp.Integer(1)))) == pytest.approx(1 / (1 + math.exp(-1)))
    assert float(sp.N(softplus(sp.Integer(1)))) == pytest.approx(math.log1p(math.e))
    assert float(sp.Max(sp.Integer(1), softplus(sp.Integer(1)))) == pytest.approx(math.log1p(math.e))


def test_the_heaviside_name_means_the_indicator_with_value_0_at_0() -> None:
    from derive.functions import SEED_FUNCTIONS

    assert SEED_FUNCTIONS["heaviside"](sp.Integer(0)) == 0


def test_powers_of_the_seed_functions_print() -> None:
    a = sp.Symbol("alpha", positive=True)
    for f in (sigmoid(x) ** 2, softplus(x) ** 2, relu(x) ** 2, leaky_relu(x, a) ** 2):
        assert sp.latex(f).endswith("^{2}")
