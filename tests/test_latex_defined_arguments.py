r"""A quantity the notation defines, written at arguments (checks/latex/defined_arguments.py): the
seventeenth hunt's word2vec translation says "the length of the path $L(w_2) = 4$"; the course's
loss L depends on no w_2, so that L is another function, not the loss at sampled weights."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("In the example shown, the length of the path $L(w_2) = 4$.\n", "inconclusive"),
        ("The loss at the input and the label:\n\n$$L(x, y) = -\\log o^s_y$$\n", "ok"),
        ("The loss of the prediction:\n\n$$L = L(\\hat{y},y)$$\n", "ok"),  # ŷ: the prediction of the label y
        # the wrong twins: the loss at its own arguments is still the loss (and not 4)
        ("The loss at the input and the label:\n\n$$L(x, y) = 4$$\n", "wrong"),
        ("The loss at the input and the label:\n\n$$L(x, y) = -\\log (2 o^s_y)$$\n", "wrong"),
    ],
)
def test_the_defined_quantity_at_names_it_does_not_use_is_another(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
