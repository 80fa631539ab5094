r"""The thirty-fourth blind held-out set (tests/data/latex_heldout34): a worked example gives a name a
number and then its formula, "the loss $L = 9$" and later "since $L = d^2$, $\frac{\partial
L}{\partial d} = 2d$" (backpropagation_ko_choigpt.md). A derivative of L needs L as a function: in a
step that differentiates, the name's latest formula stands for it (checks/latex/reassigned_formulas.py).
The name still has two values, so only ``ok`` comes of it: a wrong derivative stays inconclusive."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
#: a worked example's number for L, then its formula, then a derivative of L (right side to fill in)
_EXAMPLE = (
    "Values: $$ d = -3 $$, the loss $$ L = 9 $$.\n\n"
    "Since $$ L = d^2 $$, $$ \\frac{{\\partial L}}{{\\partial d}} = {} $$.\n"
)


def _statuses(text: str, runner: StepRunner) -> dict[str, str]:
    results = check_text(text, NOTATION, runner=runner, markdown=True).results
    return {f"{r.step.lhs} = {r.step.rhs}": r.status for r in results}


def test_a_derivative_after_a_number_then_a_formula_is_read(runner: StepRunner) -> None:
    text = _EXAMPLE.format("2d")
    statuses = _statuses(text, runner)
    assert statuses[r"\frac{\partial L}{\partial d} = 2d"] == "ok"
    assert statuses["L = d^2"] == "inconclusive"  # the formula line itself is still a new assignment


def test_the_latest_formula_is_the_one_used(runner: StepRunner) -> None:
    text = (
        "First $$ L = 9 $$ and $$ L = d^2 $$.\n\nThen $$ L = 4 $$ and $$ L = 3 d $$.\n\n"
        "So $$ \\frac{\\partial L}{\\partial d} = 3 $$.\n"
    )
    assert _statuses(text, runner)[r"\frac{\partial L}{\partial d} = 3"] == "ok"


def test_a_wrong_derivative_is_never_called_ok(runner: StepRunner) -> None:
    text = _EXAMPLE.format("3d")
    # held, not refuted: the name has two values (a number and a formula)
    assert _statuses(text, runner)[r"\frac{\partial L}{\partial d} = 3d"] == "inconclusive"


def test_an_update_of_the_name_itself_is_no_formula_for_it(runner: StepRunner) -> None:
    text = "Start at $$ w = 2 $$, step $$ w = w - 0.1 g $$, so $$ \\frac{\\partial w}{\\partial g} = -0.1 $$.\n"
    assert _statuses(text, runner)[r"\frac{\partial w}{\partial g} = -0.1"] != "ok"


def test_a_value_step_keeps_the_number(runner: StepRunner) -> None:
    # not a derivative: L is the example's number there, and L = 10 is not judged with the formula
    text = "Values: $$ d = -3 $$, the loss $$ L = 9 $$.\n\nSince $$ L = d^2 $$, we had $$ L + 1 = 10 $$.\n"
    assert _statuses(text, runner)["L + 1 = 10"] != "wrong"
