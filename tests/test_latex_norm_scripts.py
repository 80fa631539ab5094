"""Norms and vectors as homework writes them: ``||x||^2_2`` (the power before the norm's
subscript), ``\\triangledown`` for ∇, ``\\overrightarrow{y}`` for a vector's name; a transpose or
a norm of a vector the document declares (x ∈ ℝ^n) makes the step the matrix judge's, where
sizes mixed from the document and the notation never make a shape error."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()
DECLARED = "Let $x \\in \\mathbb{R}^n$ and $u \\in \\mathbb{R}^n$.\n\n"


def _statuses(steps: list[str], runner: StepRunner) -> list[str]:
    text = DECLARED + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


@pytest.mark.parametrize(
    "step",
    [
        r"||x||^2_2 = x^T x",
        r"\|x\|_2^2 = x^T x",
        r"||x||^2_2 ||u||^2_2 = (x^T x)(u^T u)",
        r"\|x\|^2 = \sum_i x_i^2",
        r"\triangledown_x x^T x = 2x",
        r"\bigtriangledown_x \|x\|^2 = 2x",
        r"\overrightarrow{u}^T \overrightarrow{u} = \|\overrightarrow{u}\|^2",
    ],
)
def test_true_steps_are_ok(step: str, runner: StepRunner) -> None:
    assert _statuses([step], runner) == ["ok"]


@pytest.mark.parametrize(
    "step",
    [
        r"||x||^2_2 = 2 x^T x",  # a factor 2 too many
        r"\triangledown_x x^T x = x",  # the 2 dropped
        r"\|u\|_2^2 = u^T u + 1",
    ],
)
def test_wrong_steps_are_found(step: str, runner: StepRunner) -> None:
    assert _statuses([step], runner) == ["wrong"]


def test_a_declared_name_the_notation_sizes_otherwise_is_never_a_shape_error(runner: StepRunner) -> None:
    # the notation's x is d-dimensional and the document's n-dimensional: x^T u does not fit in
    # the judge's world, through no fault of the step
    for status in _statuses([r"(x^T u) x = x^T x u", r"(x^T u) x = (x^T x) u"], runner):
        assert status != "wrong"
