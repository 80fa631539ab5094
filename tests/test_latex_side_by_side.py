r"""Two expressions apart by a \quad inside one side (side_by_side.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.side_by_side import side_by_side_verdict


def test_statements_side_by_side_are_not_read_as_a_product() -> None:
    # tenth hunt (a statistics notebook): "Σx_i=23 \quad Σx_i²=267 \quad n=6", read as one chain,
    # made the step Σx_i = 23·Σx_i², refuted at x = (1, 2)
    found = side_by_side_verdict(r"\sum x_i", r"23 \quad \sum x_i^2")
    assert found is not None and found["status"] == "unparsed" and "right side" in found["message"]


@pytest.mark.parametrize(
    "side",
    [
        r"\lambda_1 \|W\|_1 \quad + \lambda_2 \|W\|_2^2",  # a sum continued on a new row (seed 001)
        r"\begin{cases} 1 \quad \text{if } x > 0 \\ 0 \end{cases}",  # inside an environment
        r"\frac{a \quad b}{2}",  # inside braces
        r"x^2 + 1 \quad",  # at the end
    ],
)
def test_a_quad_that_sets_nothing_apart_is_left_alone(side: str) -> None:
    assert side_by_side_verdict("y", side) is None


def test_a_step_is_still_judged_beside_statements_apart(runner: StepRunner) -> None:
    text = "$$a = 2 \\quad b = 3$$\n\n$$\\frac{d}{dx} x^2 = 3x \\quad$$\n"
    statuses = [r.status for r in check_text(text, load_notation(), runner=runner, markdown=True).results]
    assert statuses[-1] == "wrong"  # a wrong step with a trailing \quad stays wrong
