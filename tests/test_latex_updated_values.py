"""New weights stated by their value only (checks/latex/updated_values.py): ``w_2' = 0.203`` after the
document writes the update rule ``w_1' = w_1 - \\eta \\frac{\\partial L}{\\partial w_1}``, with w_2, η and
∂L/∂w_2 valued, is ok when it is w_2 - η ∂L/∂w_2 to its places; any other number is inconclusive
(never wrong), and without the rule, the rate or one value of the derivative it is not judged."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

RATE = "The learning rate is $\\eta = 0.1$.\n\n"
VALUES = r"""
The weights are $w_1 = 0.3$ and $w_2 = 0.2$.

$$\frac{\partial L}{\partial w_1} = -0.0204$$

$$\frac{\partial L}{\partial w_2} = -0.0255$$

"""
RULE = r"""
$$w_1' = w_1 - \eta \frac{\partial L}{\partial w_1} = 0.3 - 0.1 \times (-0.0204) \approx 0.302$$

"""


def _last(doc: str, step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(doc + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == doc.count("\n") + 1
    return result.status, result.message


@pytest.mark.parametrize("step", [r"w_2' = 0.203", r"w_2' = 0.2026", r"w_2' = 0.20255"])
def test_a_new_weight_that_follows_the_rule_is_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(RATE + VALUES + RULE, step, runner)
    assert status == "ok", message
    assert "w_{2} = 0.2" in message and "∂L/∂w_{2} = -0.0255" in message


@pytest.mark.parametrize("step", [r"w_2' = 0.198", r"w_2' = 0.2255"])  # a sign slip, η dropped
def test_another_number_is_inconclusive_not_wrong(step: str, runner: StepRunner) -> None:
    status, message = _last(RATE + VALUES + RULE, step, runner)
    assert status == "inconclusive", message
    assert "0.20255" in message


def test_without_the_rule_written_it_is_not_judged(runner: StepRunner) -> None:
    status, message = _last(RATE + VALUES, r"w_2' = 0.203", runner)
    assert status == "inconclusive" and "0.20255" not in message, message


def test_a_derivative_given_two_values_is_not_used(runner: StepRunner) -> None:
    doc = RATE + VALUES + r"$$\frac{\partial L}{\partial w_2} = -0.0355$$" + "\n\n" + RULE
    status, message = _last(doc, r"w_2' = 0.203", runner)
    assert status == "inconclusive", message


def test_a_new_weight_marked_in_brackets_after_its_name(runner: StepRunner) -> None:
    # w_{2}(new) as worked examples write it: the new value, w_2 updated by the written rule
    rule = RULE.replace("w_1'", "w_{1}(new)")
    status, message = _last(RATE + VALUES + rule, r"w_{2}(new) = 0.203", runner)
    assert status == "ok", message
    status, _ = _last(RATE + VALUES + rule, r"w_{2}(new) = 0.198", runner)
    assert status == "inconclusive"
    # a function at a word in brackets is no updated name: f(new) is left as written
    from derive.checks.latex.updated_names import updated_names

    toks = ["f", "(", "n", "e", "w", ")"]
    assert updated_names(toks, [False] * len(toks))[0] == toks


def test_a_derivative_sympy_recurses_on_is_no_checker_error(runner: StepRunner) -> None:
    doc = "Let $\\eta = 0.5$, $w_{1} = 0.2$ and $\\frac{\\partial L}{\\partial w_{1}} = 0.1$.\n\n"
    doc += "$$w_{1}^{new} = w_{1} - \\eta \\frac{\\partial L}{\\partial w_{1}} = 0.2 - 0.5 \\cdot 0.1 = 0.15$$\n"
    report = check_text(doc, NOTATION, runner=runner, examples=30, markdown=True)
    assert not any("checker error" in r.message for r in report.results)
