"""derive.checks.proof.dag_eval: float evaluation without code generation agrees with lambdify."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from derive.checks.proof.dag_eval import compile_dag

from derive.catalogue import load
from derive.functions import FUNCTIONS, leaky_relu, relu, sigmoid, softplus, step

CATALOGUE, _ = load()
x, y = sp.symbols("x y", real=True)


@pytest.mark.parametrize(
    "identity_id",
    ["batch-grad-W1-l2", "batch-grad-W2-elastic", "mlp-grad-W1", "softmax-jacobian", "ce-gradient-logits"],
)
def test_agrees_with_lambdify_on_catalogue_claims(identity_id: str) -> None:
    identity = CATALOGUE[identity_id]
    sizes = {k: min(2, v) for k, v in identity.size_bounds.items()}
    claim = identity.instantiate(sizes)
    free = [v.free_symbols for v in claim.values.values() if hasattr(v, "free_symbols")]
    symbols = sorted(set().union(*free), key=str)
    rng = np.random.default_rng(3)
    args = [float(rng.uniform(0.2, 2.0)) * (1 if k % 2 else -1) for k in range(len(symbols))]
    for expr in (claim.lhs, claim.rhs, claim.function):
        if expr is None:
            continue
        ours = compile_dag(symbols, expr)(*args)
        explicit = sp.Matrix(expr) if isinstance(expr, sp.MatrixBase) else expr
        ref = sp.lambdify(symbols, explicit, modules=[dict(FUNCTIONS.numpy_namespace()), "numpy"])(*args)
        assert np.allclose(ours, np.asarray(ref, dtype=float), rtol=1e-12, atol=1e-12)
        assert ours.shape == (np.asarray(ref).shape if isinstance(expr, sp.MatrixBase) else ())


def test_kink_conventions() -> None:
    f = compile_dag([x], sp.Matrix([relu(x), step(x), sp.sign(x), sp.Abs(x), sp.Heaviside(x, 1)]))
    assert f(0.0).ravel().tolist() == [0.0, 0.0, 0.0, 0.0, 1.0]
    assert f(-2.0).ravel().tolist() == [0.0, 0.0, -1.0, 2.0, 0.0]
    alpha = sp.Symbol("alpha", positive=True)
    g = compile_dag([x, alpha], leaky_relu(x, alpha))
    assert g(-2.0, 0.1) == pytest.approx(-0.2) and g(3.0, 0.1) == 3.0


def test_stable_and_non_finite_values() -> None:
    f = compile_dag([x], sp.Matrix([sigmoid(x), softplus(x), sp.exp(x), sp.log(x)]))
    big = f(1000.0).ravel()
    assert big[0] == 1.0 and big[1] == pytest.approx(1000.0) and math.isinf(big[2])
    neg = f(-1000.0).ravel()
    assert neg[0] == pytest.approx(0.0) and neg[1] == pytest.approx(0.0) and math.isnan(neg[3])


def test_unknown_nodes_fall_back_to_lambdify() -> None:
    f = compile_dag([x], sp.Piecewise((x, x > 0), (2 * x, True)))
    assert f(3.0) == 3.0 and f(-1.0) == -2.0


def test_wrong_value_is_visible() -> None:
    # The evaluator is used to catch wrong claims: distinct expressions give distinct values.
    f = compile_dag([x, y], sp.Matrix([x * y + 1, x * y]))
    a, b = f(2.0, 3.0).ravel()
    assert a == 7.0 and b == 6.0
