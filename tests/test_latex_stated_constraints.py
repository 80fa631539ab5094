r"""Constraints stated about a vector the page never defines (checks/latex/stated_constraints.py): the
twentieth hunt's PCA chapter (datawhalechina/pumpkin-book) says its directions are unit vectors,
"由于 $\|w_i\| = 1$" and "约束 $w_i^T w_i = 1$"; a sampled w_i refutes neither."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_DECLARED = "Let $\\boldsymbol{w}_i \\in \\mathbb{R}^{d}$ be the projection directions.\n\n"
_DEFINED = "Let $\\boldsymbol{w} = \\begin{bmatrix} 3 \\\\ 4 \\end{bmatrix}$.\n\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_DECLARED + "This holds because $\\left\\|\\boldsymbol{w}_i\\right\\|=1$, therefore\n", "unparsed"),
        # the upright T is the transpose (upright_transposes.py): w_i^T w_i, a sum of squares the page
        # never gives, so not proved (inconclusive) as for w_i^{T} w_i; never wrong
        (_DECLARED + "The constraint $\\boldsymbol{w}_i^{\\mathrm{T}}\\boldsymbol{w}_i=1$ is used.\n", "inconclusive"),
        # the wrong twins: a vector the page defines has its norm, and it is not 1
        (_DEFINED + "This holds because $\\left\\|\\boldsymbol{w}\\right\\|=1$, therefore\n", "wrong"),
        (_DEFINED + "The constraint $\\boldsymbol{w}^{\\mathrm{T}}\\boldsymbol{w}=1$ is used.\n", "wrong"),
    ],
)
def test_a_norm_of_an_undefined_vector_set_to_one_is_a_constraint(text: str, status: str, runner: StepRunner) -> None:
    """``\\|w_i\\| = 1`` about a w_i only declared states what w_i satisfies; about a defined w it is judged."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
