r"""Differentials that are not products (checks/latex/differentials.py): a Gaussian discriminant
analysis derivation (kindlytrees/experimental_manual) writes the product rule for differentials,
``d\left(\Sigma^{-1} S\right) = d \Sigma^{-1} \cdot S + \Sigma^{-1} \cdot d S``; read with d a
number, it was wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.differentials import glued_names
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import Step

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # (M for the page's S, a letter the notation gives softmax)
        ("$$\nd\\left(\\Sigma^{-1} M\\right)=d \\Sigma^{-1} \\cdot M+\\Sigma^{-1} \\cdot d M\n$$\n", "inconclusive"),
        ("$$\nd \\Sigma^{-1} \\cdot M+\\Sigma^{-1} \\cdot d M=d \\Sigma^{-1} M\n$$\n", "inconclusive"),
        # the wrong twin: d written as a factor, with a product sign, is a product and judged
        ("$$\nd \\cdot \\left(a b\\right)=d \\cdot a \\cdot b + a \\cdot d \\cdot b\n$$\n", "wrong"),
    ],
)
def test_d_before_a_bracket_or_a_greek_name_may_be_a_differential(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


def test_the_d_names_a_step_writes() -> None:
    step = Step(1, r"d\left(\Sigma^{-1} S\right)", r"d \Sigma^{-1} \cdot S + \Sigma^{-1} \cdot d S", "=", "display")
    assert glued_names(step) == [r"d\Sigma", "dS", "d(…)"]  # d-names first, then d before a bracket
