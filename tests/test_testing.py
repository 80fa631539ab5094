"""derive.checks.grading.testing: check_gradients for courses' own pytest, and the example test file."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading.testing import InProcessRunner, check_gradients

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "tests" / "submissions"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_correct_gradients_pass_and_return_the_result():
    result = check_gradients(_module("correct_function_l2").loss_and_grads, examples=3)
    assert result.verdict == "pass"


def test_a_twolayernet_object_is_accepted():
    net = _module("correct_twolayernet_half_l2_probs").TwoLayerNet(4, 10, 3)
    assert check_gradients(net, examples=3).reg_convention == "half-l2"


def test_a_twolayernet_class_is_built_by_keyword():
    cls = _module("correct_twolayernet_half_l2_probs").TwoLayerNet
    assert InProcessRunner(cls).api == "twolayernet"

    class NeedsData:
        def __init__(self, data):
            self.params = {}

        def loss(self, X, y=None, reg=0.0):
            return 0.0, {}

    with pytest.raises(TypeError, match="pass an instance instead"):
        InProcessRunner(NeedsData)


def test_wrong_gradients_raise_with_the_diagnosis():
    with pytest.raises(AssertionError) as info:
        check_gradients(_module("mistake_missing_onehot").loss_and_grads, examples=3)
    message = str(info.value)
    assert "missing-onehot" in message and "P − Δ" in message


def test_an_exception_names_the_line_of_the_code_under_test():
    def broken(params, X, y, reg):
        raise KeyError("W3")

    runner = InProcessRunner(broken)
    with pytest.raises(Exception) as info:
        runner.loss_and_grads({"W1": np.zeros((1, 1))}, np.zeros((1, 1)), np.zeros(1, dtype=int), 0.0)
    assert info.value.kind == "exception" and info.value.line is not None


def test_the_example_pytest_file_passes_a_correct_solution_and_fails_a_wrong_one(tmp_path):
    example = ROOT / "docs" / "example_test_student.py"
    outcomes = {}
    for name in ("correct_function_l2", "mistake_reg_sign"):
        env = dict(os.environ, STUDENT_SOLUTION=str(SUBMISSIONS / f"{name}.py"))
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(example)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        outcomes[name] = proc
    assert outcomes["correct_function_l2"].returncode == 0, outcomes["correct_function_l2"].stdout[-2000:]
    wrong = outcomes["mistake_reg_sign"]
    assert wrong.returncode == 1 and "reg-sign" in wrong.stdout


def test_column_layout_and_strict_policy_in_process():
    spec = importlib.util.spec_from_file_location("ucla", SUBMISSIONS / "correct_column_layout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = check_gradients(module.TwoLayerNet(4, 10, 3), examples=3)
    assert result.layout == "column"
    spec = importlib.util.spec_from_file_location("unstable", SUBMISSIONS / "mistake_unstable_softmax.py")
    unstable = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(unstable)
    assert check_gradients(unstable.loss_and_grads, examples=3).warnings == ["unstable-softmax"]
    with pytest.raises(AssertionError, match="unstable-softmax"):
        check_gradients(unstable.loss_and_grads, examples=3, strict=True)
