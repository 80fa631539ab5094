r"""A step refuted only where a matrix with ellipses has entries the page does not write is held
(checks/latex/written_entries.py); a wrong entry the page writes is still found, at that entry."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

DECLARED = r"Let $\mathbf u \in \mathbb{R}^5$, $\mathbf v \in \mathbb{R}^5$ and $\mathbf g \in \mathbb{R}^n$." + "\n\n"

# u_1, u_2, …, u_5 as a column (dots of three spellings) and as a row of a pmatrix
COLUMN = r"\begin{bmatrix} u_1 v_1 \\ u_2 v_2 \\ \vdots \\ u_5 v_5 \end{bmatrix}"
ROW = r"\begin{pmatrix} u_1 - v_1 & u_2 - v_2 & \ldots & u_5 - v_5 \end{pmatrix}"


def _one(step: str, runner: StepRunner):
    text = f"{DECLARED}$$ {step} $$\n"
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


def _written_out(entries: list[str], env: str = "bmatrix", sep: str = r" \\ ") -> str:
    return rf"\begin{{{env}}} " + sep.join(entries) + rf" \end{{{env}}}"


EXACT = [f"u_{k} v_{k}" for k in range(1, 6)]
ROW_EXACT = [f"u_{k} - v_{k}" for k in range(1, 6)]


def test_a_difference_only_at_an_inferred_entry_is_held(runner: StepRunner) -> None:
    # the page writes rows 1, 2 and 5; row 3 is the judge's reading of the dots
    other = _written_out([*EXACT[:2], "2 u_3 v_3", *EXACT[3:]])
    result = _one(f"{COLUMN} = {other}", runner)
    assert result.status == "inconclusive" and "does not write" in result.message, result.message


def test_a_difference_at_a_written_entry_is_found_there(runner: StepRunner) -> None:
    other = _written_out([EXACT[0], "u_2 + v_2", *EXACT[2:]])
    result = _one(f"{COLUMN} = {other}", runner)
    assert result.status == "wrong", result.message
    assert result.counterexample["lhs"].startswith("entry (2, 1)"), result.counterexample


@pytest.mark.parametrize(
    "step",
    [
        f"{COLUMN} = {_written_out(EXACT)}",
        rf"{COLUMN} = \mathbf u \odot \mathbf v",
        rf"{ROW} = {_written_out(ROW_EXACT, 'pmatrix', ' & ')}",
        rf"{ROW}^T = \mathbf u - \mathbf v",
    ],
)
def test_right_steps_with_ellipses_stay_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", result.message


def test_a_row_differing_at_its_last_written_entry_is_found(runner: StepRunner) -> None:
    result = _one(rf"{ROW} = {_written_out([*ROW_EXACT[:4], 'u_5 + v_5'], 'pmatrix', ' & ')}", runner)
    assert result.status == "wrong" and "(1, 5)" in result.counterexample["lhs"], result.counterexample


def test_a_pattern_inside_a_product_is_held_when_the_product_reads_inferred_entries(runner: StepRunner) -> None:
    # the sum runs over every entry, the inferred row 3 too: the difference there is the reader's
    result = _one(rf"{COLUMN}^T \mathbf 1 = u_1 v_1 + u_2 v_2 + 2 u_3 v_3 + u_4 v_4 + u_5 v_5", runner)
    assert result.status != "wrong", result.message


def test_a_pattern_inside_a_product_is_found_at_written_places(runner: StepRunner) -> None:
    # 2 ⊙ the column: every place of the product reads one entry, written or not
    result = _one(
        rf"2 {COLUMN} = {_written_out(['2 u_1 v_1', 'u_2 v_2', *[f'2 u_{k} v_{k}' for k in range(3, 6)]])}", runner
    )
    assert result.status == "wrong" and "(2, 1)" in result.counterexample["lhs"], result.counterexample


def test_a_wrong_step_at_an_open_size_is_still_found(runner: StepRunner) -> None:
    column = r"\begin{bmatrix} g_1^2 \\ \vdots \\ g_n^2 \end{bmatrix}"
    result = _one(rf"{column} = 2 \mathbf g", runner)
    assert result.status == "wrong", result.message
