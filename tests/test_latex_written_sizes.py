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


def test_a_shifted_range_is_at_the_size_whose_range_is_the_entries_written() -> None:
    # zero-based sums: K - 1 = 2 is the last entry, so K = 3; Σ_{i=0}^{D}: D is the last entry
    assert _size(r"e^{a_0} + e^{a_1} + e^{a_2}", r"\sum_{k=0}^{K-1} e^{a_k}") == 3
    assert _size(r"x_0 + x_1 + x_2 + x_3", r"\sum_{i=0}^{N-1} x_i") == 4
    assert _size(r"w_{k0} x_0 + w_{k1} x_1 + w_{k2} x_2", r"\sum_{i=0}^{D} w_{ki} x_i") == 2
    assert _size(r"\sum_{j=2}^{M+1} y_j", r"y_2 + y_3 + y_4") == 3


def test_no_shifted_size_when_the_entries_are_not_the_whole_range() -> None:
    # written from 1 against a sum from 0: which entries the writer means is open
    assert _size(r"x_1 + x_2 + x_3", r"\sum_{i=0}^{N-1} x_i") is None
    assert _size(r"e^{a_0} + e^{a_1}", r"\sum_{k=0}^{K-1} e^{a_k}") is None  # two entries: as before
    # one family summed over two different ranges: no one size
    both = r"\sum_{k=0}^{K-1} e^{a_k} + \sum_{k=1}^{K} e^{a_k}"
    assert _size(both, r"e^{a_0} + 2e^{a_1} + 2e^{a_2} + e^{a_3}") is None


def test_zero_based_entries_written_out_are_ok(runner: StepRunner) -> None:
    for step in (
        r"\exp(a_0) + \exp(a_1) + \exp(a_2) = \sum_{k=0}^{K-1} \exp(a_k)",
        r"w_{k0} x_0 + w_{k1} x_1 + w_{k2} x_2 = \sum_{i=0}^{D} w_{ki} x_i",
        r"\sum_{n=0}^{N-1} (y_n - t)^2 = (y_0 - t)^2 + (y_1 - t)^2 + (y_2 - t)^2 + (y_3 - t)^2",
    ):
        result = _last(step, runner)
        assert result.status == "ok", (step, result.message)


def test_a_wrong_zero_based_expansion_is_still_found(runner: StepRunner) -> None:
    for step, size in (
        (r"\sum_{k=0}^{K-1} e^{a_k} = e^{a_0} + e^{a_1} + e^{2a_2}", "K = 3"),
        (r"\sum_{n=0}^{N-1} (y_n - t)^2 = (y_0 - t)^2 + (y_1 - t)^2 + (y_2 - t)^2 + (y_3 + t)^2", "N = 4"),
    ):
        result = _last(step, runner)
        assert result.status == "wrong" and size in result.message, (step, result.message)


def test_entries_that_do_not_start_where_the_sum_starts_are_not_wrong(runner: StepRunner) -> None:
    # x_1 + x_2 + x_3 against Σ_{i=0}^{N-1}: an indexing convention the step does not settle
    assert _last(r"x_1 + x_2 + x_3 = \sum_{i=0}^{N-1} x_i", runner).status != "wrong"
    assert _last(r"\sum_{k=0}^{K-1} e^{a_k} = e^{a_1} + e^{a_2} + e^{a_3}", runner).status != "wrong"
