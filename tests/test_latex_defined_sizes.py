r"""The end of a sum in a definition is the step's size where the step writes it too
(checks/latex/defined_sizes.py): ``L = \frac{1}{N}\sum_{i=1}^{N}(y_i - \hat y_i)^2`` and then
``\frac{\partial L}{\partial \hat y_j} = -\frac{2}{N}(y_j - \hat y_j)`` used to leave N free on
one side only ("the sides use different symbols"), so neither the step nor a slip in its factor
was judged."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.defined_sizes import defined_sizes
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()

MSE = r"$$L = \frac{1}{N} \sum_{i=1}^{N} (y_i - \hat{y}_i)^2$$" + "\n\n"
MEAN = r"$$\mu_d = \frac{1}{N} \sum_{n=1}^{N} x_{nd}$$" + "\n\n"


@pytest.mark.parametrize(
    ("prelude", "step", "status"),
    [
        (MSE, r"\frac{\partial L}{\partial \hat{y}_j} = -\frac{2}{N} (y_j - \hat{y}_j)", "ok"),
        (MSE, r"\frac{\partial L}{\partial \hat{y}_j} = \frac{2}{N} (\hat{y}_j - y_j)", "ok"),
        (MSE, r"\frac{\partial L}{\partial \hat{y}_j} = -\frac{1}{N} (y_j - \hat{y}_j)", "wrong"),  # 2 lost
        (MSE, r"\frac{\partial L}{\partial \hat{y}_j} = -2 (y_j - \hat{y}_j)", "wrong"),  # 1/N lost: N free, 1 side
        (MEAN, r"\frac{\partial \mu_d}{\partial x_{ij}} = \frac{1}{N} \delta_{dj}", "ok"),
        (MEAN, r"\frac{\partial \mu_d}{\partial x_{ij}} = \frac{1}{N}", "wrong"),  # δ_dj lost: d ≠ j
    ],
)
def test_the_size_of_a_defined_sum_is_the_steps_size(prelude: str, step: str, status: str, runner: StepRunner) -> None:
    results = check_text(f"{prelude}$${step}$$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    assert results[-1].status == status, results[-1].message


def test_only_an_end_the_step_writes_is_taken() -> None:
    value = normalize(r"\frac{1}{N} \sum_{i=1}^{N} (y_i - \hat{y}_i)^2", NOTATION)
    named = {"L": ("", value)}
    writes_n = normalize(r"\frac{2}{N} (y_j - \hat{y}_j) + L", NOTATION)
    no_n = normalize(r"2 (y_j - \hat{y}_j) + L", NOTATION)
    assert defined_sizes(named, [writes_n]) == {"N"}
    assert defined_sizes(named, [no_n]) == set()
    assert defined_sizes({}, [writes_n]) == set()
