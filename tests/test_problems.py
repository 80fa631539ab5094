"""derive.checks.grading.problems: the course toy problem bit for bit, the fixed problems, the strategies."""

from __future__ import annotations

import numpy as np
import pytest
from derive.checks.grading.problems import (
    PARAMETERS,
    biases_problem,
    full_size_problem,
    kinks_problem,
    large_logits_problem,
    mlp_problems,
    square_problem,
    toy_problem,
)
from derive.generated import mlp_reference
from hypothesis import HealthCheck, find, given, settings

# CS231n's two_layer_net notebook: the loss of the toy problem at reg = 0.05 (λ‖W‖²).
CS231N_TOY_LOSS = 1.30378789133


def test_toy_problem_is_the_course_drivers_bit_for_bit():
    # The drivers seed the global generator; the problem must not depend on it.
    np.random.seed(0)
    W1 = 1e-1 * np.random.randn(4, 10)
    W2 = 1e-1 * np.random.randn(10, 3)
    np.random.seed(1)
    X = 10 * np.random.randn(5, 4)
    p = toy_problem()
    assert np.array_equal(p.params["W1"], W1) and np.array_equal(p.params["W2"], W2)
    assert np.array_equal(p.X, X) and p.y.tolist() == [0, 1, 2, 2, 1]
    assert not p.params["b1"].any() and not p.params["b2"].any() and p.reg == 0.05


def test_toy_loss_is_the_notebooks_value():
    p = toy_problem()
    assert abs(mlp_reference.loss(p.params, p.X, p.y, p.reg, "l2") - CS231N_TOY_LOSS) < 1e-10


def test_kinks_problem_has_exact_zero_preactivations():
    p = kinks_problem()
    z2 = p.hidden_preactivation()
    assert (z2 == 0).sum() >= 3 and (z2 != 0).any()


def test_fixed_problems_are_far_from_kinks_where_finite_differences_are_used():
    for p in (biases_problem(), square_problem()):
        assert p.finite_differences and np.abs(p.hidden_preactivation()).min() > 1e-2
    assert square_problem().sizes["D"] == square_problem().sizes["H"] == square_problem().sizes["C"]
    assert np.any(biases_problem().params["b1"] != 0)


def test_large_logits_overflow_a_naive_softmax_but_not_the_reference():
    p = large_logits_problem()
    z3 = mlp_reference.scores(p.params, p.X)
    assert (z3 > 990).any() and (z3 < -990).any()
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(z3) / np.exp(z3).sum(axis=1, keepdims=True)
    assert not np.all(np.isfinite(naive))
    loss, grads = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg)
    assert np.isfinite(loss) and loss < 50  # log P of the true classes stays moderate
    assert all(np.all(np.isfinite(g)) for g in grads.values())


def test_full_size_problem_has_cifar_sizes():
    p = full_size_problem()
    assert p.sizes == {"N": 200, "D": 3072, "H": 100, "C": 10}


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(mlp_problems(min_n=2, max_n=5, max_d=3, min_h=2, max_h=4, min_c=3, max_c=4, regs=(0.0, 0.5)))
def test_drawn_problems_respect_the_bounds(problem):
    s = problem.sizes
    assert 2 <= s["N"] <= 5 and 1 <= s["D"] <= 3 and 2 <= s["H"] <= 4 and 3 <= s["C"] <= 4
    assert problem.reg in (0.0, 0.5)
    assert set(problem.y.tolist()) <= set(range(s["C"]))
    for name in PARAMETERS:
        values = problem.params[name]
        assert np.all(values * 4 == np.round(values * 4)) and np.abs(values).max(initial=0) <= 1
    assert np.abs(problem.X).max() <= 2


def test_strategy_reaches_exact_zeros_and_nonzero_biases():
    settings_ = settings(max_examples=300, database=None, suppress_health_check=list(HealthCheck))
    kink = find(mlp_problems(), lambda p: p.has_kinks() and (p.hidden_preactivation() != 0).any(), settings=settings_)
    assert kink.has_kinks()
    biased = find(
        mlp_problems(), lambda p: bool(np.any(p.params["b1"] != 0) and np.any(p.params["b2"] != 0)), settings=settings_
    )
    assert np.any(biased.params["b2"] != 0)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"min_n": 0}, ValueError, "min_n=0 must be at least 1"),
        ({"min_n": 5, "max_n": 3}, ValueError, "min_n=5 is larger than max_n=3"),
        ({"min_c": 1}, ValueError, "min_c=1 must be at least 2"),
        ({"max_h": 2.5}, TypeError, "max_h=2.5 must be an integer"),
        ({"min_d": True}, TypeError, "min_d=True must be an integer"),
        ({"regs": ()}, ValueError, "must hold at least one"),
        ({"regs": (0.1, -1.0)}, ValueError, "regs contains -1.0"),
        ({"regs": (float("nan"),)}, ValueError, "regs contains nan"),
        ({"weight_bound": 0.1}, ValueError, "weight_bound=0.1"),
    ],
)
def test_bad_bounds_are_refused_with_the_value(kwargs, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        mlp_problems(**kwargs)


def test_bounds_are_keyword_only():
    with pytest.raises(TypeError):
        mlp_problems(1, 12)  # type: ignore[misc]
