"""Values given by a row that puts numbers in the names' places (checks/latex/substituted_values.py):
``net = w_5 out + b`` then ``net = 0.4 * 0.59 + 0.6`` gives w_5 = 0.4, b = 0.6, which later steps
are judged with: ok when they agree, never wrong (the pairing is read from the order), and a step
that only restates one (``w_5 = 0.40``) is ok. A name's own value, given in the same step, never
confirms that step."""

from __future__ import annotations

from dataclasses import replace

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.substituted_values import aligned_numbers

NOTATION = load_notation()

EXAMPLE = r"""
$$out_{h1} = 0.593269992$$

$$out_{o1} = 0.75136507$$

$$net_{o1} = w_5 * out_{h1} + b_2 * 1$$

$$net_{o1} = 0.4 * 0.593269992 + 0.6 * 1 = 0.837307997$$

$$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^{2} = \frac{1}{2}(0.01 - 0.75136507)^{2} = 0.274811083$$

$$\frac{\partial E_{total}}{\partial w_{5}} = 0.74136507 * 0.186815602 * 0.593269992 = 0.082167041$$

The learning rate is 0.5.

"""


def _last(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(EXAMPLE + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == EXAMPLE.count("\n") + 1
    return result.status, result.message


def test_names_are_paired_with_the_numbers_in_their_places() -> None:
    words = replace(NOTATION, word_names=frozenset({"out"}))  # as the document's out_{h1} makes it
    got = aligned_numbers(r"w_5 * out_{h1} + b_2 * 1", r"0.4 * 0.593269992 + 0.6 * 1", words)
    assert got == {"w_{5}": "0.4", "out_{h1}": "0.593269992", "b_{2}": "0.6"}
    # a product sign written on one side only still pairs; a name given two numbers gets none
    assert aligned_numbers(r"w_1 x_1 + w_2 x_1", r"0.15 \times 0.05 + 0.2 \times 0.06", NOTATION) == {
        "w_{1}": "0.15",
        "w_{2}": "0.2",
    }
    # brackets that differ, or another shape, pair nothing
    assert aligned_numbers(r"(w_1 x_1 + b)", r"(0.15 \times 0.05) + 0.3", NOTATION) is None
    assert aligned_numbers(r"\sigma(z)", r"0.5", NOTATION) is None


@pytest.mark.parametrize(
    "step",
    [
        r"-(target_{o1} - out_{o1}) = -(0.01 - 0.75136507)",  # target_{o1} from the E_{o1} row
        r"w_5 - \eta * \frac{\partial E_{total}}{\partial w_{5}} = 0.4 - 0.5 * 0.082167041",  # w_5 from the net row
        r"w_5 = 0.40",  # restated
        r"\frac{1}{2}(target_{o2} - out_{o1})^2 = \frac{1}{2}(0.99 - 0.75136507)^2",  # target_{o2} given here
    ],
)
def test_a_step_with_placed_values_is_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        # a slip in out_{o1}, but target_{o1}'s value was read from a row's order: not wrong
        r"-(target_{o1} - out_{o1}) = -(0.01 - 0.75136587)",
        # the weight written first: w_5 x out_{h1} put in as out_{h1} x w_5 is no slip
        r"w_5 * out_{h1} = 0.593269992 * 0.4",
        # a new value for w_5 (an update): an assignment, not a restatement
        r"w_5 = 0.35891648",
    ],
)
def test_a_step_with_placed_values_is_never_wrong(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status != "wrong", message


def test_a_value_given_by_the_step_itself_does_not_confirm_it(runner: StepRunner) -> None:
    status, message = _last(r"w_6^{+} = 0.408666186", runner)
    assert status == "inconclusive", message


#: two examples in one document, the second with other weights put in the same formula
TWO_EXAMPLES = r"""
$$z1 = w1 \times x1 + b1$$

$$z1 = 0.15 \times 0.05 + 0.35 = 0.3575$$

For the second example the weights are others:

$$z1 = w1 \times x1 + b1$$

$$z1 = 0.5 \times 1 + 0.1 = 0.6$$

"""


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{1}{1 + e^{-z1}} = \frac{1}{1 + e^{-0.6}}",  # z1 has two values
        r"w1 - 0.1 \times 0.2 = 0.5 - 0.1 \times 0.2",  # w1 of the second example
        r"w1 \times x1 = 0.5 \times 1",
    ],
)
def test_a_second_example_is_never_wrong(step: str, runner: StepRunner) -> None:
    report = check_text(TWO_EXAMPLES + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.status != "wrong", result.message


def test_the_first_example_is_still_judged(runner: StepRunner) -> None:
    doc = TWO_EXAMPLES.split("For the second")[0]
    report = check_text(doc + "$$ w1 \\times x1 = 0.15 \\times 0.05 $$\n", NOTATION, runner=runner, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message
