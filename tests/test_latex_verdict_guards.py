"""Guards on a ``wrong`` that the writing leaves open (checks/latex/verdict_guards.py): the eighteenth
hunt's Learning-From-Data solutions, "separate the cases for $y_n=1$ and $y_n=-1$", had the second
case refuted under the first as its condition."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> dict[str, str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return {f"{r.step.lhs.strip()} = {r.step.rhs.strip()}": r.status for r in report.results}


def test_two_cases_named_side_by_side_are_not_a_claim(runner: StepRunner) -> None:
    text = "To derive it, separate the cases for $y_n=1$ and $y_n=-1$ in the likelihood.\n"
    assert _statuses(text, runner)["y_n = -1"] == "inconclusive"


def test_a_claim_under_a_case_is_still_judged(runner: StepRunner) -> None:
    # the same condition with a claim about something else, or about a power of the name: still wrong
    text = "For $y_n = 1$ we get $y_n^2 = 2$, and for $y_n = 1$ also $3 y_n = 4$.\n"
    statuses = _statuses(text, runner)
    assert statuses["y_n^2 = 2"] == "wrong"
    assert statuses["3 y_n = 4"] == "wrong"


def test_an_operator_whose_first_term_lacks_its_variable_takes_the_whole_sum(runner: StepRunner) -> None:
    # koerbitz, datamapu (held-out 12): ∂/∂b of w x + b, unbracketed; ∂(w x)/∂b alone was not read
    text = "$$\\frac{\\partial}{\\partial c} w x + c = 1$$\n\n$$\\frac{\\partial}{\\partial c} w x + c = 0$$\n"
    statuses = _statuses(text, runner)
    assert statuses["\\frac{\\partial}{\\partial c} w x + c = 1"] == "ok"
    # the wrong twin: refuted read as the whole sum, but never wrong (the first term alone is unread)
    assert statuses["\\frac{\\partial}{\\partial c} w x + c = 0"] == "inconclusive"


def _line_status(text: str, line: int, runner: StepRunner) -> str:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=False)
    return next(r.status for r in report.results if r.step.line == line)


def test_a_condition_about_names_the_step_never_writes_holds_nothing_back(runner: StepRunner) -> None:
    # Q_k = 1 on a later row names k, the sum's index, but not one name of the step: the expansion's
    # a^4 (for a^2) is wrong whatever Q_k is (held-out 44's ece421 88: B_i = 1 held back (w²x)²)
    block = (
        "\\begin{align*}\nE(a) &= \\sum_{k = 1}^{n} (a u_k - v_k)^2 \\\\\n"
        "&= \\sum_{k = 1}^{n} \\left[ a^%s u_k^2 - 2 a u_k v_k + v_k^2 \\right] \\\\\n"
        "\\implies P_k &= u_k^2, Q_k = 1, R_k = -2 u_k v_k\n\\end{align*}\n"
    )
    assert _line_status(block % "4", 3, runner) == "wrong"
    assert _line_status(block % "2", 3, runner) == "ok"  # the right expansion stays ok
    # a condition naming the sum's index and the step's own names still holds a difference back:
    # tests/test_latex_hunted_false_alarms.py, "When $i = j$" before a sum over j (unchanged)

