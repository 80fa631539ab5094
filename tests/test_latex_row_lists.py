"""Numeric worked examples with lists, matrices written out and traces (checks/latex/row_lists.py,
rounded_numbers.py, typed_atoms._plain_trace): a list is a row where a product needs a matrix
operand and the shapes then fit; an arithmetic slip is wrong with the entry that differs; shapes
that do not fit the row reading, and products of two lists, are not judged. The right steps are
the forms of tests/data/latex_heldout3/numeric_backprop_zh_kaifeng.md and
latex_heldout5/hw_backprop_csc413_ruyiq.md; the wrong ones are slips planted in them."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
W = r"\begin{bmatrix}0.5 & 0.6 \\ 0.7 & 0.8\end{bmatrix}"
COLUMN = r"\begin{bmatrix}0.0045 \\ 0.0004\end{bmatrix}"
TRACE = r"tr(\begin{pmatrix}192&24&0\\ 24&3&0\\ 0&0&0\end{pmatrix})"


def _result(step: str, runner: StepRunner) -> tuple[str, str]:
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status, result.message


RIGHT = [
    rf"[1, 2] \cdot {W} + [0.1, 0.2] = [1 \times 0.5 + 2 \times 0.7 + 0.1, \, 1 \times 0.6 + 2 \times 0.8 + 0.2]",
    rf"[1, 2] \cdot {W} + [0.1, 0.2] = [2.0, 2.4]",
    r"[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3 = 0.8808 \times 0.9 + 0.9084 \times 0.1 + 0.3",
    r"[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3 = 1.1835",  # 1.18356…: to the places written
    rf"{COLUMN} \cdot [1, 2] = \begin{{bmatrix}}0.0045 \times 1 & 0.0045 \times 2 \\ 0.0004 \times 1 & 0.0004 \times 2"
    r"\end{bmatrix}",
    rf"{COLUMN} \cdot [1, 2] = \begin{{bmatrix}}0.0045 & 0.009 \\ 0.0004 & 0.0008\end{{bmatrix}}",
    r"(1, 2) \begin{pmatrix}0.5 & 0.6 \\ 0.7 & 0.8\end{pmatrix} = (1.9, 2.2)",
    r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix} [1, 1]^T = [3, 7]",  # a column result, a list written
    rf"{TRACE} = 192+3+0",
    r"0.0478 \times [0.9, 0.1] = [0.0430, 0.0048]",  # a scaled tuple, rounded entry by entry
]


@pytest.mark.parametrize("step", RIGHT)
def test_a_right_numeric_step_is_ok(step: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "ok", message


SLIPS = [
    # (step, what the message names)
    (rf"[1, 2] \cdot {W} + [0.1, 0.2] = [1 \times 0.5 + 2 \times 0.6 + 0.1, \, 1 \times 0.6 + 2 \times 0.8 + 0.2]",
     "entry (1, 1)"),
    (rf"[1, 2] \cdot {W} + [0.1, 0.2] = [2.0, 4.2]", "entry (1, 2)"),  # 2.5 would be within a unit
    (r"[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3 = 0.8808 \times 0.1 + 0.9084 \times 0.9 + 0.3", "1.18356"),
    (r"[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3 = 1.1853", "1.1853"),  # two digits swapped
    (rf"{COLUMN} \cdot [1, 2] = \begin{{bmatrix}}0.0045 & 0.0009 \\ 0.0004 & 0.0008\end{{bmatrix}}", "entry (1, 2)"),
    (r"\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix} [1, 1]^T = [3, 8]", "entry (2, 1)"),
    (rf"[1, 2] \cdot {W} + [0.1, 0.2] = [2.0104, 2.4]", "entry (1, 1)"),  # weighed by its own four places
    (rf"{TRACE} = 192+4+0", "195"),
]


@pytest.mark.parametrize(("step", "named"), SLIPS)
def test_an_arithmetic_slip_is_wrong_at_its_entry(step: str, named: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "wrong" and named in message, message


@pytest.mark.parametrize(
    "step",
    [
        r"[0.8808, 0.9084] \cdot [0.9, 0.1]^T + 0.3 = 1.1837",  # 1.4 units of the fourth place
        rf"[1, 2] \cdot {W} + [0.1, 0.2] = [2.0004, 2.4]",
        r"0.0478 \times [0.9, 0.1] = [0.0430, 0.0045]",
        # the row reading does not fit: a guess that failed, not the writer's error
        r"[1, 2] \cdot \begin{bmatrix}0.5 & 0.6 & 1 \\ 0.7 & 0.8 & 1 \\ 1 & 1 & 1\end{bmatrix} = [1, 2, 3]",
        r"[1, 2]^T [3, 4] = 11",  # an outer product as rows, a dot product as columns
    ],
)
def test_rounding_or_an_unfit_reading_stays_inconclusive(step: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "inconclusive", message


def test_a_product_of_two_lists_is_not_read(runner: StepRunner) -> None:
    status, message = _result(r"[1, 2] \cdot [3, 4] = 12", runner)  # dot product or entrywise: not said
    assert status == "unparsed", message
