"""Scalar functions of 001 Q1: σ, tanh, softplus, sign, |x|, rect and LeakyReLU."""

from __future__ import annotations

import sympy as sp

from derive.catalogue import CATALOGUE, SEED_CLAIMS
from derive.functions import leaky_relu, leaky_relu_prime, relu, sigmoid, softplus, step
from derive.identities._common import SEED_001
from derive.identity import Claim, Identity, Variable, gradient

x = Variable("x", "real", latex="x")
#: Display symbols for the statements (the proofs use the Variables' own symbols).
_x = sp.Symbol("x", real=True)
_z = sp.Symbol("z", real=True)
_alpha = sp.Symbol("alpha", positive=True)
x_off_kink = Variable("x", "nonzero", latex="x")


def _derivative_claim(f, rhs):
    """A builder for ``d f(x)/dx = rhs(x)`` that keeps f for the finite-difference oracle."""

    def build(v, sizes):
        fx = f(v["x"])
        return Claim(gradient(fx, v["x"]), rhs(v["x"]), v, function=fx, wrt=v["x"])

    return build


CATALOGUE.register(Identity(
    id="sigmoid-via-tanh",
    title="The logistic sigmoid through tanh",
    topic="activations",
    sources=(f"{SEED_001} Q1(a)",),
    variables=(x,),
    build=lambda v, s: Claim(sigmoid(v["x"]), (sp.tanh(v["x"] / 2) + 1) / 2, v),
    derivation=r"\frac{1}{2}\left(\frac{e^{x/2}-e^{-x/2}}{e^{x/2}+e^{-x/2}}+1\right)=\frac{e^{x/2}}{e^{x/2}+e^{-x/2}}=\frac{1}{1+e^{-x}}",
    statement=lambda: (sigmoid(_x), (sp.tanh(_x / 2) + 1) / 2),
))

SEED_CLAIMS.register(Identity(
    id="seed-001-q1a-tanh-shift",
    title="Seed 001 Q1(a) as printed: ½tanh(½x + 1) = σ(x)",
    topic="activations",
    sources=(f"{SEED_001} Q1(a)",),
    variables=(x,),
    build=lambda v, s: Claim(sp.tanh(v["x"] / 2 + 1) / 2, sigmoid(v["x"]), v),
    derivation="The +1 moved inside the tanh: the claim is false at every x (the correct form is sigmoid-via-tanh).",
    statement=lambda: (sp.tanh(_x / 2 + 1) / 2, sigmoid(_x)),
))

CATALOGUE.register(Identity(
    id="log-sigmoid-softplus",
    title="The log-sigmoid as a negated softplus",
    topic="activations",
    sources=(f"{SEED_001} Q1(b)",),
    variables=(x,),
    build=lambda v, s: Claim(sp.log(sigmoid(v["x"])), -softplus(-v["x"]), v),
    derivation=r"\ln\sigma(x)=\ln\frac{1}{1+e^{-x}}=-\ln(1+e^{-x})=-\operatorname{softplus}(-x)",
    statement=lambda: (sp.log(sigmoid(_x)), -softplus(-_x)),
))

CATALOGUE.register(Identity(
    id="sigmoid-derivative",
    title="The derivative of the sigmoid",
    topic="activations",
    sources=(f"{SEED_001} Q1(c)",),
    variables=(x,),
    # The left side differentiates the definition 1/(1 + e^{-x}), not σ's own fdiff,
    # which states the very claim being proved.
    build=_derivative_claim(lambda t: 1 / (1 + sp.exp(-t)), lambda t: sigmoid(t) * (1 - sigmoid(t))),
    statement=lambda: (sp.Derivative(sigmoid(_x), _x), sigmoid(_x) * (1 - sigmoid(_x))),
))

CATALOGUE.register(Identity(
    id="tanh-derivative",
    title="The derivative of tanh",
    topic="activations",
    sources=(f"{SEED_001} Q1(d)",),
    variables=(x,),
    build=_derivative_claim(lambda t: (sp.exp(t) - sp.exp(-t)) / (sp.exp(t) + sp.exp(-t)),
                            lambda t: 1 - sp.tanh(t) ** 2),
    statement=lambda: (sp.Derivative(sp.tanh(_x), _x), 1 - sp.tanh(_x) ** 2),
))

CATALOGUE.register(Identity(
    id="softplus-derivative",
    title="The derivative of softplus",
    topic="activations",
    sources=(f"{SEED_001} Q1(b)", f"{SEED_001} Q1(c)"),
    variables=(x,),
    build=_derivative_claim(lambda t: sp.log(1 + sp.exp(t)), sigmoid),
    statement=lambda: (sp.Derivative(softplus(_x), _x), sigmoid(_x)),
))

CATALOGUE.register(Identity(
    id="sign-via-indicators",
    title="The sign function through indicators",
    topic="activations",
    sources=(f"{SEED_001} Q1(e)",),
    variables=(Variable("x", "real", latex="x", kink=True),),
    build=lambda v, s: Claim(sp.sign(v["x"]), step(v["x"]) - step(-v["x"]), v),
    convention="Both sides are 0 at x = 0 (sign(0) = 0, 1{0>0} = 1{0<0} = 0); checked as its own case.",
    statement=lambda: (sp.sign(_x), step(_x) - step(-_x)),
))

CATALOGUE.register(Identity(
    id="abs-derivative",
    title="The derivative of the absolute value",
    topic="activations",
    sources=(f"{SEED_001} Q1(f)",),
    variables=(x_off_kink,),
    build=_derivative_claim(sp.Abs, sp.sign),
    convention="Undefined at 0; abs'(0) := sign(0) = 0.",
    statement=lambda: (sp.Derivative(sp.Abs(_x), _x), sp.sign(_x)),
))

CATALOGUE.register(Identity(
    id="relu-derivative",
    title="The derivative of the rectifier",
    topic="activations",
    sources=(f"{SEED_001} Q1(g)",),
    variables=(x_off_kink,),
    build=_derivative_claim(relu, step),
    convention="Undefined at 0; rect'(0) := 1{0 > 0} = 0.",
    statement=lambda: (sp.Derivative(relu(_x), _x), step(_x)),
))

alpha = Variable("alpha", "unit-interval", latex=r"\alpha")
z_off_kink = Variable("z", "nonzero", latex="z")


def _leaky_claim(v, sizes):
    fz = leaky_relu(v["z"], v["alpha"])
    return Claim(gradient(fz, v["z"]), leaky_relu_prime(v["z"], v["alpha"]), v, function=fz, wrt=v["z"])


CATALOGUE.register(Identity(
    id="leaky-relu-derivative",
    title="The derivative of LeakyReLU",
    topic="activations",
    sources=(f"{SEED_001} Q2(l)",),
    variables=(z_off_kink, alpha),
    build=_leaky_claim,
    convention="Undefined at 0; LeakyReLU'(0) := 1 (the seed's z ≥ 0 branch).",
    statement=lambda: (sp.Derivative(leaky_relu(_z, _alpha), _z), leaky_relu_prime(_z, _alpha)),
))
