r"""A definition whose writing leaves a slash's scope open (checks/latex/loose_definitions.py):
``C=1/2(y−t)^2`` may mean 1/(2(y−t)²) (parse_latex's reading) or (1/2)(y−t)²; a wrong step that
uses the name and holds under the second reading is inconclusive, one wrong under both stays wrong."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: JoKerDii/machine-learning-notes docs/Unit3/prob1.md (commit 792ec74d420929129a47d1d4adc5d93c89c5146b)
QUIZ = (
    "> The loss function is the quadratic loss: $C=1/2(y−t)^2$, where $y$ is the prediction and $t$ is the target.\n"
    ">\n> * $z_2 = w_2a_1 + b$\n> * $y = \\sigma (z_2)$\n> * CLAIM\n"
)


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


def test_a_restatement_of_a_loosely_written_definition_is_not_wrong(runner: StepRunner) -> None:
    # "$C = \frac{1}{2}(y - t)^2$" was 'wrong' against C=1/2(y−t)^2 read as 1/(2(y−t)^2)
    status, message = _last(QUIZ.replace("CLAIM", "$C = \\frac{1}{2}(y - t)^2$"), runner)
    assert status == "inconclusive" and "with a product after a slash" in message, message


def test_a_derivative_that_holds_under_the_other_reading_is_not_wrong(runner: StepRunner) -> None:
    text = "The quadratic loss: $C=1/2(y−t)^2$.\n\n$$\\frac{\\partial C}{\\partial y} = STEP$$\n"
    status, message = _last(text.replace("STEP", "y - t"), runner)
    assert status == "inconclusive" and "read as (a/b)·c" in message, message
    # wrong under both readings of the definition: still wrong
    assert _last(text.replace("STEP", "2(y - t)"), runner)[0] == "wrong"


def test_a_definition_written_with_a_fraction_is_judged_as_before(runner: StepRunner) -> None:
    text = "The quadratic loss: $C=\\frac{1}{2(y−t)^2}$.\n\n$$\\frac{\\partial C}{\\partial y} = y - t$$\n"
    assert _last(text, runner)[0] == "wrong"
