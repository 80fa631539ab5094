"""The rendered NumPy reference (generated/mlp_reference.py) against independent oracles:
central finite differences, PyTorch autograd (float64, CPU) and the course's toy problem."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

MODULE_PATH = Path(__file__).resolve().parents[1] / "generated" / "mlp_reference.py"


def _load():
    spec = importlib.util.spec_from_file_location("mlp_reference_under_test", MODULE_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _load()
torch.set_default_dtype(torch.float64)

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- problems


def toy_problem():
    """The course's toy problem (CS231n / HLCV two_layernet): seed 0 model, seed 1 data."""
    D, H, C, N = 4, 10, 3, 5
    np.random.seed(0)
    params = {"W1": 0.1 * np.random.randn(D, H), "b1": np.zeros(H),
              "W2": 0.1 * np.random.randn(H, C), "b2": np.zeros(C)}
    np.random.seed(1)
    X = 10 * np.random.randn(N, D)
    y = np.array([0, 1, 2, 2, 1])
    return params, X, y


ELEMS = st.floats(-3, 3, allow_nan=False, allow_infinity=False, width=64)


@st.composite
def batch_problems(draw, *, big_logits: bool = True, kinks: bool = True):
    N = draw(st.integers(1, 4))
    D = draw(st.integers(1, 4))
    H = draw(st.integers(1, 5))
    C = draw(st.integers(2, 4))
    X = draw(arrays(np.float64, (N, D), elements=ELEMS))
    W1 = draw(arrays(np.float64, (D, H), elements=ELEMS))
    b1 = draw(arrays(np.float64, (H,), elements=ELEMS))
    W2 = draw(arrays(np.float64, (H, C), elements=ELEMS))
    b2 = draw(arrays(np.float64, (C,), elements=ELEMS))
    if kinks and draw(st.booleans()):
        # Exact zero pre-activations: a zero input row and zero biases give z2[0, :k] = 0.
        X[0] = 0.0
        b1[: draw(st.integers(1, H))] = 0.0
    if big_logits and draw(st.booleans()):
        # Logits of the order of ±1000 (the stability requirement).
        scale = 1000.0 / max(1.0, float(np.abs(np.maximum(X @ W1 + b1, 0) @ W2).max()))
        W2 = W2 * scale
        b2 = b2 * draw(st.sampled_from([1.0, 300.0]))
    y = draw(arrays(np.int64, (N,), elements=st.integers(0, C - 1)))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, X, y


@st.composite
def column_problems(draw, *, kinks: bool = True):
    d = draw(st.integers(1, 4))
    d_h = draw(st.integers(1, 5))
    m = draw(st.integers(2, 4))
    x = draw(arrays(np.float64, (d,), elements=ELEMS))
    params = {
        "W1": draw(arrays(np.float64, (d_h, d), elements=ELEMS)),
        "b1": draw(arrays(np.float64, (d_h,), elements=ELEMS)),
        "W2": draw(arrays(np.float64, (m, d_h), elements=ELEMS)),
        "b2": draw(arrays(np.float64, (m,), elements=ELEMS)),
    }
    if kinks and draw(st.booleans()):
        x = np.zeros(d)
        params["b1"][: draw(st.integers(1, d_h))] = 0.0
    alpha = draw(st.floats(0.01, 0.99))
    y = draw(st.integers(0, m - 1))
    return params, x, y, alpha


# --------------------------------------------------------------------------- oracles


def torch_batch(params, X, y, *, reg=0.0, convention="l2", l1=None, l2=None):
    """Loss and gradients by PyTorch autograd, written independently of the reference."""
    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    Xt = torch.tensor(X)
    z2 = Xt @ t["W1"] + t["b1"]
    a2 = torch.relu(z2)  # autograd: relu'(0) = 0, the reference's convention
    z3 = a2 @ t["W2"] + t["b2"]
    loss = torch.nn.functional.cross_entropy(z3, torch.tensor(y))
    if l1 is not None:
        loss = loss + l1[0] * t["W1"].abs().sum() + l2[0] * (t["W1"] ** 2).sum()
        loss = loss + l1[1] * t["W2"].abs().sum() + l2[1] * (t["W2"] ** 2).sum()
    else:
        factor = reg if convention == "l2" else 0.5 * reg
        loss = loss + factor * ((t["W1"] ** 2).sum() + (t["W2"] ** 2).sum())
    loss.backward()
    return loss.item(), {k: v.grad.numpy() for k, v in t.items()}


def torch_column(params, x, y, alpha, l1=(0.0, 0.0), l2=(0.0, 0.0)):
    t = {k: torch.tensor(v, requires_grad=True) for k, v in params.items()}
    xt = torch.tensor(x, requires_grad=True)
    h_a = t["W1"] @ xt + t["b1"]
    # where(h >= 0, ...) picks the identity branch at 0: LeakyReLU'(0) = 1 as in the seed
    # (torch's own leaky_relu would give alpha there).
    h_s = torch.where(h_a >= 0, h_a, alpha * h_a)
    o_a = t["W2"] @ h_s + t["b2"]
    loss = -torch.log_softmax(o_a, dim=0)[y]
    loss = loss + l1[0] * t["W1"].abs().sum() + l2[0] * (t["W1"] ** 2).sum()
    loss = loss + l1[1] * t["W2"].abs().sum() + l2[1] * (t["W2"] ** 2).sum()
    loss.backward()
    grads = {k: v.grad.numpy() for k, v in t.items()}
    grads["x"] = xt.grad.numpy()
    return loss.item(), grads


def central_differences(f, value, h=1e-5):
    out = np.zeros_like(value)
    for idx in np.ndindex(value.shape):
        old = value[idx]
        value[idx] = old + h
        plus = f()
        value[idx] = old - h
        minus = f()
        value[idx] = old
        out[idx] = (plus - minus) / (2 * h)
    return out


def rel_error(a, b, loss=1.0):
    """Norm-wise relative error ‖a − b‖ / max(‖a‖ + ‖b‖, 1e-3·max(1, |J|)).

    The floor: a central difference with h = 1e-5 carries an absolute error of a few
    ε·|J|/h per entry (≈ 1e-10·|J| once the log-sum-exp's own rounding is counted; measured
    up to 1.6e-10 at |J| ≈ 2), so an all-but-zero gradient cannot be checked to 1e-6
    relative; with the floor such gradients must agree to 1e-9·max(1, |J|) absolute.
    """
    floor = 1e-3 * max(1.0, abs(loss))
    return float(np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), floor))


def assert_close(actual, expected, tol):
    scale = max(1.0, float(np.max(np.abs(expected))) if np.size(expected) else 1.0)
    err = float(np.max(np.abs(np.asarray(actual) - np.asarray(expected)))) if np.size(expected) else 0.0
    assert err <= tol * scale, f"max abs error {err:.3e} > {tol:.0e} × {scale:.3g}"


# --------------------------------------------------------------------------- the toy problem


def test_toy_problem_probabilities():
    params, X, y = toy_problem()
    expected_first_rows = np.array([[0.36446210, 0.22911264, 0.40642526], [0.47590629, 0.17217039, 0.35192332]])
    P = ref.probabilities(params, X)
    assert P.shape == (5, 3) and P.dtype == np.float64
    np.testing.assert_allclose(P[:2], expected_first_rows, atol=1e-8, rtol=0)
    # The seed's full printout (004), to its printed precision.
    printed = np.array([
        [0.3644621, 0.22911264, 0.40642526],
        [0.47590629, 0.17217039, 0.35192332],
        [0.43035767, 0.26164229, 0.30800004],
        [0.41583127, 0.2983228, 0.28584593],
        [0.36328815, 0.32279939, 0.31391246],
    ])
    np.testing.assert_allclose(P, printed, atol=1e-8, rtol=0)


def test_toy_problem_loss_in_both_conventions():
    params, X, y = toy_problem()
    assert abs(ref.loss(params, X, y, reg=0.05) - 1.30378789133) < 1e-10
    assert abs(ref.loss(params, X, y, reg=0.1, convention="half-l2") - 1.30378789133) < 1e-10
    loss, grads = ref.loss_and_grads(params, X, y, reg=0.05)
    half_loss, half_grads = ref.loss_and_grads(params, X, y, reg=0.1, convention="half-l2")
    assert loss == pytest.approx(half_loss, abs=1e-15)
    for k in grads:
        np.testing.assert_allclose(grads[k], half_grads[k], rtol=1e-14, atol=1e-16)


def test_toy_problem_gradients_against_finite_differences():
    params, X, y = toy_problem()
    _, grads = ref.loss_and_grads(params, X, y, reg=0.05)
    for key in ("W1", "b1", "W2", "b2"):
        numeric = central_differences(lambda: ref.loss(params, X, y, reg=0.05), params[key])
        assert rel_error(numeric, grads[key]) <= 1e-6, key


# --------------------------------------------------------------------------- Hypothesis


@SETTINGS
@given(problem=batch_problems(), reg=st.sampled_from([0.0, 0.05, 1.3]), convention=st.sampled_from(["l2", "half-l2"]))
def test_batch_gradients_match_torch(problem, reg, convention):
    params, X, y = problem
    loss, grads = ref.loss_and_grads(params, X, y, reg=reg, convention=convention)
    t_loss, t_grads = torch_batch(params, X, y, reg=reg, convention=convention)
    assert_close(loss, t_loss, 1e-10)
    for key in ("W1", "b1", "W2", "b2"):
        assert grads[key].shape == params[key].shape
        assert_close(grads[key], t_grads[key], 1e-10)


@SETTINGS
@given(problem=batch_problems(), l1=st.tuples(st.floats(0, 1), st.floats(0, 1)),
       l2=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_elastic_gradients_match_torch(problem, l1, l2):
    params, X, y = problem
    loss, grads = ref.loss_and_grads_elastic(params, X, y, l1=l1, l2=l2)
    t_loss, t_grads = torch_batch(params, X, y, l1=l1, l2=l2)
    assert_close(loss, t_loss, 1e-10)
    for key in ("W1", "b1", "W2", "b2"):
        assert_close(grads[key], t_grads[key], 1e-10)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(problem=batch_problems(big_logits=False, kinks=False), reg=st.sampled_from([0.0, 0.3]))
def test_batch_gradients_match_finite_differences(problem, reg):
    params, X, y = problem
    z2 = X @ params["W1"] + params["b1"]
    assume(np.min(np.abs(z2)) >= 1e-3)  # a central difference across a kink measures neither side
    loss, grads = ref.loss_and_grads(params, X, y, reg=reg)
    for key in ("W1", "b1", "W2", "b2"):
        numeric = central_differences(lambda: ref.loss(params, X, y, reg=reg), params[key])
        assert rel_error(numeric, grads[key], loss) <= 1e-6, key


@SETTINGS
@given(problem=column_problems(), penalised=st.booleans(), l1=st.tuples(st.floats(0, 1), st.floats(0, 1)),
       l2=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_column_gradients_match_torch(problem, penalised, l1, l2):
    params, x, y, alpha = problem
    if not penalised:
        l1 = l2 = (0.0, 0.0)
    loss, grads = ref.column_loss_and_grads(params, x, y, alpha, l1=l1, l2=l2)
    t_loss, t_grads = torch_column(params, x, y, alpha, l1=l1, l2=l2)
    assert_close(loss, t_loss, 1e-10)
    for key in ("W1", "b1", "W2", "b2", "x"):
        assert grads[key].shape == t_grads[key].shape
        assert_close(grads[key], t_grads[key], 1e-10)


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(problem=column_problems(kinks=False))
def test_column_gradients_match_finite_differences(problem):
    params, x, y, alpha = problem
    h_a = params["W1"] @ x + params["b1"]
    assume(np.min(np.abs(h_a)) >= 1e-3)
    # |w| has a kink at 0 too: the L1 part is differenced only away from it.
    assume(min(np.min(np.abs(params["W1"])), np.min(np.abs(params["W2"]))) >= 1e-3)
    pen = {"l1": (0.1, 0.2), "l2": (0.3, 0.05)}
    loss, grads = ref.column_loss_and_grads(params, x, y, alpha, **pen)
    for key in ("W1", "b1", "W2", "b2"):
        numeric = central_differences(lambda: ref.column_loss(params, x, y, alpha, **pen), params[key])
        assert rel_error(numeric, grads[key], loss) <= 1e-6, key
    numeric_x = central_differences(lambda: ref.column_loss(params, x, y, alpha, **pen), x)
    assert rel_error(numeric_x, grads["x"], loss) <= 1e-6


# --------------------------------------------------------------------------- edge cases


def test_single_example_and_zero_preactivations_use_relu_prime_zero():
    params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2),
              "W2": np.array([[2.0, -1.0], [0.5, 1.0]]), "b2": np.array([0.1, -0.2])}
    X = np.zeros((1, 1))  # z2 = 0 exactly
    _, grads = ref.loss_and_grads(params, X, np.array([1]))
    _, t_grads = torch_batch(params, X, np.array([1]))
    np.testing.assert_array_equal(grads["b1"], [0.0, 0.0])  # 1{0 > 0} = 0
    for key in grads:
        assert_close(grads[key], t_grads[key], 1e-12)


@pytest.mark.parametrize("logit", [1e4, -1e4, 1e3])
def test_extreme_logits_give_finite_results(logit):
    params, X, y = toy_problem()
    params = dict(params, b2=np.array([logit, -logit, 0.0]))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        P = ref.probabilities(params, X)
        loss, grads = ref.loss_and_grads(params, X, y, reg=0.05)
        e_loss, e_grads = ref.loss_and_grads_elastic(params, X, y, l1=0.01, l2=0.02)
        column_params = {"W1": params["W1"].T, "b1": params["b1"], "W2": params["W2"].T, "b2": params["b2"]}
        c_loss, c_grads = ref.column_loss_and_grads(column_params, X[0], 1, 0.1)
    assert np.isfinite(P).all() and np.isfinite(loss) and np.isfinite(e_loss) and np.isfinite(c_loss)
    assert all(np.isfinite(g).all() for g in [*grads.values(), *e_grads.values(), *c_grads.values()])
    # The loss is then dominated by the logit gap: it is large, not inf.
    assert loss > 1.0


def test_inputs_are_not_modified():
    params, X, y = toy_problem()
    copies = ({k: v.copy() for k, v in params.items()}, X.copy(), y.copy())
    ref.loss_and_grads(params, X, y, reg=0.3)
    ref.loss_and_grads_elastic(params, X, y, l1=0.1, l2=0.2)
    ref.forward(params, X)
    for k in params:
        np.testing.assert_array_equal(params[k], copies[0][k])
    np.testing.assert_array_equal(X, copies[1])
    np.testing.assert_array_equal(y, copies[2])


def test_forward_dict_and_scores():
    params, X, _ = toy_problem()
    out = ref.forward(params, X)
    assert set(out) == {"z2", "a2", "z3", "P"}
    assert out["z2"].shape == (5, 10) and out["z3"].shape == (5, 3)
    np.testing.assert_array_equal(ref.scores(params, X), out["z3"])
    np.testing.assert_array_equal(out["a2"], np.maximum(out["z2"], 0))


def test_bad_input_raises_value_error_with_a_reason():
    params, X, y = toy_problem()
    with pytest.raises(ValueError, match="convention"):
        ref.loss_and_grads(params, X, y, reg=0.1, convention="l1")
    with pytest.raises(ValueError, match="W2"):
        ref.loss(dict(params, W2=params["W2"][:3]), X, y)
    with pytest.raises(ValueError, match="labels"):
        ref.loss(params, X, np.array([0, 1, 2, 3, 1]))
    with pytest.raises(ValueError, match="X must have shape"):
        ref.probabilities(params, X[:, :2])
    with pytest.raises(ValueError, match="no 'b2'"):
        ref.probabilities({k: v for k, v in params.items() if k != "b2"}, X)


def test_docstrings_name_the_identities_they_implement():
    for name, ids in ref.IDENTITIES.items():
        doc = getattr(ref, name).__doc__
        for identity_id in ids:
            assert identity_id in doc, (name, identity_id)


def test_module_imports_with_numpy_only():
    code = (
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('m', {str(MODULE_PATH)!r})\n"
        "m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('sympy', 'derive', 'checks', 'torch', 'jinja2'))\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
