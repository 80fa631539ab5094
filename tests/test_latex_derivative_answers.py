r"""Answers written as ``f = f'`` below a prompt for derivatives (checks/latex/derivative_answers.py):
``a) $y = x^3 + x - 5 = 3x^2 + 1$`` under "Derivative of $y$ with respect to $x$, if" is the sheet's
answer, not a false equation; a wrong answer, or the same step where no derivative is asked for,
stays wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.derivative_answers import derivative_variable
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# the shape of rxxxxxxb's NLP Assignment-1.md, Task 2
SHEET = "\n".join(
    [
        "## Task 2 : PROMPT",
        "",
        r"PROMPT of $y$ with respect to $x$ , if",
        "",
        r"a) $y = x^3 + x - 5 = ANSWER_A$",
        "",
        r"c) $\dfrac{2x^2+3}{8x+1} = ANSWER_C$",
        "",
    ]
)


def _verdicts(runner: StepRunner, prompt: str = "Derivative", a: str = "3x^2 + 1", c: str = "") -> dict[int, str]:
    c = c or r"\dfrac{4\left(4x^2+x-6\right)}{\left(8x+1\right)^2}"
    text = SHEET.replace("PROMPT", prompt).replace("ANSWER_A", a).replace("ANSWER_C", c)
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    # the last step of each line: the answer (y = x³ + x − 5 is a definition of y)
    return {r.step.line: r.status for r in report.results}


def test_an_answer_that_is_the_derivative_is_not_wrong(runner: StepRunner) -> None:
    verdicts = _verdicts(runner)
    assert verdicts[5] == "inconclusive" and verdicts[7] == "inconclusive", verdicts


@pytest.mark.parametrize(("a", "c"), [("3x^2 + 2", r"\frac{4x}{8x+1}"), ("3x^2", r"\frac{32 x^2}{(8x+1)^2}")])
def test_a_wrong_derivative_stays_wrong(a: str, c: str, runner: StepRunner) -> None:
    verdicts = _verdicts(runner, a=a, c=c)
    assert verdicts[5] == "wrong" and verdicts[7] == "wrong", verdicts


def test_without_a_prompt_for_derivatives_the_equation_is_read_as_written(runner: StepRunner) -> None:
    verdicts = _verdicts(runner, prompt="Simplify")
    assert verdicts[5] == "wrong" and verdicts[7] == "wrong", verdicts


def test_the_variable_an_answer_differentiates_by() -> None:
    assert derivative_variable("x^3 + x - 5", "3x^2 + 1", NOTATION) == "x"
    assert derivative_variable(r"\sigma(z)", r"\sigma(z)(1 - \sigma(z))", NOTATION) == "z"
    assert derivative_variable("a x^2", "2 a x", NOTATION) == "x"
    assert derivative_variable("x^3", "3x", NOTATION) is None
    assert derivative_variable(r"\frac{d}{dx} x^2", "2", NOTATION) is None  # writes its derivative already
    assert derivative_variable("5", "0", NOTATION) is None  # a number has no variable
    assert derivative_variable(r"\sigma'(x)", r"\sigma'(x)(1 - 2\sigma(x))", NOTATION) is None
