"""A step refuted only at equal index values, holding with them apart, is not called wrong
(distinct_indices.py); a program's 4.25e^{-13} read as scientific notation (scientific_e.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.distinct_indices import distinct_indices
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.scientific_e import near_enough, scientific_reading
from derive.checks.latex.steps import Step

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> dict[int, str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return {r.step.line: r.status for r in report.results}


def test_the_indices_made_distinct() -> None:
    step = Step(1, "a", "b", "=", "display", context="For not $i$ th item, denote by $z$")
    cex = {"point": {"d": "2", "i": "1", "z": "1"}, "indices": ["i", "z"]}
    assert distinct_indices(step, cex).conditions == ("i \\neq z",)
    assert distinct_indices(step, {"point": {"i": "1", "z": "2"}, "indices": ["i", "z"]}) is None
    stated = Step(1, "a", "b", "=", "display", conditions=("i = z",), context=step.context)
    assert distinct_indices(stated, cex) is None  # stated conditions were checked already
    silent = Step(1, "a", "b", "=", "display", context="Without a condition:")
    assert distinct_indices(silent, cex) is None  # claimed for every i and z: the δ_iz term forgotten


_DERIVATIVE = "\\frac{\\partial}{\\partial x_i}\\frac{e^{x_z}}{\\sum_j e^{x_j}}"
_OFF_DIAGONAL = (
    "For not $i$ th item, denote by $z$\n\n"
    f"$${_DERIVATIVE} = - \\frac{{e^{{x_z}} e^{{x_i}}}}{{(\\sum_j e^{{x_j}})^2}}$$\n\n"
    f"$${_DERIVATIVE} = \\frac{{e^{{x_z}} e^{{x_i}}}}{{(\\sum_j e^{{x_j}})^2}}$$\n"
)


def test_an_off_diagonal_case_with_its_condition_in_words(runner: StepRunner) -> None:
    # held-out 19 (minitorch notes): wrong at i = z = 1, the case the words exclude
    statuses = _statuses(_OFF_DIAGONAL, runner)
    assert statuses[3] == "inconclusive"
    assert statuses[5] == "wrong"  # the sign dropped: wrong with i and z apart too


def test_scientific_notation_typed_as_a_power_of_e(runner: StepRunner) -> None:
    step = scientific_reading(Step(1, "x", "4.25e^{-13} + 2e^{3} + 1.5e^2", "=", "display"))
    assert step is not None and step.rhs == "4.25 \\times 10^{-13} + 2e^{3} + 1.5 \\times 10^{2}"
    assert scientific_reading(Step(1, "x", "e^{-13}", "=", "display")) is None
    close = {"status": "wrong", "counterexample": {"point": {}, "lhs": "2551/5999999999997449", "rhs": "4.2514e-13"}}
    far = {**close, "counterexample": {**close["counterexample"], "rhs": "5e-13"}}
    assert near_enough(close) and not near_enough(far)
    # held-out 19 (a gradient-check notebook): the relative error printed by the program
    text = (
        "$$\\frac{(6 - 5.999999999994898)}{(6 + 5.999999999994898)} = 4.2514140356330737e^{-13}$$\n\n"
        "$$\\frac{(6 - 5.999999999994898)}{(6 + 5.999999999994898)} = 5.2514140356330737e^{-13}$$\n"
    )
    statuses = _statuses(text, runner)
    assert statuses[1] == "inconclusive" and statuses[3] == "wrong"
