r"""Twenty-eighth round: a worked example's results written again (checks/latex/restated_results.py).

A summary lists the gradients a worked example computed, ``\frac{\partial L}{\partial W^1} =
\begin{bmatrix} … \end{bmatrix}``: equal to the numbers the document's chain for that head ended
in, the step is ok; a copy slip is not ok (inconclusive, naming the entry); a head computed under a
condition, a lone integer, a transposed layout or a chain with a refuted link confirm nothing."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.restated_results import written_numbers

NOTATION = load_notation()

W2_ROW = r"\begin{bmatrix} -0.092 & -0.069 & 0.0 \end{bmatrix}"
W1_BLOCK = r"\begin{bmatrix} -0.023 & -0.046 \\ 0.0115 & 0.023 \\ 0 & 0 \end{bmatrix}"
EXAMPLE = (
    "A worked example.\n\n$$\n"
    + r"\frac{\partial L}{\partial W^2} = \delta^2 (a^1)^T = "
    + r"-0.1150 \cdot \begin{bmatrix} 0.8 & 0.6 & 0.0 \end{bmatrix} = "
    + W2_ROW
    + "\n$$\n\n$$\n"
    + r"\frac{\partial L}{\partial W^1} = \delta^1 x^T = "
    + r"\begin{bmatrix} -0.023 \\ 0.0115 \\ 0.0 \end{bmatrix} \begin{bmatrix} 1 & 2 \end{bmatrix}"
    + f"\n$$\n\n$$\n= {W1_BLOCK}\n$$\n\n$$\n"
    + r"\frac{\partial L}{\partial b^2} = \delta^2 = -0.4626 \cdot 0.2486 = -0.1150"
    + "\n$$\n\n## Summary\n\n"
)


def _summary(step: str, runner: StepRunner, example: str = EXAMPLE):
    report = check_text(f"{example}$$\n{step}\n$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1]


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial L}{\partial W^2} = \begin{bmatrix} -0.092 & -0.069 & 0 \end{bmatrix}",
        r"\frac{\partial L}{\partial W^1} = " + W1_BLOCK.replace("0 & 0", "0.0 & 0.0"),
        r"\frac{\partial L}{\partial b^2} = -0.115",
        # fewer places, another environment
        r"\frac{\partial L}{\partial W^{2}} = \left(\begin{matrix} -0.09 & -0.07 & 0 \end{matrix}\right)",
    ],
)
def test_a_result_written_again_is_ok(step: str, runner: StepRunner) -> None:
    result = _summary(step, runner)
    assert result.status == "ok", result.message
    assert "the value the document computed" in result.message


@pytest.mark.parametrize(
    ("step", "entry"),
    [
        (r"\frac{\partial L}{\partial W^2} = " + W2_ROW.replace("-0.069", "-0.096"), "row 1, column 2"),
        (r"\frac{\partial L}{\partial W^1} = " + W1_BLOCK.replace("0 & 0", "0 & 0.1"), "row 3, column 2"),
        (r"\frac{\partial L}{\partial b^2} = 0.1150", "-0.1150"),  # the minus dropped
    ],
)
def test_a_copy_slip_is_not_ok(step: str, entry: str, runner: StepRunner) -> None:
    result = _summary(step, runner)
    assert result.status == "inconclusive", result.message
    assert entry in result.message


def test_before_the_computation_nothing_is_confirmed(runner: StepRunner) -> None:
    step = r"\frac{\partial L}{\partial W^3} = \begin{bmatrix} -0.092 & -0.069 & 0 \end{bmatrix}"  # another head
    assert _summary(step, runner).status != "ok"
    early = "$$\n" + r"\frac{\partial L}{\partial W^2} = \begin{bmatrix} -0.092 & -0.069 & 0 \end{bmatrix}" + "\n$$\n\n"
    result = check_text(early + EXAMPLE, NOTATION, runner=runner, examples=30, markdown=True).results[0]
    assert result.status != "ok"


def test_another_shape_is_not_the_value(runner: StepRunner) -> None:
    step = r"\frac{\partial L}{\partial W^2} = \begin{bmatrix} -0.092 \\ -0.069 \\ 0 \end{bmatrix}"  # a column
    assert "the value the document computed" not in _summary(step, runner).message


def test_a_refuted_chain_confirms_nothing(runner: StepRunner) -> None:
    wrong = EXAMPLE.replace(W2_ROW, W2_ROW.replace("-0.092", "-0.92"))
    first = check_text(wrong, NOTATION, runner=runner, examples=30, markdown=True).results
    assert any(r.status == "wrong" for r in first if r.step.line == 4)
    step = r"\frac{\partial L}{\partial W^2} = \begin{bmatrix} -0.92 & -0.069 & 0 \end{bmatrix}"
    assert _summary(step, runner, wrong).status != "ok"


def test_a_lone_integer_or_a_case_is_not_a_result(runner: StepRunner) -> None:
    cases = r"""$$
\frac{\partial a}{\partial z} = \begin{cases} 1 - 1 = 0 & z > 0 \\ 0 & z \le 0 \end{cases}
$$

$$
\frac{\partial L}{\partial u} = 3 - 3 = 0
$$

"""
    assert _summary(r"\frac{\partial L}{\partial u} = 0", runner, cases).status != "ok"


def test_written_numbers_reads_numbers_only() -> None:
    assert written_numbers(r"\begin{bmatrix} -0.023 \\ .5 \\ 0 \end{bmatrix}") is not None
    grid, units = written_numbers(r"\left( \begin{matrix} 1.50 & -2 \end{matrix} \right)") or ((), ())
    assert [[str(x) for x in row] for row in grid] == [["1.50", "-2"]]
    assert [[str(u) for u in row] for row in units] == [["0.01", "0"]]
    unread = (r"\begin{bmatrix} x_1 \\ 0.5 \end{bmatrix}", r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}")
    unread += ("0.5x", r"\frac{1}{2}")
    assert all(written_numbers(side) is None for side in unread)
