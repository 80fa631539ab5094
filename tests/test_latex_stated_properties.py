r"""A property a document states of a matrix and then uses (stated_properties.py): after ``P^2 = … = P``,
``I - 2P + P^2 = I - P`` is not wrong; without it, it is."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stated_properties import stated_idempotents

NOTATION = load_notation()

# SaddySamoyed/cse-545_ML-notes fuzhu.tex (the twelfth hunt, left open then): PCA's projection
PROVED = "$$P^T = (UU^T)^T = UU^T = P \\quad\\text{and}\\quad P^2 = (UU^T UU^T) = UU^T = P$$\n\n"
STEP = "$$(I - P)^T (I - P) = I - 2P + P^2 = I - P$$\n"


def test_a_chain_from_a_square_to_its_letter_states_the_property() -> None:
    assert stated_idempotents(extract(PROVED, markdown=True)) == {"P": 1}
    assert stated_idempotents(extract("$$P^2 = 2P$$\n", markdown=True)) == {}


def test_a_step_that_uses_the_stated_property_is_not_wrong(runner: StepRunner) -> None:
    result = check_text(PROVED + STEP, NOTATION, runner=runner, markdown=True).results[-1]
    assert result.status == "inconclusive" and "P^2 = P" in result.message, result.message


def test_without_the_property_the_step_is_wrong(runner: StepRunner) -> None:
    assert check_text(STEP, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"
    # with it, a step false even for a projection stays wrong
    wrong = PROVED + "$$I - 2P + P^2 = I + P$$\n"
    assert check_text(wrong, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"
