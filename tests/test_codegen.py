"""derive.codegen: the printed NumPy must be Python, vectorised, and mean what SymPy means."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from derive import notation as nt
from derive.codegen import CodegenError, numpy_code
from derive.functions import leaky_relu, relu, sigmoid, softplus, step


def _row_softmax(Z):
    shifted = Z - Z.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def _row_log_softmax(Z):
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


HELPERS = {
    "np": np,
    "_row_softmax": _row_softmax,
    "_row_log_softmax": _row_log_softmax,
    "_col_softmax": lambda v: _row_softmax(v.T).T,
    "_col_log_softmax": lambda v: _row_log_softmax(v.T).T,
}


def run(code: str, **values):
    """Evaluate printed code (our own printer's output, never user input)."""
    return eval(code, {**HELPERS, **values})  # noqa: S307


Z = sp.MatrixSymbol("Z", 3, 4)


def test_stock_printer_is_not_python_for_elementwise_functions():
    # The defect this printer exists for: SymPy 1.14 prints a lambda "applied" with a dot.
    stock = NumPyPrinter().doprint(Z.applyfunc(relu))
    assert "Lambda" in stock
    with pytest.raises(SyntaxError):
        compile(stock, "<stock>", "eval")


def test_relu_of_a_matrix_is_vectorised_maximum():
    code = numpy_code(Z.applyfunc(relu))
    assert code == "np.maximum(Z, 0)"
    z = np.array([[-1.0, 0.0, 2.0, -0.0]] * 3)
    np.testing.assert_array_equal(run(code, Z=z), np.maximum(z, 0))


def test_heaviside_conventions_at_zero_are_printed_not_guessed():
    z = np.array([[-2.0, 0.0, 3.0, -0.0]] * 3)
    assert numpy_code(Z.applyfunc(step)) == "(Z > 0)"
    assert list(run(numpy_code(Z.applyfunc(step)), Z=z)[0]) == [0, 0, 1, 0]  # H(0) = 0
    x = sp.Symbol("x")
    assert numpy_code(sp.Heaviside(x, 1)) == "(x >= 0)"
    assert run(numpy_code(sp.Heaviside(x, 1)), x=0.0) == 1
    # SymPy's default Heaviside(x) means H(0) = 1/2: printed as exactly that, not as a mask.
    default = numpy_code(sp.Heaviside(x))
    assert default.startswith("np.heaviside(x, ")
    assert run(default, x=0.0) == 0.5


def test_heaviside_without_a_value_at_zero_is_refused():
    from derive.codegen import ReferencePrinter

    impostor = sp.Function("Heaviside")(sp.Symbol("x"))  # one argument: no stated convention
    with pytest.raises(CodegenError):
        ReferencePrinter()._print_Heaviside(impostor)


def test_leaky_relu_and_its_derivative_mask():
    alpha = sp.Symbol("alpha", positive=True)
    t = sp.Dummy("t")
    fwd = Z.applyfunc(sp.Lambda(t, leaky_relu(t, alpha)))
    z = np.array([[-2.0, 0.0, 3.0, -0.5]] * 3)
    np.testing.assert_allclose(run(numpy_code(fwd), Z=z, alpha=0.1), np.where(z >= 0, z, 0.1 * z))
    grad = nt.column_gradients()["h_a"]
    code = numpy_code(grad, {nt.h_a: "h_a", nt.o_s: "o_s"})
    assert "(h_a >= 0)" in code  # LeakyReLU'(0) = 1


def test_sigmoid_and_softplus_do_not_overflow():
    x = sp.Symbol("x")
    big = np.array([-1e4, -800.0, 0.0, 800.0, 1e4])
    with np.errstate(over="raise", invalid="raise"):
        s = run(numpy_code(sigmoid(x)), x=big)
        sp_ = run(numpy_code(softplus(x)), x=big)
    np.testing.assert_allclose(s, [0.0, 0.0, 0.5, 1.0, 1.0], atol=1e-300)
    np.testing.assert_allclose(sp_, [0.0, 0.0, np.log(2), 800.0, 1e4], rtol=1e-15, atol=1e-300)


def test_row_softmax_prints_the_max_shifted_helper_and_log_softmax_is_lse():
    P = nt.RowSoftmax(Z)
    assert numpy_code(P) == "_row_softmax(Z)"
    logP = P.applyfunc(sp.log)
    assert numpy_code(logP) == "_row_log_softmax(Z)"
    z = np.array([[1e4, -1e4, 0.0, 5.0]] * 3)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        p = run(numpy_code(P), Z=z)
        lp = run(numpy_code(logP), Z=z)
    assert np.isfinite(p).all() and np.isfinite(lp).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


def test_matrix_products_transposes_and_broadcast_bias():
    code = numpy_code(nt.z2)
    assert code == "X @ W1 + b1.T"
    rng = np.random.default_rng(0)
    X, W1, b1 = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(4, 1))
    np.testing.assert_allclose(run(code, X=X, W1=W1, b1=b1), X @ W1 + np.ones((5, 1)) @ b1.T)


def test_trace_of_a_gram_product_is_an_elementwise_sum():
    A = sp.MatrixSymbol("A", 3, 4)
    B = sp.MatrixSymbol("B", 3, 4)
    code = numpy_code(sp.Trace(A.T * B))
    assert "@" not in code and "trace" not in code
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    assert run(code, A=a, B=b) == pytest.approx(np.trace(a.T @ b))


def test_batch_gradients_printed_with_names_evaluate_to_an_independent_formula():
    names = {nt.z2: "z2", nt.a2: "a2", nt.z3: "z3", nt.P: "P"}
    g = nt.batch_gradients("l2")
    rng = np.random.default_rng(2)
    N, D, H, C = 6, 4, 5, 3
    X, W1, W2 = rng.normal(size=(N, D)), rng.normal(size=(D, H)), rng.normal(size=(H, C))
    b1, b2 = rng.normal(size=(H, 1)), rng.normal(size=(C, 1))
    y = rng.integers(0, C, size=N)
    Delta = np.eye(C)[y]
    z2 = X @ W1 + b1.T
    a2 = np.maximum(z2, 0)
    z3 = a2 @ W2 + b2.T
    P = _row_softmax(z3)
    lam = 0.3
    env = dict(X=X, W1=W1, W2=W2, b1=b1, b2=b2, Delta=Delta, z2=z2, a2=a2, z3=z3, P=P, N=N, lam=lam)
    # Independent hand-written backward pass (CS231n style).
    dz3 = (P - Delta) / N
    dz2 = (dz3 @ W2.T) * (z2 > 0)
    expected = {"W2": a2.T @ dz3 + 2 * lam * W2, "b2": dz3.sum(0)[:, None],
                "W1": X.T @ dz2 + 2 * lam * W1, "b1": dz2.sum(0)[:, None]}
    for key, want in expected.items():
        code = numpy_code(g[key], names)
        assert "Lambda" not in code and "RowSoftmax" not in code
        np.testing.assert_allclose(run(code, **env), want, rtol=1e-12, atol=1e-14)


def test_named_subexpressions_are_reused_not_recomputed():
    names = {nt.z2: "z2", nt.a2: "a2", nt.z3: "z3", nt.P: "P"}
    code = numpy_code(nt.batch_gradients("l2")["W1"], names)
    assert "X @ W1" not in code  # the forward pass is not repeated inside the gradient
    assert "(z2 > 0)" in code


def test_a_wrong_expression_prints_to_different_numbers():
    # The printer must not normalise a wrong formula into the right one.
    wrong = nt.X.T * sp.HadamardProduct((nt.Delta - nt.P) / nt.N * nt.W2.T, nt.relu_mask)
    right = nt.batch_gradients("none")["W1"]
    names = {nt.z2: "z2", nt.P: "P"}
    rng = np.random.default_rng(3)
    N, D, H, C = 4, 3, 5, 3
    X, W1, W2 = rng.normal(size=(N, D)), rng.normal(size=(D, H)), rng.normal(size=(H, C))
    b1 = rng.normal(size=(H, 1))
    z2 = X @ W1 + b1.T
    P = _row_softmax(rng.normal(size=(N, C)))
    Delta = np.eye(C)[[0, 1, 2, 0]]
    env = dict(X=X, W2=W2, z2=z2, P=P, Delta=Delta, N=N, W1=W1)
    a, b = run(numpy_code(wrong, names), **env), run(numpy_code(right, names), **env)
    np.testing.assert_allclose(a, -b)
    assert not np.allclose(a, b)


def test_every_printed_expression_compiles():
    names = {nt.z2: "z2", nt.a2: "a2", nt.z3: "z3", nt.P: "P"}
    exprs = [*nt.batch_gradients("l2").values(), *nt.batch_gradients("elastic").values(),
             nt.batch_loss("l2"), nt.batch_loss("elastic")]
    exprs += [*nt.column_gradients().values(), nt.column_loss()]
    for e in exprs:
        compile(numpy_code(e, names), "<printed>", "eval")
