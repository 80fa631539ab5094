r"""A derivative of a name set equal to the same derivative of a formula restates the name
(checks/latex/restated_operands.py): refuted with an earlier value the document got wrong, the
verdict landed on a correct step."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.restated_operands import restated_name

NOTATION = load_notation()

# after tests/data/latex_heldout40/softmax_derivative_wangkuiyi.md, lines 14 and 22 (the exponentials
# forgotten in the prose's definition, then the softmax restated in the step)
TYPO = r"""
The softmax has outputs $y_1=\frac{z_1}{\sum_k z_k}, \ldots, y_K=\frac{z_K}{\sum_k z_k}$.

$$ \frac{\partial y_i}{\partial z_i} = \frac{\partial \frac{e^{z_i}}{\sum_k e^{z_k}} }{ \partial z_i } $$
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=True)
    return [r.status for r in report.results]


def test_restated_name() -> None:
    dy, dl = r"\frac{\partial y_i}{\partial z_i}", r"\frac{\partial L}{\partial w}"
    assert restated_name(dy, r"\frac{\partial}{\partial z_i} \frac{e^{z_i}}{S}") == "y_i"
    assert restated_name(r"\partial L/\partial w", r"\frac{\partial}{\partial w}\left(\frac12 (y - wx)^2\right)") == "L"
    # a chain rule, the same derivative again, another variable, no derivative: no restatement
    assert restated_name(dl, r"\frac{\partial L}{\partial a}\frac{\partial a}{\partial w}") is None
    assert restated_name(dl, dl) is None
    assert restated_name(dl, r"\frac{\partial}{\partial v} x^2") is None
    assert restated_name(dl, r"x") is None


def test_a_restatement_against_a_slipped_definition_is_held(runner: StepRunner) -> None:
    assert _statuses(TYPO, runner)[-1] == "inconclusive"  # was wrong: y_i read without its exponentials


def test_a_restatement_of_the_right_value_is_proved(runner: StepRunner) -> None:
    right = TYPO.replace(r"\frac{z_1}{\sum_k z_k}", r"\frac{e^{z_1}}{\sum_k e^{z_k}}").replace(
        r"\frac{z_K}{\sum_k z_k}", r"\frac{e^{z_K}}{\sum_k e^{z_k}}"
    )
    assert _statuses(right, runner)[-1] == "ok"


def test_a_slip_after_the_restatement_is_still_found(runner: StepRunner) -> None:
    softmax = r"\frac{e^{z_i}}{\sum_k e^{z_k}}"
    chain = TYPO.replace(r"{ \partial z_i } $$", rf"{{ \partial z_i }} = {softmax}\left(1 + {softmax}\right) $$")
    assert chain != TYPO
    assert _statuses(chain, runner)[-1] == "wrong"
