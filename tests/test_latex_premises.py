r"""A name set to a number before an implication arrow is a case supposed (checks/latex/steps.py
premise, _leading_condition; doc_definitions): held-out 28's Vietnamese lesson (hnhoangdz) writes
"Nếu $y = 1 => L = -\log(\hat{y})$" and "Nếu $y = 0 => L = -\log(1 - \hat{y})$". Read as values, y
had two and every later step through L was held back; the cases are conditions of what follows."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import find_steps

NOTATION = load_notation()
# the loss on a line of its own: a display (after words, "$$…$$" is kramdown's inline math, not a step)
LOSS = "The loss is\n\n$$L = -(y\\log(\\hat{y}) + (1-y)\\log({1-\\hat{y}}))$$\n\n"


def _results(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [(r.step.lhs.strip(), r.status) for r in report.results]


def test_the_premise_is_the_condition_of_what_follows() -> None:
    (step,) = [s for s in find_steps("Nếu $y = 0 => L = -\\log{(1 - \\hat{y})}$", NOTATION, markdown=True)]
    assert (step.lhs, step.conditions) == ("L", ("y = 0",))


def test_each_case_is_judged_under_its_premise(runner: StepRunner) -> None:
    text = LOSS + "-- Nếu $y = 1 => L = -\\log{(\\hat{y})}$\n\n-- Nếu $y = 0 => L = -\\log{(1 - \\hat{y})}$\n"
    assert _results(text, runner)[1:] == [("L", "ok"), ("L", "ok")]
    slip = LOSS + "-- Nếu $y = 0 => L = -\\log{(\\hat{y})}$\n"  # the y = 1 case's value under y = 0
    assert _results(slip, runner)[-1] == ("L", "wrong")


def test_a_number_supposed_is_used_and_a_formula_before_an_arrow_is_not_a_premise(runner: StepRunner) -> None:
    assert _results("$$x = 2 \\Rightarrow x^2 = 4$$\n", runner) == [("x^2", "ok")]
    assert _results("$$x = 2 \\Rightarrow x^2 = 5$$\n", runner) == [("x^2", "wrong")]
    # u = -z ⇒ … states a claim of its own, as before
    assert [lhs for lhs, _ in _results("$$u = -z \\Rightarrow u^2 = z^2$$\n", runner)] == ["u", "u^2"]


def test_the_case_supposed_wins_over_a_number_the_page_gave(runner: StepRunner) -> None:
    # the same lesson's figure caption "Visualize Loss với $y = 1$" gives y a number before the
    # second case: under y = 0 the step is judged with y = 0, not the caption's 1 (idle_conditions)
    caption = "Figure: the loss with $y = 1$.\n\n"
    case = LOSS + caption + "-- Nếu $y = 0 => L = -\\log{(1 - \\hat{y})}$\n"
    assert _results(case, runner)[-1] == ("L", "ok")
    slip = LOSS + caption + "-- Nếu $y = 0 => L = -\\log{(\\hat{y})}$\n"
    assert _results(slip, runner)[-1] == ("L", "wrong")
