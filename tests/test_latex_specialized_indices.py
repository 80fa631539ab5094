r"""A step that specializes a free index to the numbers its other side writes
(checks/latex/specialized_indices.py): the seventeenth hunt's rerun found a Chinese note's
``\frac{e^{z_i}}{\sum_c e^{z_c}} = \frac{e^{z_1}}{e^{z_1} + e^{z_2}}`` (softmax of two classes, the
case i = 1) called wrong at i = 2."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.specialized_indices import specialized_indices
from derive.checks.latex.steps import Step

NOTATION = load_notation()
SOFTMAX = r"\frac{e^{z_i}}{\sum_{c=1}^2 e^{z_c}}"


def _status(rhs: str, runner: StepRunner) -> tuple[str, str]:
    (result,) = check_text(f"$${SOFTMAX} = {rhs}$$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status, result.message


def test_the_case_the_other_side_writes_is_tried() -> None:
    step = Step(1, SOFTMAX, r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}}", "=", "display")
    readings = specialized_indices(step, {"where": "i = 2"})
    assert [r.conditions for r, _ in readings] == [("i = 1",), ("i = 2",)]
    # an index both sides write, or none of the family at a number, gives no reading
    assert specialized_indices(Step(1, "x_i", "x_i + 0", "=", "display"), {"where": "i = 2"}) == []
    assert specialized_indices(Step(1, "x_i", "y_1", "=", "display"), {"where": "i = 2"}) == []


def test_a_specialized_case_is_not_called_wrong_and_a_slip_in_it_is(runner: StepRunner) -> None:
    status, message = _status(r"\frac{e^{z_1}}{e^{z_1} + e^{z_2}}", runner)
    assert status == "inconclusive" and "i = 1" in message, message
    assert _status(r"\frac{e^{z_1}}{e^{z_1} - e^{z_2}}", runner)[0] == "wrong"  # wrong at i = 1 and 2
