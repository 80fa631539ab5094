r"""The identity matrix among numbers (checks/latex/identity_matrix.py): DDPM's posterior covariance
``A^{-1} = \frac{1}{a}\mathbf{I}`` after ``A := a\mathbf{I}`` (Malav-P's and andycheungyatming's notes)
was wrong at I = 2; with I the identity it holds."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_DEFINED = "Define\n$$\n\\mathbf{A} := \\Big(\\frac{1}{1-c} + \\frac{a}{b} \\Big)\\mathbf{I}\n$$\nso\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_DEFINED + "$$\n\\mathbf{A}^{-1} = \\frac{1}{\\frac{1}{1-c} + \\frac{a}{b}}\\mathbf{I}\n$$\n", "inconclusive"),
        ("$$\n\\frac{1}{a}I = (aI)^{-1}\n$$\n", "inconclusive"),
        # the wrong twins: false with I the identity too
        (_DEFINED + "$$\n\\mathbf{A}^{-1} = \\frac{2}{\\frac{1}{1-c} + \\frac{a}{b}}\\mathbf{I}\n$$\n", "wrong"),
        ("$$\n\\frac{2}{a}I = (aI)^{-1}\n$$\n", "wrong"),
    ],
)
def test_the_identity_matrix_behaves_as_one_among_numbers(text: str, status: str, runner: StepRunner) -> None:
    """A wrong step that holds with I = 1 is held back; one false with I = 1 too stays wrong."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
