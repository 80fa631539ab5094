r"""A total stated after the counts it sums (checks/latex/stated_totals.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.stated_totals import whole_number
from hunt_steps import step_verdict


def test_whole_numbers_with_their_thousands_grouped() -> None:
    assert whole_number("1,707,264") == 1707264
    assert whole_number(r"1\,707\,264") == 1707264
    assert whole_number("2{,}048") == 2048
    assert whole_number("512 ") == 512
    assert whole_number("2,5") is None  # a decimal comma, not a count
    assert whole_number("1,70,7264") is None
    assert whole_number("3.5") is None
    assert whole_number("n") is None


# the sizes of a made-up three-layer network, one count per display, then the total
SIZES = r"""The first layer maps 100 inputs to 40 units, the second 40 to 20, the output 20 to 5.
Counting each layer's weights and biases:

$$m_{W_1} = (100)(40) = 4,000$$

$$m_{b_1} = 40$$

$$m_{W_2} = (40)(20) = 800$$

$$m_{b_2} = 20$$

$$m_{W_3} = (20)(5) = 100$$

$$m_{b_3} = 5$$

{prose}

$$M = {total}$$
"""
ALL = "The network's size is the total of all of them."


def _total(prose: str, total: str, runner: StepRunner) -> tuple[str, str]:
    return step_verdict(SIZES.replace("{prose}", prose).replace("{total}", total), "M", runner)


def test_a_total_that_is_the_sum_of_the_counts_is_ok(runner: StepRunner) -> None:
    status, message = _total(ALL, "4,965", runner)
    assert status == "ok", message
    assert "sum to 4,965" in message


def test_a_total_with_a_count_left_out_is_wrong(runner: StepRunner) -> None:
    status, message = _total(ALL, "4,960", runner)  # m_c forgotten
    assert status == "wrong", message
    assert "4,965, not 4,960" in message and "without m_{b_3}" in message


def test_a_total_with_a_slip_in_adding_is_wrong(runner: StepRunner) -> None:
    status, message = _total(ALL, "4,955", runner)
    assert status == "wrong", message


def test_a_total_above_the_sum_is_not_wrong(runner: StepRunner) -> None:
    # the total may count what the run does not list
    status, message = _total(ALL, "4,975", runner)
    assert status != "wrong", message


# counts whose names share no kind: any part of them may be the total meant
SPLITS = r"""We split the data set:

$$n_{train} = 800$$

$$n_{val} = 100$$

$$n_{test} = 150$$

{prose}

$$N = {total}$$
"""


def test_counts_of_no_common_kind_excuse_any_part(runner: StepRunner) -> None:
    text = SPLITS.replace("{prose}", "In total, for training and testing:")
    status, message = step_verdict(text.replace("{total}", "950"), "N", runner)  # train + test
    assert status != "wrong", message
    status, message = step_verdict(text.replace("{total}", "1,040"), "N", runner)  # no part: 1,050 less a slip
    assert status == "wrong", message
    status, message = step_verdict(text.replace("{total}", "1,050"), "N", runner)
    assert status == "ok", message


def test_the_total_of_one_kind_of_count_is_not_wrong(runner: StepRunner) -> None:
    # the weights alone (4,000 + 800 + 100), what "the total number of weights" means
    status, message = _total("In total, the weights number", "4,900", runner)
    assert status != "wrong", message


def test_the_total_of_some_layers_is_not_wrong_unless_the_prose_says_all(runner: StepRunner) -> None:
    status, message = _total("The first two layers hold in total", "4,860", runner)
    assert status != "wrong", message
    status, message = _total("All the counts, in total:", "4,860", runner)
    assert status == "wrong", message


def test_another_aggregate_far_from_the_sum_is_not_judged(runner: StepRunner) -> None:
    # a sum of squares, a product: the prose says "sum" but not of these numbers as they are
    status, message = _total("The sum of their squares is", "16,641,025", runner)
    assert status != "wrong", message
    assert "counts just above" not in message


def test_without_a_word_for_a_total_nothing_is_judged(runner: StepRunner) -> None:
    status, message = _total("The learning rate we chose is", "4,960", runner)
    assert status != "wrong", message
    assert "counts just above" not in message


def test_a_run_with_prose_between_its_counts_is_cut_there(runner: StepRunner) -> None:
    # prose before m_{W_2}: the run is m_{W_2} … m_{b_3} (925); 4,965 is not its sum, and far from it
    text = SIZES.replace("$$m_{W_2}", "Then the second layer.\n\n$$m_{W_2}").replace("{prose}", ALL)
    status, message = step_verdict(text.replace("{total}", "4,965"), "M", runner)
    assert status != "wrong", message
    status, message = step_verdict(text.replace("{total}", "925"), "M", runner)
    assert status == "ok", message


def test_a_total_named_so_needs_no_prose(runner: StepRunner) -> None:
    text = SIZES.replace("{prose}", "").replace("$$M = {total}$$", "$$N_{total} = 4,964$$")
    status, message = step_verdict(text, "N_{total}", runner)
    assert status == "wrong", message
