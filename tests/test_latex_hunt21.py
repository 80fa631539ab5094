r"""False alarms of the twenty-first hunt (87 public documents from 36 repositories), each reduced
to its form, with a wrong twin that stays wrong.

- HeavenAQ/heaven-blog homework-3-solutions.md (an SVM exercise in two parts): part (i) computes
  ``\xi_3 = \max(0, 1-(-1)) = 2``; part (ii), "With $w = …$", computes the slacks again and
  writes ``\xi_3 = 1``, which was 'wrong' (2 against 1). A value computed from numbers alone gives
  its name a number as ``\xi_3 = 2`` would, and a later number for it is a new value
  (closed_values, doc_definitions.find_reassignments).
- Lyy-iiis/DL-notes diffusion_wxb.md (consistency models): "hand-crafted functions satisfying
  $c_{\text{skip}}(0)=1-c_{\text{out}}(0)=1$" was 'wrong' (0 against 1): a subscripted name before a
  bracket is read as a product, and c·(0) is 0. A bracket around one number after such a name is a
  function's value at that number; a wrong that reads it as a product is held (number_calls).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.closed_values import closed_value
from hunt_steps import step_results

TWO_PARTS = r"""
#### (i) With $w = 1, b = 0, C = 1$

- $\xi_1 = \max(0, 1-0) = 1$
- $\xi_3 = \max(0, 1-(-1)) = 2$

#### (ii) With $w = 2, b = 0, C = 1$

- $\xi_1 = 1$
- $\xi_3 = 1$
"""


def test_a_value_computed_again_in_a_second_part_is_a_new_value(runner: StepRunner) -> None:
    last = step_results(TWO_PARTS, runner)[-1]
    assert last[0] == r"\xi_3" and last[1] == "inconclusive", last
    assert "a new assignment" in last[2]


def test_a_wrong_computation_of_the_value_stays_wrong(runner: StepRunner) -> None:
    twin = TWO_PARTS.replace(r"\max(0, 1-(-1)) = 2", r"\max(0, 1-(-1)) = 1")
    statuses = {(lhs, status) for lhs, status, _ in step_results(twin, runner)}
    assert (r"\max(0, 1-(-1))", "wrong") in statuses


def test_a_computed_value_is_still_used_where_it_is_not_given_again(runner: StepRunner) -> None:
    text = "$$\\xi_3 = \\max(0, 1-(-1)) = 2$$\n\n$$\\xi_3 + 1 = 4$$\n"
    assert step_results(text, runner)[-1][1] == "wrong"


BOUNDARY = (
    r"where $c_{\text{skip}},c_{\text{out}}$ are hand-crafted functions satisfying"
    r" $c_{\text{skip}}(0)=1-c_{\text{out}}(0)=1$." "\n"
)


def test_a_subscripted_function_at_a_number_is_not_a_product(runner: StepRunner) -> None:
    first = step_results(BOUNDARY, runner)[0]
    assert first[0] == r"c_{\text{skip}}(0)" and first[1] == "inconclusive", first
    assert "a function's value at a number" in first[2]


@pytest.mark.parametrize(
    "twin",
    [
        "$$c_1 (2 + 1) = 2 c_1$$\n",  # a formula in the bracket: the product the writer means
        "$$\\log_2(8) = 4$$\n",  # a function the readers know, at a number
        "$$c_{\\text{skip}} \\cdot (0) = 1$$\n",  # a product written as one
    ],
)
def test_products_and_known_functions_at_numbers_stay_wrong(twin: str, runner: StepRunner) -> None:
    assert step_results(twin, runner)[-1][1] == "wrong"


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        (r"\max(0, 1-(-1))", True),
        (r"0.4 \cdot 0.5 + 0.1", True),
        (r"\frac{1}{2}(1 + 1)", True),
        ("2", False),  # a plain number is GIVEN_NUMBER's
        (r"\max\{0, 1-\gamma_i\}", False),  # a name: a formula
        (r"2\alpha", False),
        (r"\pi r^2", False),
        (r"e^{2}", False),  # e may be a name the page defines
    ],
)
def test_closed_values_are_arithmetic_of_numbers_alone(text: str, closed: bool) -> None:
    assert closed_value(text) is closed
