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


# ---------------------------------------------------------------- entries that follow no one pattern
# Read at their written places only (literal_patterns.WRITTEN): a slip in a written entry is
# found there; the step is never ok, since the entries not written are not read at all.
SOFTMAX_DECLARED = r"Let $\mathbf s \in \mathbb{R}^K$ and $\mathbf t \in \mathbb{R}^K$." + "\n\n"


def _jacobian(entries: dict[str, str], env: str = "bmatrix", dots: str = r"\cdots") -> str:
    """The softmax Jacobian of s by its corners, with some entries replaced."""
    cells = {
        "11": "s_1 - s_1 s_1", "12": "-s_1 s_2", "1K": "-s_1 s_K",
        "21": "-s_2 s_1", "22": "s_2 - s_2 s_2", "2K": "-s_2 s_K",
        "K1": "-s_K s_1", "K2": "-s_K s_2", "KK": "s_K - s_K s_K",
    }  # fmt: skip
    cells.update(entries)
    rows = [f"{cells[r + '1']} & {cells[r + '2']} & {dots} & {cells[r + 'K']}" for r in "12K"]
    return rf"\begin{{{env}}} {rows[0]} \\ {rows[1]} \\ \vdots & \vdots & \ddots & \vdots \\ {rows[2]} \end{{{env}}}"


def _softmax(step: str, runner: StepRunner):
    text = f"{SOFTMAX_DECLARED}$$ {step} $$\n"
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


RIGHT = r"\operatorname{diag}(\mathbf s) - \mathbf s \mathbf s^T"


DOTS = r"\dots"


def _place_fits(shown: str, row: str, col: str) -> bool:
    """The counterexample's entry (r, c) is at row, col ("K": the last, past row / column 2)."""
    r, c = shown[len("entry (") :].split(")")[0].split(", ")
    return all(int(got) > 2 if want == "K" else want in ("", got) for got, want in ((r, row), (c, col)))


@pytest.mark.parametrize(
    ("entries", "row", "col"),
    [
        ({"21": "s_2 s_1"}, "2", "1"),  # a dropped minus in row 2
        ({"KK": "s_K + s_K s_K"}, "K", "K"),  # a slipped sign in the last corner
        ({"22": "s_2 - s_1 s_2", "2K": "-s_1 s_K"}, "2", ""),  # row 2 copied from row 1
    ],
)
def test_a_slip_that_breaks_the_pattern_is_found_at_its_entry(entries, row, col, runner: StepRunner) -> None:
    result = _softmax(f"{_jacobian(entries, 'pmatrix', DOTS)} = {RIGHT}", runner)
    assert result.status == "wrong", result.message
    shown = result.counterexample["lhs"]
    assert shown.startswith("entry (") and _place_fits(shown, row, col), shown


@pytest.mark.parametrize(
    "entries",
    [
        {"11": "s_1 - s_1^2", "22": "s_2(1 - s_2)"},  # right entries in other spellings: no one pattern
        {"11": "s_1 (1 - s_1)"},
    ],
)
def test_right_entries_without_one_pattern_are_never_wrong(entries, runner: StepRunner) -> None:
    result = _softmax(f"{_jacobian(entries)} = {RIGHT}", runner)
    assert result.status in ("inconclusive", "unparsed"), (result.status, result.message)


def test_entries_that_skip_numbers_are_not_read_at_their_places(runner: StepRunner) -> None:
    # rows 1, 2 written s_1, s_3: every other entry, or a slip? Not read
    result = _softmax(r"\mathbf s = \begin{pmatrix} s_1 \\ s_3 \\ \vdots \\ s_K \end{pmatrix}", runner)
    assert result.status == "unparsed" and "a matrix with ellipses" in result.message, result.message


def test_a_written_entry_with_another_index_letter_is_not_judged(runner: StepRunner) -> None:
    # -s_2 s_j in row 2: a general entry, whose column the layout does not give
    result = _softmax(f"{_jacobian({'21': 's_2 s_1', '2K': '-s_2 s_j'})} = {RIGHT}", runner)
    assert result.status in ("unparsed", "inconclusive") and "index j" in result.message, result.message


def test_entries_read_as_written_take_their_length_from_the_last_entry(runner: StepRunner) -> None:
    # s ∈ ℝ^K not declared: the last row's s_K says how long s is
    text = f"$$ {_jacobian({'21': 's_2 s_1'})} = {RIGHT} $$\n"
    result = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]
    assert "the size K" not in result.message and result.status != "ok", result.message
