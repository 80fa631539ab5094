"""An example pytest file for a course's own tests of students' gradients, with derive.

Put it beside the student's code and run ``pytest example_test_student.py``. The module under
test is ``solution.py`` next to this file, or the file named by STUDENT_SOLUTION.

- ``check_gradients`` runs derive's grader in this process: the course toy problem, fixed
  problems (nonzero biases, D = H = C, exact zeros at the ReLU, logits of ±1000) and
  Hypothesis-drawn ones; a wrong gradient raises AssertionError naming the mistake
  (MISTAKES.md id), the formula it should have been and the smallest failing problem.
- ``mlp_problems`` draws problems for property tests of one's own.
"""

import importlib.util
import os
from pathlib import Path

import numpy as np
from derive.checks.grading.testing import check_gradients, mlp_problems
from hypothesis import given, settings

SOLUTION = Path(os.environ.get("STUDENT_SOLUTION", Path(__file__).with_name("solution.py")))


def _load_solution():
    spec = importlib.util.spec_from_file_location("student_solution", SOLUTION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


student = _load_solution()


def test_gradients_match_the_verified_reference():
    # Raises AssertionError with derive's diagnosis when any check fails.
    check_gradients(student.loss_and_grads, examples=10, seed=0)


@settings(max_examples=20, deadline=None)
@given(mlp_problems(max_n=6, max_h=6, regs=(0.0, 0.05)))
def test_loss_is_finite_and_gradients_have_parameter_shapes(problem):
    loss, grads = student.loss_and_grads(problem.copy_params(), problem.X, problem.y, problem.reg)
    assert np.isfinite(loss)
    for name, value in problem.params.items():
        assert np.shape(grads[name]) == value.shape, (
            f"d{name} has shape {np.shape(grads[name])}, expected {value.shape}"
        )
