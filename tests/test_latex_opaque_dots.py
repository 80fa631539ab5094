r"""A step wrong whatever w^T x is (opaque_dots.py): judged again with the dot product as one
unknown number, wrong only when the step uses w and x nowhere else."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.dot_products import dot_name, dot_names
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()
DOCUMENT = "Logistic regression:\n\n$$z = w^T x + b$$\n\n$$\\hat y = \\sigma(z)$$\n\nSo:\n\n$${claim}$$\n"


def _last(claim: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(DOCUMENT.replace("{claim}", claim), NOTATION, runner=runner, markdown=True, examples=30)
    result = report.results[-1]
    return result.status, result.message


def test_a_dot_product_reads_as_one_name() -> None:
    read = "".join(t for t, _ in dot_names(tex_tokens(r"\sigma(w^T x + b) + \theta^T x^{(i)}")))
    assert read == r"\sigma(\mathrm{dotwx}+b)+\mathrm{dotthetax}^{(i)}"
    assert dot_name(("w", "x")) == "dotwx" and dot_name((r"\theta", "x")) == "dotthetax"


def test_a_slip_about_z_alone_is_wrong_whatever_the_dot_product_is(runner: StepRunner) -> None:
    status, message = _last(r"1 - \hat y = \frac{1}{1 + e^{-z}}", runner)  # 1 - σ(z) = σ(-z), sign lost
    assert status == "wrong", message
    assert "w^T x as one unknown number" in message


def test_the_right_step_is_ok(runner: StepRunner) -> None:
    status, message = _last(r"1 - \hat y = \frac{1}{1 + e^{z}}", runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial \hat y}{\partial w_j} = \hat y (1 - \hat y) w_j",
        r"\frac{\partial \hat y}{\partial x_j} = \hat y (1 - \hat y) x_j",
    ],
    ids=["differentiates by w", "differentiates by x"],
)
def test_a_step_that_looks_inside_the_dot_product_stays_held_back(claim: str, runner: StepRunner) -> None:
    status, message = _last(claim, runner)
    assert status == "inconclusive", message
    assert "dot product" in message
