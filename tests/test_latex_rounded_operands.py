r"""Values a worked example rounded, put into a formula (checks/latex/rounded_operands.py): the
example rounds a = σ(0.95) = 0.72112 to 0.721 and writes ∂a/∂z = 0.721·(1 − 0.721). Compared exactly
with σ'(0.95) the sides differ; to the rounding of the values put in they agree. A slip beyond that
rounding, and any slip in numbers that are no rounded value of the document (inputs), stays wrong.
Also: a result set in bold (``\mathbf{0.95}``, written_forms.bold_numbers) is the number."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: the worked example of held-out 10's Spanish page, reduced: z exact, a rounded with \approx
EXAMPLE = r"""
$$z = 0.15 + 0.7 + 0.1 = 0.95$$

$$a = \frac{1}{1 + e^{-z}} \approx 0.721$$

"""


def _last(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(EXAMPLE + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == EXAMPLE.count("\n") + 1
    return result.status, result.message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial a}{\partial z} = 0.721 \cdot (1 - 0.721)",
        r"\frac{\partial a}{\partial z} = 0.72 (1 - 0.72)",  # rounded to two places
        r"\frac{1}{1 + e^{-0.95}} \cdot 2 = 0.721 \cdot 2",
    ],
)
def test_rounded_numbers_put_in_are_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "ok", message
    assert "rounding of the values" in message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial a}{\partial z} = 0.721 \cdot (1 + 0.721)",  # a sign slip
        r"\frac{\partial a}{\partial z} = 0.721 \cdot 0.721",  # the 1 - dropped
        r"\frac{1}{1 + e^{-0.95}} \cdot 2 = 0.821 \cdot 2",  # a wrong digit
        r"\frac{\partial a}{\partial z} = 0.712 \cdot (1 - 0.712)",  # two digits swapped: no value of a
        r"\frac{\partial a}{\partial z} = 0.2 \cdot (1 - 0.7)",  # inputs, not rounded values: exact
    ],
)
def test_a_slip_beyond_the_rounding_is_wrong(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "wrong", message


def test_a_bold_result_is_the_number(runner: StepRunner) -> None:
    status, message = _last(r"0.15 + 0.7 + 0.1 = \mathbf{0.95}", runner)
    assert status == "ok", message
    status, message = _last(r"0.15 + 0.7 + 0.1 = \mathbf{0.85}", runner)
    assert status == "wrong", message


def test_a_bold_value_is_a_value(runner: StepRunner) -> None:
    r"""``a \approx \mathbf{0.721}``: the value numeric_values takes, so its rounding is allowed."""
    text = r"$$z = 0.95$$" + "\n\n" + r"$$a = \frac{1}{1 + e^{-z}} \approx \mathbf{0.721}$$" + "\n\n"
    text += r"$$ \frac{\partial a}{\partial z} = 0.721 \cdot (1 - 0.721) $$" + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message


def test_a_result_of_no_name_and_a_long_literal_are_rounded_values(runner: StepRunner) -> None:
    """held-out 11's homework: ``e^{-2} \\approx 0.1353`` in prose, then σ(2) = 1/(1 + 0.1353) and
    σ(2) = 1/1.1353 (four significant digits and more: a rounded number); a slip there stays wrong."""
    text = "Approximating \\( e^{-2} \\approx 0.1353 \\):\n\n"
    for step, status in [
        (r"\sigma(2) = \frac{1}{1 + 0.1353}", "ok"),
        (r"\sigma(2) = \frac{1}{1.1353}", "ok"),
        (r"\sigma(2) = \frac{1}{1 - 0.1353}", "wrong"),
        (r"\sigma(2) = \frac{1}{1.1853}", "wrong"),
    ]:
        report = check_text(text + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
        assert report.results[-1].status == status, (step, report.results[-1].message)


def test_rounded_values_against_the_documents_inputs(runner: StepRunner) -> None:
    r"""Sixteenth hunt (a blog's worked example): with z = 1.0 given and h = σ(z) = 0.7311 rounded,
    ``\sigma(z)(1-\sigma(z)) = 0.7311 \times (1-0.7311)`` is judged with z put in (numeric_values),
    0.19661 against 0.19659: the rounding of 0.7311 explains it, so it is ok. A slip beyond that
    rounding (a sign, a wrong digit) stays wrong."""
    text = "Let $z = 1.0$ and $h = \\sigma(z) = 0.7311$.\n\n"
    for step, status in [
        (r"\sigma(z)(1-\sigma(z)) = 0.7311 \times (1-0.7311)", "ok"),
        (r"\sigma(z)(1-\sigma(z)) = 0.7311 \times (1+0.7311)", "wrong"),
        (r"\sigma(z)(1-\sigma(z)) = 0.7411 \times (1-0.7411)", "wrong"),
    ]:
        report = check_text(text + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
        assert report.results[-1].status == status, (step, report.results[-1].message)
