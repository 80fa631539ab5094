r"""A name a worked example computed, written again as the arithmetic of its numbers
(checks/latex/restated_arithmetic.py): ``z_{y1} = (0.6687 \times 0.40) + (0.6797 \times 0.45)``
after ``z_{y1} = (H1 \times w_5) + (H2 \times w_6)``. Ok within the rounding of the values
written; a slip (a value from the wrong unit, a sign, a drifted sum) is never ok, and never called
wrong by this reading either (the numbers may give the name a new value)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.numeric_values import NumericValue
from derive.checks.latex.restated_arithmetic import restated_arithmetic

NOTATION = load_notation()

EXAMPLE = r"""
- Weights: \( w_5 = 0.40 \), \( w_6 = 0.45 \)

$$ H1 = \sigma(0.7025) = \frac{1}{1 + e^{-0.7025}} \approx 0.6687 $$

$$ H2 = \sigma(0.7525) = \frac{1}{1 + e^{-0.7525}} \approx 0.6797 $$

$$ z_{y1} = (H1 \times w_5) + (H2 \times w_6) $$

"""


def _last(step: str, runner: StepRunner, example: str = EXAMPLE) -> tuple[str, str]:
    report = check_text(example + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == example.count("\n") + 1
    return result.status, result.message


@pytest.mark.parametrize(
    "step",
    [
        r"z_{y1} = (0.6687 \times 0.40) + (0.6797 \times 0.45)",  # the numbers put in
        r"z_{y1} = 0.2675 + 0.3059",  # the products, each printed to four places
        r"z_{y1} = 0.2674 + 0.3059",  # one unit off in a printed product: the author's rounding
        r"(0.6687 \times 0.40) + (0.6797 \times 0.45) = z_{y1}",  # the name on the right
    ],
)
def test_the_numbers_that_give_a_name_its_value_are_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        r"z_{y1} = (0.6687 \times 0.45) + (0.6797 \times 0.40)",  # each value put in for the other weight
        r"z_{y1} = (0.6687 \times 0.40) - (0.6797 \times 0.45)",  # a sign flipped
        r"z_{y1} = (0.6687 \times 0.40) \times (0.6797 \times 0.45)",  # a product for a sum
        r"z_{y1} = 0.2675 + 0.3159",  # a sum far beyond rounding
    ],
)
def test_a_slip_in_the_numbers_is_never_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status not in ("ok", "wrong"), message  # never ok; a new value may be meant, so not wrong


@pytest.mark.parametrize(
    "step",
    [
        r"H1 \times w_5 = 0.6687 \times 0.40 = 0.2875",  # a wrong product (0.26748)
        r"H1 \times w_5 = -0.6687 \times 0.40",  # a sign flipped, the values written
    ],
)
def test_a_slip_beside_this_reading_is_found(step: str, runner: StepRunner) -> None:
    # the judges of numbers (rounded_numbers, numeric_values) still find these in the same example
    status, message = _last(step, runner)
    assert status == "wrong", message


def test_a_reassigned_name_is_read_at_its_latest_value(runner: StepRunner) -> None:
    example = EXAMPLE + r"""
$$ h = \sigma(0.7025) \approx 0.6687 $$

$$ h = \sigma(0.7525) \approx 0.6797 $$

"""
    status, message = _last(r"h = 0.6797 \times 1.0", runner, example)
    assert status == "ok", message
    status, message = _last(r"h = 0.6687 \times 1.0", runner, example)  # the first value: not judged
    assert status not in ("ok", "wrong"), message


def _value(name: str, value: str, unit: str, at: tuple[int, int]) -> NumericValue:
    import sympy as sp

    return NumericValue(name, sp.Rational(value), sp.Rational(unit), at, value)


@pytest.mark.parametrize(
    ("lhs", "rhs", "expected"),
    [
        (r"a", r"0.5 \times 0.25", "ok"),  # exact inputs, exact value
        (r"a", r"0.5 \times 0.26", None),  # exact inputs: 0.13 is no rounding of 0.125
        (r"a", r"0.125", None),  # a bare number: substituted_values.restated's, not this
        (r"b", r"0.5 \times 0.25", None),  # no value before the step
        (r"a", r"a \times 1.0", None),  # a side with a name is no number side
    ],
)
def test_restated_arithmetic_table(lhs: str, rhs: str, expected: str | None) -> None:
    latest = {"a": _value("a", "0.125", "0", (1, 0)), "b": _value("b", "0.125", "0", (9, 0))}
    got = restated_arithmetic(lhs, rhs, NOTATION, latest, (5, 0))
    assert (got["status"] if got else None) == expected, got


UPDATE = r"""
$$
net_{o1} = w_5 * out_{h1} + w_6 * out_{h2} + b_2 * 1
$$

$$
net_{o1} = 0.4 * 0.593269992 + 0.45 * 0.596884378 + 0.6 * 1 = 1.105905967
$$

$$
\frac {\partial E_{total}}{\partial w5} = 0.74136507 * 0.186815602 * 0.593269992 = 0.082167041
$$

To decrease the error, we subtract this value (multiplied by a learning rate, eta, which we'll set to 0.5):

$$
\begin{align}
w_5^+ &= w_5 - \eta \frac{\partial E_{total}}{\partial w_5} \\ \\
&= 0.4 - 0.5 * 0.082167041 \\ \\
&= 0.35891648
\end{align}
$$
"""


def _at_line(text: str, line: int, runner: StepRunner) -> tuple[str, str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == line]
    return result.status, result.message


def test_a_derivative_by_a_glued_variable_gives_its_value(runner: StepRunner) -> None:
    # ∂E/∂w5 = … = 0.082167041 is the value of the ∂E/∂w_5 the update puts in (numeric_derivatives)
    line = UPDATE.splitlines().index(r"&= 0.4 - 0.5 * 0.082167041 \\ \\") + 1
    status, message = _at_line(UPDATE, line, runner)
    assert status == "ok", message


def test_a_sign_slip_in_the_update_is_not_ok(runner: StepRunner) -> None:
    slipped = UPDATE.replace(r"&= 0.4 - 0.5 * 0.082167041", r"&= 0.4 + 0.5 * 0.082167041")
    line = slipped.splitlines().index(r"&= 0.4 + 0.5 * 0.082167041 \\ \\") + 1
    status, message = _at_line(slipped, line, runner)
    assert status != "ok", message
    # … and the number it ends in is found wrong
    status, message = _at_line(slipped, line + 1, runner)
    assert status == "wrong", message
