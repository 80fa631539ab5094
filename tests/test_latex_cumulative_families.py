r"""A running product's members at t and t − 1 (checks/latex/cumulative_families.py): DDPM's
``\bar{\alpha}_t := \prod_{i=1}^t \alpha_i`` ties ``\bar{\alpha}_t`` to ``\alpha_t \bar{\alpha}_{t-1}``,
which Malav-P's notes use; sampled apart, the step was wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.cumulative_families import cumulative_families
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_DEFINED = "with $\\bar{\\alpha_t} := \\prod_{i=1}^t \\alpha_i$ and\n\n"
_STEP = (
    "$$\n\\frac{\\sqrt{\\bar{\\alpha}_t}\\sqrt{\\alpha_t}}{1-\\bar{\\alpha}_{t}}"
    " = \\frac{\\sqrt{\\bar{\\alpha}_{t-1}}\\alpha_t}{1-\\bar{\\alpha}_t}\n$$\n"
)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_DEFINED + _STEP, "inconclusive"),
        # the wrong twin: without the running product the two are two unknowns and the step is false
        (_STEP.replace("{1-", "{1+\\bar{\\alpha}_{t-1}-"), "wrong"),
    ],
)
def test_a_running_product_ties_its_members(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


def test_the_subscript_may_sit_under_the_accent() -> None:
    assert cumulative_families(r"$\bar{\alpha_t} := \prod_{i=1}^t \alpha_i$, $S_n = \sum_{k=1}^{n} x_k$") == {
        r"\bar{\alpha}": "t",
        "S": "n",
    }
