r"""A derivative with two index letters beside its diagonal twin is the off-diagonal case
(checks/latex/diagonal_twins.py): numbered cases "2:" ∂P_i/∂o_i and "3:" ∂P_j/∂o_i, with no
"for j ≠ i" written, were refuted at i = j."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# the shape of a CSC411 report (tests/data/latex_heldout40/deepnn_report_alraheem.tex, lines 245-267):
# cases numbered, not stated
DEFINITIONS = r"""
The probability $$P_{i} = \frac{e^{o_{i}}}{\sum_{k}e^{o_{k}}}$$

"""
DIAGONAL = r"""
2:

$$\frac{\partial P_{i}}{\partial o_{i}} = P_{i}(1 - P_{i})$$

"""
OFF_DIAGONAL = r"""
3:

$$\frac{\partial P_{j}}{\partial o_{i}} = -\frac{e^{o_{j}}}{\sum_{k}e^{o_{k}}}\frac{e^{o_{i}}}{\sum_{k}e^{o_{k}}}$$

$$\frac{\partial P_{j}}{\partial o_{i}} = -P_{j}P_{i}$$
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=True)
    return [r.status for r in report.results]


def test_the_off_diagonal_case_beside_its_twin_is_not_called_wrong(runner: StepRunner) -> None:
    statuses = _statuses(DEFINITIONS + DIAGONAL + OFF_DIAGONAL, runner)
    assert statuses[-3] == "ok"  # the diagonal case
    assert statuses[-2:] == ["inconclusive", "inconclusive"]  # was wrong at i = j = 1


def test_the_twin_may_come_after_the_step(runner: StepRunner) -> None:
    assert _statuses(DEFINITIONS + OFF_DIAGONAL + DIAGONAL, runner)[-3:-1] == ["inconclusive", "inconclusive"]


def test_without_the_twin_the_claim_is_for_every_i_and_j(runner: StepRunner) -> None:
    assert _statuses(DEFINITIONS + OFF_DIAGONAL, runner)[-2:] == ["wrong", "wrong"]  # the δ_ij term forgotten


def test_a_step_wrong_with_the_letters_apart_stays_wrong(runner: StepRunner) -> None:
    slip = OFF_DIAGONAL.replace("= -P_{j}P_{i}", "= P_{j}P_{i}")
    assert slip != OFF_DIAGONAL
    assert _statuses(DEFINITIONS + DIAGONAL + slip, runner)[-1] == "wrong"
