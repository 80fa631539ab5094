"""derive.checks.grading.mistakes: the textbook backward pass is the reference's, every transformation
differs from it and is recognised by its own id, and the ids are those of MISTAKES.md."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading import mistakes as mk
from derive.checks.grading.problems import (
    PARAMETERS,
    biases_problem,
    kinks_problem,
    mlp_problems,
    square_problem,
    toy_problem,
)
from derive.generated import mlp_reference
from hypothesis import HealthCheck, given, settings

MISTAKES_MD = Path(__file__).resolve().parents[2] / "shared" / "MISTAKES.md"
CONVENTIONS = ("l2", "half-l2")


def test_ids_are_those_of_mistakes_md():
    if not MISTAKES_MD.exists():
        pytest.skip("../shared/MISTAKES.md is not beside the repository")
    table = re.findall(r"^\| `([^`]+)` \|", MISTAKES_MD.read_text(), flags=re.M)
    assert tuple(table) == mk.MISTAKE_IDS


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("make", [toy_problem, biases_problem, square_problem, kinks_problem])
def test_untransformed_backward_is_the_reference(make, convention):
    p = make()
    loss, grads = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg, convention)
    pt = mk.parts(p)
    k = mk.penalty_factor(convention)
    mine = mk.backward(pt, k)
    assert abs(mk.reference_loss(pt, k) - loss) <= 1e-12 * max(1.0, abs(loss))
    for name in PARAMETERS:
        assert mk.close(mine[name], grads[name]), name
        assert mk.gradient_ids(name, grads[name], p, convention) == []
    assert mk.loss_ids(loss, p, convention) == []


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(mlp_problems(max_n=6, max_h=6))
def test_untransformed_backward_is_the_reference_on_drawn_problems(problem):
    _, grads = mlp_reference.loss_and_grads(problem.params, problem.X, problem.y, problem.reg)
    pt = mk.parts(problem)
    mine = mk.backward(pt, 2.0)
    noise = mk.magnitudes(pt, 2.0)
    for name in PARAMETERS:
        # Equal up to rounding: entries that are 0 in exact arithmetic may be ±1e-17.
        assert mk.close(mine[name], grads[name], magnitude=noise[name]), name


# Which problem shows a gradient mistake, and in which parameter.
GRADIENT_CASES = [
    ("missing-1/N", biases_problem, "W2"),
    ("reg-factor", biases_problem, "W1"),
    ("reg-missing", biases_problem, "W2"),
    ("reg-sign", biases_problem, "W1"),
    ("reg-wrong-weight", square_problem, "W1"),
    ("bias-regularized", biases_problem, "b1"),
    ("missing-relu-mask", biases_problem, "W1"),
    ("mask-wrong-layer", square_problem, "b1"),
    ("wrong-activation-derivative", biases_problem, "W1"),
    ("missing-onehot", biases_problem, "b2"),
    ("missing-batch-sum", biases_problem, "b2"),
    ("transposed", biases_problem, "W1"),
]


@pytest.mark.parametrize("mistake_id, make, parameter", GRADIENT_CASES)
def test_each_gradient_mistake_differs_from_the_reference_and_is_named(mistake_id, make, parameter):
    p = make()
    pt = mk.parts(p)
    _, grads = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg)
    variants = list(mk.BY_ID[mistake_id].grads(pt, 2.0, (pt.z2 > 0).astype(float), None))
    wrong = [v[parameter] for v in variants if not mk.close(v[parameter], grads[parameter])]
    assert wrong, "the mistake changes this parameter's gradient on this problem"
    for value in wrong:
        assert mistake_id in mk.gradient_ids(parameter, value, p, "l2")


def test_reg_ignored_needs_the_strength_read_off_the_loss():
    p = biases_problem()  # reg = 0.1
    hard_coded = mlp_reference.loss_and_grads(p.params, p.X, p.y, 0.05)
    fitted = mk.fit_reg(hard_coded[0], p, "l2")
    assert fitted == pytest.approx(0.05, rel=1e-9)
    assert "reg-ignored" in mk.gradient_ids("W1", hard_coded[1]["W1"], p, "l2", fitted_reg=fitted)
    assert "reg-ignored" not in mk.gradient_ids("W1", hard_coded[1]["W1"], p, "l2", fitted_reg=None)


@pytest.mark.parametrize("mistake_id", ["missing-1/N", "reg-factor", "reg-sign", "bias-regularized"])
def test_each_loss_mistake_is_named(mistake_id):
    p = biases_problem()
    pt = mk.parts(p)
    reference = mlp_reference.loss(p.params, p.X, p.y, p.reg)
    for value in mk.BY_ID[mistake_id].loss(pt, 2.0):
        assert abs(value - reference) > 1e-6
        assert mistake_id in mk.loss_ids(value, p, "l2")
    assert mk.loss_ids(reference + 0.123, p, "l2") == []
    assert "reg-factor" not in mk.loss_ids(mk.reference_loss(pt, 1.0), p, "l2", skip=("reg-factor",))


def test_shape_is_named_for_a_row_vector_bias_gradient():
    p = toy_problem()
    _, grads = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg)
    assert mk.gradient_ids("b1", grads["b1"].reshape(1, -1), p, "l2") == ["shape"]
    assert "transposed" in mk.gradient_ids("W1", grads["W1"].T, p, "l2")
    assert "shape" not in mk.gradient_ids("W1", grads["W1"].T, p, "l2")


def test_kink_subgradients_are_not_mistakes():
    p = kinks_problem()
    pt = mk.parts(p)
    ge = mk.backward(pt, 2.0, mask=(pt.z2 >= 0).astype(float))
    _, grads = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg)
    assert not mk.close(ge["W1"], grads["W1"])  # the kinks matter on this problem ...
    assert len(mk.kink_masks(pt)) == 2  # ... and both masks are accepted


@pytest.mark.parametrize(
    "got, expected, ok",
    [
        (np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-9]), True),
        (np.array([1.0, 2.0]), np.array([1.0, 2.001]), False),
        (np.array([np.nan, 2.0]), np.array([1.0, 2.0]), False),
        (np.array([np.inf]), np.array([np.inf]), False),
        (np.array([[1.0, 2.0]]), np.array([1.0, 2.0]), False),
        (np.array([1e-20, 5.0]), np.array([0.0, 5.0]), True),  # tiny against its array's scale
    ],
)
def test_close(got, expected, ok):
    assert mk.close(got, expected) is ok


def test_bad_parameter_name_is_refused():
    with pytest.raises(ValueError, match="parameter='W3'"):
        mk.gradient_ids("W3", np.zeros(3), toy_problem(), "l2")


def test_rounding_noise_of_an_exact_zero_is_not_an_error_but_a_real_difference_is():
    expected = np.array([0.0, -5.55e-17])
    assert not mk.close(np.array([0.0, -4.16e-17]), expected)  # relative to the array alone
    assert mk.close(np.array([0.0, -4.16e-17]), expected, magnitude=np.array([0.5, 0.5]))
    assert not mk.close(np.array([0.0, 1e-9]), expected, magnitude=np.array([0.5, 0.5]))


def test_gradient_formulas_are_the_catalogues_statements_in_unicode():
    """The formulas reports print are typed once in mistakes.FORMULAS; they must read exactly as
    derive.unicode prints the verified catalogue statements (λ‖W‖²), and ½λ‖W‖² halve the penalty."""
    from derive.checks.grading.mistakes import FORMULA_SOURCES, formula

    from derive.catalogue import load
    from derive.unicode import identity_unicode

    catalogue, _ = load()
    for parameter, identity_id in FORMULA_SOURCES.items():
        assert formula(parameter, "l2") == identity_unicode(catalogue[identity_id])
    assert formula("W1", "half-l2").endswith("+ λW1") and formula("W2", "half-l2").endswith("+ λW2")
    assert formula(None, "half-l2").count("½λ") == 1 and "½" not in formula(None, "l2")
    with pytest.raises(ValueError, match="parameter='W3'"):
        formula("W3", "l2")
