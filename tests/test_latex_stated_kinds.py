r"""Matrices declared of a kind the judge does not sample (checks/latex/stated_kinds.py): "Let $A$ be
a symmetric matrix. Show that $x^T A y = y^T A x$" (AlgorithmiKee/notes) was wrong for a sampled A."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stated_kinds import stated_kinds

NOTATION = load_notation()
_SYMMETRIC = "Let $A\\in\\mathbb{R}^{d \\times d}$ be a symmetric matrix. Show that\n"
_CLAIM = (
    "$$\n\\forall \\mathbf{x}, \\mathbf{y}\\in\\mathbb{R}^d,\\quad\n"
    "\\mathbf{x}^\\top A \\mathbf{y} = \\mathbf{y}^\\top A \\mathbf{x}\n$$\n"
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Let $A\\in\\mathbb{R}^{d \\times d}$ be a symmetric matrix. Show that\n" + _CLAIM, "inconclusive"),
        ("设 $A$ 为实对称矩阵，证明\n" + _CLAIM, "inconclusive"),
        # the wrong twins: a square matrix of no stated kind, and a symmetric one the claim does not use
        ("Let $A\\in\\mathbb{R}^{d \\times d}$ be a square matrix. Show that\n" + _CLAIM, "wrong"),
        # a claim false for symmetric matrices too: judged with A symmetric, still wrong
        (_SYMMETRIC + _CLAIM.replace("= \\mathbf{y}", "= 2\\mathbf{y}"), "wrong"),
        ("Let $S$ be a symmetric matrix, and $A\\in\\mathbb{R}^{d \\times d}$ any. Then\n" + _CLAIM, "wrong"),
    ],
)
def test_a_matrix_declared_symmetric_is_not_refuted_by_a_general_sample(
    text: str, status: str, runner: StepRunner
) -> None:
    """The page's kind is a property the sample lacks: the wrong is held back, for that name only."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


def test_kinds_are_read_from_the_sentence_that_names_them() -> None:
    text = "Let $\\Sigma$ be positive definite. The matrix $Q$ is orthogonal.\nAnd $B$ is any."
    assert stated_kinds(text) == {r"\Sigma": "positive definite", "Q": "orthogonal"}
