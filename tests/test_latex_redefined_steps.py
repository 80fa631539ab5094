r"""Steps that use a name the document defines twice (checks/latex/redefined_steps.py): a wrong
verdict stands only when the step is wrong with either value (kyuusaku's notes define o_i as the
softmax, then as the sigmoid in a later section); otherwise it is held back as inconclusive."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

TWICE = (
    "## Softmax\n\n$$o_i = \\frac{e^{z_i}}{\\sum_{k=1}^{K} e^{z_k}}$$\n\n"
    "## Sigmoid\n\nNow the output is a sigmoid: $$o_i = \\frac{1}{1+e^{-z_i}}$$\n\n"
)


def _last(step: str, runner: StepRunner, document: str = TWICE) -> tuple[str, str]:
    report = check_text(f"{document}$${step}$$\n", NOTATION, runner=runner, markdown=True, examples=30)
    result = report.results[-1]
    return result.status, result.message


def test_a_step_wrong_with_either_value_is_wrong(runner: StepRunner) -> None:
    status, message = _last(r"-\left( y_i - o_i \right) = -\left( o_i - y_i \right)", runner)
    assert status == "wrong", message
    assert "defined twice; wrong with either value" in message


def test_a_step_right_with_one_value_is_never_wrong(runner: StepRunner) -> None:
    # true for the sigmoid of the second section, false for the softmax of the first
    status, message = _last(r"1 - o_i = \frac{1}{1+e^{z_i}}", runner)
    assert status in ("ok", "inconclusive"), message
    status, message = _last(r"1 - o_i = \frac{e^{z_i}}{1+e^{z_i}}", runner)  # wrong for the sigmoid only
    assert status != "wrong", message


# ŷ written as a twice (the same value again), a given as ŷ and then as σ(z): one name, two values
RESTATED = (
    "We write $\\hat{y} = a$ for the prediction. Here $\\hat y = a = P(y=1|x)$.\n\n"
    "$$a = \\hat y$$\n\nSince $a = \\sigma(z)$, we have\n\n"
)


def _after_restated(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{RESTATED}$${step}$$\n", NOTATION, runner=runner, markdown=True, examples=30)
    result = report.results[-1]
    return result.status, result.message


def test_a_value_written_again_as_it_was_is_one_value(runner: StepRunner) -> None:
    # an expansion slip (a - ay written as -y): wrong whether a is ŷ or σ(z)
    status, message = _after_restated(r"-(1-a)y + (1-y)a = ay - y + a - y", runner)
    assert status == "wrong", message
    assert "a is defined twice; wrong with either value" in message


def test_the_restated_value_keeps_right_steps_right(runner: StepRunner) -> None:
    status, message = _after_restated(r"-(1-a)y + (1-y)a = a - y", runner)
    assert status == "ok", message
    # true with σ(z), the latest value, and not with ŷ free: never wrong
    status, message = _after_restated(r"a(1 - a) = \frac{e^{-z}}{(1 + e^{-z})^2}", runner)
    assert status != "wrong", message


def test_a_derivative_step_stays_held_for_the_restated_value(runner: StepRunner) -> None:
    # with a derivative, the hold also covers the derivative's reading: not settled here
    status, message = _after_restated(r"\frac{\partial a}{\partial z} = a", runner)
    assert status != "wrong", message


# three sections, three values of one loss (classification-loss notes define z once per loss)
THRICE = (
    "## Squared\n\n$$g = u^2$$\n\n## Cubed\n\nNow $$g = u^3$$\n\n## Log\n\nFinally $$g = \\ln(1 + e^{u})$$\n\n"
)


def test_a_step_wrong_with_each_of_three_values_is_wrong(runner: StepRunner) -> None:
    status, message = _last(r"\frac{dg}{du} = 5u", runner, THRICE)
    assert status == "wrong", message
    assert "defined 3 times; wrong with each value" in message


def test_a_step_right_with_any_of_three_values_is_never_wrong(runner: StepRunner) -> None:
    for right in (r"\frac{dg}{du} = 2u", r"\frac{dg}{du} = 3u^2", r"\frac{dg}{du} = \frac{e^{u}}{1+e^{u}}"):
        status, message = _last(right, runner, THRICE)
        assert status != "wrong", (right, message)
