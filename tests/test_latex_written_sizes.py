"""A step that writes a summed family's entries by number (checks/latex/written_sizes.py) is judged
at that size: three classes written out against a Σ_j (tests/data/latex_heldout4, purepisces'
worked example) were inconclusive at sizes 2 and 3, where z_3 does not exist at size 2."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.written_sizes import written_size

NOTATION = load_notation()


def _last(step: str, runner: StepRunner):
    return check_text(f"With three classes,\n\n$${step}$$\n", NOTATION, runner=runner, markdown=True).results[-1]


def _size(lhs: str, rhs: str) -> int | None:
    return written_size([normalize(lhs, NOTATION), normalize(rhs, NOTATION)])


def test_the_size_is_the_last_entry_written() -> None:
    assert _size(r"\sum_j e^{z_j}", r"e^{z_1} + e^{z_2} + e^{z_3}") == 3
    assert _size(r"\sum_{j=1}^{k} e^{z_j}", r"e^{z_1} + e^{z_2} + e^{z_3} + e^{z_4}") == 4


def test_no_size_when_nothing_is_written_that_far() -> None:
    assert _size(r"\sum_j e^{z_j}", r"e^{z_1} + e^{z_2}") is None  # sizes 2 and 3 as before
    assert _size(r"\sum_j e^{z_j}", r"S") is None
    assert _size(r"\sum_j a_j b_j", r"a_1 b_1 + a_2 b_2 + a_3 b_3") is None  # two families summed


def test_three_classes_written_out_are_ok(runner: StepRunner) -> None:
    result = _last(r"\frac{e^{z_1}}{\sum_{j} e^{z_j}} = \frac{e^{z_1}}{e^{z_1}+e^{z_2}+e^{z_3}}", runner)
    assert result.status == "ok" and "size = 3" in result.message, result.message


def test_a_wrong_entry_is_found_at_that_size(runner: StepRunner) -> None:
    result = _last(r"\frac{e^{z_1}}{\sum_{j} e^{z_j}} = \frac{e^{z_2}}{e^{z_1}+e^{z_2}+e^{z_3}}", runner)
    assert result.status == "wrong" and "size = 3" in result.message, result.message


def test_two_entries_against_an_open_sum_are_not_wrong(runner: StepRunner) -> None:
    # true only with two classes, which the step may mean: never a false alarm
    assert _last(r"\sum_{j} e^{z_j} = e^{z_1}+e^{z_2}", runner).status != "wrong"
