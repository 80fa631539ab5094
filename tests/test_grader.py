"""derive.checks.grading.grader: every test submission gets the right verdict and id; no false alarms over 20
seeds; the loss is told apart from the gradient; kinks, conventions, shrunk counterexamples."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading import grader
from derive.checks.grading.grader import Run, evaluate, grade_path, grade_runner
from derive.checks.grading.problems import kinks_problem
from derive.checks.grading.testing import InProcessRunner
from derive.generated import mlp_reference

SUBMISSIONS = Path(__file__).with_name("submissions")

# submission -> (verdict, the id or error kind it must get, other ids it may also get)
EXPECTED = {
    "correct_function_l2": ("pass", None, ()),
    "correct_function_half_l2_tabs": ("pass", None, ()),
    "correct_function_mask_ge": ("pass", None, ()),
    "correct_twolayernet_l2": ("pass", None, ()),
    "correct_twolayernet_half_l2_probs": ("pass", None, ()),
    "correct_twolayernet_plots": ("pass", None, ()),  # matplotlib absent: stubbed by the sandbox
    "mistake_missing_1_over_n": ("fail", "missing-1/N", ()),
    "mistake_reg_factor": ("fail", "reg-factor", ()),
    "mistake_reg_missing": ("fail", "reg-missing", ()),
    "mistake_reg_sign": ("fail", "reg-sign", ()),
    # Seed 003 Eq. (4) and seed 002 point c raise on the toy problem (H != C): MISTAKES.md makes
    # that the error kind exception, whatever they do at D = H = C.
    "mistake_reg_wrong_weight": ("error", "exception", ()),
    "mistake_reg_ignored": ("fail", "reg-ignored", ()),
    "mistake_bias_regularized": ("fail", "bias-regularized", ()),
    "mistake_missing_relu_mask": ("fail", "missing-relu-mask", ()),
    "mistake_mask_wrong_layer": ("error", "exception", ()),
    "mistake_wrong_activation_derivative": ("fail", "wrong-activation-derivative", ()),
    "mistake_missing_onehot": ("fail", "missing-onehot", ()),
    "mistake_missing_batch_sum": ("fail", "missing-batch-sum", ("shape",)),  # seed 004 Q2(c)
    "mistake_transposed": ("fail", "transposed", ()),
    "mistake_shape": ("fail", "shape", ()),
    "mistake_hard_coded_shape": ("fail", "hard-coded-shape", ()),
    "mistake_hard_coded_divisor": ("fail", "hard-coded-shape", ()),  # wrong values, no error
    "mistake_unstable_softmax": ("pass", "unstable-softmax", ()),  # a warning by default (MISTAKES.md)
    "mistake_non_finite": ("fail", "non-finite", ()),
    "mistake_mutates_params": ("fail", "mutates-params", ()),
    "mistake_loss_mismatch": ("fail", "loss-mismatch", ()),
    "mistake_fake_verdict": ("fail", "missing-onehot", ()),
    "correct_float32": ("pass", None, ()),  # judged at float32 tolerances
    "correct_float32_inputs": ("pass", None, ()),  # float32 rounding in a float64 computation
    "correct_column_layout": ("pass", None, ()),  # UCLA template: W1 H×D, W2 C×H
    "mistake_nan_placeholder": ("fail", "non-finite", ()),  # `* np.nan`: not unstable-softmax
    "error_exception_on_toy": ("error", "exception", ()),  # runs where N = H, raises on the toy
    "error_import_future_package": ("error", "import", ()),
    "slow_at_full_size": ("fail", None, ()),  # timeout at N=200, D=3072 only: a failed check
    "error_import_syntax": ("error", "import", ()),
    "error_import_python2": ("error", "import", ()),
    "error_import_missing_module": ("error", "import", ()),
    "error_api": ("error", "api", ()),
    "error_wrong_types": ("error", "api", ()),
    "error_missing_gradient": ("error", "missing-gradient", ()),
    "error_exception": ("error", "exception", ()),
    "error_timeout": ("error", "timeout", ()),
    "error_resources": ("error", "resources", ()),
    "error_exit_sys": ("error", "exit", ()),
    "error_exit_os": ("error", "exit", ()),
}


def test_every_submission_file_has_an_expectation():
    assert {p.stem for p in SUBMISSIONS.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_submission_gets_its_verdict_and_id(name):
    verdict, expected, allowed = EXPECTED[name]
    result = grade_path(SUBMISSIONS / f"{name}.py", examples=5, seed=0, timeout=3.0, memory_mb=768)
    assert result.verdict == verdict, (
        result.error,
        [(c.name, c.diagnosis, c.message) for c in result.checks if c.status == "fail"],
    )
    if verdict == "error":
        assert result.error["kind"] == expected and result.error["message"]
        assert result.checks == []
    elif verdict == "fail" and expected is None:
        failed = [c for c in result.checks if c.status == "fail"]
        assert [c.name for c in failed] == ["full size (N=200, D=3072, H=100, C=10): runs"]
        assert "timeout" in failed[0].message and result.diagnosis == []
    elif verdict == "fail":
        assert expected in result.diagnosis
        assert set(result.diagnosis) <= {expected, *allowed}, result.diagnosis
    elif expected is not None:  # pass with a warning: the id is a warning, never a diagnosis
        assert result.warnings == [expected] and result.diagnosis == []
        assert [c.status for c in result.checks if c.status not in ("pass", "skip")] == ["warn"]
    else:
        assert result.diagnosis == [] and result.warnings == []
        assert all(c.status in ("pass", "skip") for c in result.checks)


def test_float32_and_column_layout_are_reported():
    f32 = grade_path(SUBMISSIONS / "correct_float32.py", examples=3, full_size=False)
    assert f32.precision == "float32" and f32.layout == "row"
    assert any("float32" in n for n in f32.notes)
    column = grade_path(SUBMISSIONS / "correct_column_layout.py", examples=3, full_size=False)
    assert column.layout == "column" and column.precision == "float64"
    assert column.as_dict()["layout"] == "column"
    # Held to the row layout, the same file cannot be run on the toy problem: an error.
    from derive.checks.grading.rubric import Rubric

    row = grade_path(SUBMISSIONS / "correct_column_layout.py", examples=0, full_size=False, rubric=Rubric(layout="row"))
    assert row.verdict == "error" and row.error["kind"] == "exception"


def test_a_wrong_column_layout_submission_is_diagnosed_in_its_layout(tmp_path):
    source = (SUBMISSIONS / "correct_column_layout.py").read_text()
    wrong = source.replace("dscores.T.dot(h1) + reg * W2", "dscores.T.dot(h1)")
    assert wrong != source
    (tmp_path / "ucla_reg_missing.py").write_text(wrong)
    result = grade_path(tmp_path / "ucla_reg_missing.py", examples=3, full_size=False)
    assert result.layout == "column" and result.verdict == "fail" and result.diagnosis == ["reg-missing"]
    assert any("row layout" in note for note in result.notes)


def test_a_float64_submission_is_not_taken_for_float32():
    result = grade_path(SUBMISSIONS / "correct_function_l2.py", examples=3, full_size=False)
    assert result.precision == "float64"


def test_a_wrong_float32_submission_still_fails_with_its_mistake(tmp_path):
    source = (SUBMISSIONS / "correct_float32.py").read_text().replace("dscores /= f32(N)", "pass")
    (tmp_path / "f32_sum.py").write_text(source)
    result = grade_path(tmp_path / "f32_sum.py", examples=3, full_size=False)
    assert result.verdict == "fail" and "missing-1/N" in result.diagnosis


def test_missing_module_names_the_package_that_provides_it():
    result = grade_path(SUBMISSIONS / "error_import_future_package.py", examples=0)
    assert "'future'" in result.error["message"] and "past" in result.error["message"]
    other = grade_path(SUBMISSIONS / "error_import_missing_module.py", examples=0)
    assert "extra_packages" in other.error["message"] and "PyPI package" not in other.error["message"]


def test_strict_policy_fails_an_unstable_softmax():
    from derive.checks.grading.rubric import Rubric

    result = grade_path(
        SUBMISSIONS / "mistake_unstable_softmax.py", examples=3, full_size=False, rubric=Rubric(strict=True)
    )
    assert result.verdict == "fail" and result.diagnosis == ["unstable-softmax"] and result.warnings == []


def test_python2_message_says_so():
    result = grade_path(SUBMISSIONS / "error_import_python2.py", examples=0)
    assert "Python 2" in result.error["message"]


# ------------------------------------------------------------------ in-process, cheap


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _net(name: str):
    return _module(name).TwoLayerNet(4, 10, 3)


CORRECT = {
    "correct_function_l2": lambda: _module("correct_function_l2").loss_and_grads,
    "correct_function_half_l2_tabs": lambda: _module("correct_function_half_l2_tabs").loss_and_grads,
    "correct_function_mask_ge": lambda: _module("correct_function_mask_ge").loss_and_grads,
    "correct_twolayernet_l2": lambda: _net("correct_twolayernet_l2"),
    "correct_twolayernet_half_l2_probs": lambda: _net("correct_twolayernet_half_l2_probs"),
    "correct_float32": lambda: _module("correct_float32").loss_and_grads,
    "correct_float32_inputs": lambda: _module("correct_float32_inputs").loss_and_grads,
    "correct_column_layout": lambda: _net("correct_column_layout"),
}


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_no_false_alarms_over_twenty_seeds(name):
    # In process (the sandbox is tested above); few examples per seed keep the cost modest.
    target = CORRECT[name]()
    for seed in range(20):
        result = grade_runner(InProcessRunner(target), name, examples=4, seed=seed, full_size=False)
        assert result.verdict == "pass", (seed, [(c.name, c.message) for c in result.checks if c.status == "fail"])


def test_kink_subgradient_is_accepted_where_z_is_exactly_zero():
    p = kinks_problem()
    ge = _module("correct_function_mask_ge").loss_and_grads
    loss, grads = ge(p.copy_params(), p.X, p.y, p.reg)
    _, reference = mlp_reference.loss_and_grads(p.params, p.X, p.y, p.reg)
    assert not np.allclose(grads["W1"], reference["W1"])  # the mask differs at the kinks ...
    assert evaluate(Run(p, loss, grads), "l2").ok  # ... and that is accepted


def test_auto_convention_follows_the_loss_and_reports_it():
    result = grade_runner(
        InProcessRunner(_module("correct_function_half_l2_tabs").loss_and_grads), "x", examples=3, full_size=False
    )
    assert result.verdict == "pass" and result.reg_convention == "half-l2"


def test_a_requested_convention_is_enforced():
    result = grade_runner(
        InProcessRunner(_module("correct_function_half_l2_tabs").loss_and_grads),
        "x",
        reg_convention="l2",
        examples=3,
        full_size=False,
    )
    assert result.verdict == "fail" and result.reg_convention == "l2"
    assert "reg-factor" in result.diagnosis


def _half_loss_full_gradient(params, X, y, reg):
    loss, grads = _module("correct_function_l2").loss_and_grads(params, X, y, reg)
    half = loss - 0.5 * reg * (np.sum(params["W1"] ** 2) + np.sum(params["W2"] ** 2))
    return half, grads


def test_gradient_of_the_other_convention_than_its_loss_is_reg_factor():
    result = grade_runner(InProcessRunner(_half_loss_full_gradient), "x", examples=3, full_size=False)
    assert result.reg_convention == "half-l2" and "reg-factor" in result.diagnosis


def test_wrong_loss_with_right_gradient_is_told_from_wrong_gradient():
    wrong_loss = grade_runner(
        InProcessRunner(_module("mistake_loss_mismatch").loss_and_grads), "x", examples=3, full_size=False
    )
    checks = {c.name: c for c in wrong_loss.checks}
    assert checks["toy problem: loss"].status == "fail"
    assert all(checks[f"toy problem: d{n}"].status == "pass" for n in ("W1", "b1", "W2", "b2"))
    assert checks["own loss (finite differences): dW1"].status == "fail"
    assert "the loss is wrong" in checks["own loss (finite differences): dW1"].message

    wrong_grad = grade_runner(
        InProcessRunner(_module("mistake_missing_relu_mask").loss_and_grads), "x", examples=3, full_size=False
    )
    checks = {c.name: c for c in wrong_grad.checks}
    assert checks["toy problem: loss"].status == "pass"
    assert checks["toy problem: dW1"].status == "fail"
    assert "does not follow from your loss" in checks["own loss (finite differences): dW1"].message
    assert checks["own loss (finite differences): dW2"].status == "pass"


def test_shrunk_counterexample_is_small_and_reproduces_the_failure():
    fn = _module("mistake_missing_1_over_n").loss_and_grads
    result = grade_runner(InProcessRunner(fn), "x", examples=10, seed=1, full_size=False)
    drawn = [
        c
        for c in result.checks
        if c.status == "fail" and c.counterexample and c.counterexample.get("problem") == "drawn"
    ]
    assert drawn, [(c.name, c.counterexample and c.counterexample.get("problem")) for c in result.checks]
    cx = drawn[0].counterexample
    inputs = cx["inputs"]
    assert sum(np.size(inputs[k]) for k in ("X", "W1", "b1", "W2", "b2")) <= grader.SMALL
    params = {k: np.array(inputs[k], dtype=float) for k in ("W1", "b1", "W2", "b2")}
    X, y = np.array(inputs["X"], dtype=float), np.array(inputs["y"])
    _, got = fn({k: v.copy() for k, v in params.items()}, X, y, inputs["reg"])
    _, expected = mlp_reference.loss_and_grads(params, X, y, inputs["reg"])
    name = cx["parameter"]
    assert not np.allclose(got[name], expected[name])  # a student can redo it by hand


def test_mutation_is_detected_in_process():
    result = grade_runner(
        InProcessRunner(_module("mistake_mutates_params").loss_and_grads), "x", examples=2, full_size=False
    )
    check = next(c for c in result.checks if c.name == "inputs unchanged")
    assert check.status == "fail" and check.diagnosis == ["mutates-params"]


def test_scores_convention_is_named():
    cs231n = grade_runner(InProcessRunner(_net("correct_twolayernet_l2")), "x", examples=2, full_size=False)
    hlcv = grade_runner(InProcessRunner(_net("correct_twolayernet_half_l2_probs")), "x", examples=2, full_size=False)
    assert any(c.name.endswith("raw scores (CS231n)") and c.status == "pass" for c in cs231n.checks)
    assert any(c.name.endswith("probabilities (HLCV, Sapienza)") and c.status == "pass" for c in hlcv.checks)


def test_scores_that_are_neither_fail():
    net = _net("correct_twolayernet_l2")
    original = net.loss

    def loss(X, y=None, reg=0.0):
        out = original(X, y, reg)
        return out * 2 if y is None else out

    net.loss = loss
    result = grade_runner(InProcessRunner(net), "x", examples=2, full_size=False)
    check = next(c for c in result.checks if c.name.startswith("scores"))
    assert check.status == "fail" and result.verdict == "fail"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"reg_convention": "l1"}, "reg_convention='l1'"),
        ({"examples": -1}, "examples=-1"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        grade_runner(InProcessRunner(lambda p, X, y, r: None), "x", **kwargs)


def _no_bias_in_forward(params, X, y, reg):
    # Right whenever the biases are 0 (as on the toy problem), wrong otherwise: a values
    # mistake at every size, which must NOT be called a hard-coded shape.
    zero = {k: (v if k.startswith("W") else np.zeros_like(v)) for k, v in params.items()}
    return _module("correct_function_l2").loss_and_grads(zero, X, y, reg)


def test_a_mistake_hidden_by_the_toys_zero_biases_is_not_a_hard_coded_shape():
    result = grade_runner(InProcessRunner(_no_bias_in_forward), "x", examples=3, full_size=False)
    toy = [c for c in result.checks if c.name.startswith("toy")]
    assert all(c.status == "pass" for c in toy) and result.verdict == "fail"
    assert "hard-coded-shape" not in result.diagnosis


def test_a_directory_submission_is_the_file_that_defines_the_api(tmp_path):
    from derive.checks.grading.sandbox import SubmissionError
    from derive.checks.grading.submissions import submission_file

    (tmp_path / "helpers.py").write_text("def relu(x):\n    return x\n")
    (tmp_path / "test_mine.py").write_text("from two_layer_net import TwoLayerNet\n")
    (tmp_path / "two_layer_net.py").write_text((SUBMISSIONS / "correct_twolayernet_l2.py").read_text())
    assert submission_file(tmp_path).name == "two_layer_net.py"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SubmissionError, match="holds no .py file"):
        submission_file(empty)


def _finite_differences(params, X, y, reg):
    # A classic shortcut: the loss is the reference's, the gradients central differences of it.
    # Right to about 1e-8 on the toy problem, wrong at ReLU kinks: no size written as a constant.
    reference = _module("correct_function_l2").loss_and_grads
    loss, _ = reference(params, X, y, reg)
    grads = {}
    for name, p in params.items():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + 1e-6
            hi = reference(params, X, y, reg)[0]
            p[i] = old - 1e-6
            lo = reference(params, X, y, reg)[0]
            p[i] = old
            g[i] = (hi - lo) / 2e-6
        grads[name] = g
    return loss, grads


def test_finite_difference_gradients_are_named_and_not_called_a_hard_coded_size():
    result = grade_runner(InProcessRunner(_finite_differences), "x", examples=5, full_size=False)
    assert result.verdict == "fail"
    assert "hard-coded-shape" not in result.diagnosis
    assert any("finite differences" in note for note in result.notes)
    # a back-propagated submission gets no such note
    backprop = InProcessRunner(_module("correct_function_l2").loss_and_grads)
    right = grade_runner(backprop, "x", examples=5, full_size=False)
    assert right.verdict == "pass" and not any("finite differences" in note for note in right.notes)
