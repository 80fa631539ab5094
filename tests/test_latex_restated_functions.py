r"""A function's definition written again (restated_functions.py): ``X(params) = value`` after an
earlier definition of X is ok where it holds with that definition, and otherwise stays a
definition (inconclusive), never wrong: a later section may define X anew."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner

from tests.hunt_steps import display_statuses


def test_a_restatement_that_agrees_is_ok(runner: StepRunner) -> None:
    text = (
        r"$$E(w) = \frac{1}{2}(w - t)^2$$" "\n\n"
        r"$$E(w) = \frac{1}{2}(t - w)^2$$" "\n\n"  # the same function, written otherwise
        r"$$E(w) = \frac{1}{2}(t + w)^2$$" "\n"  # wrong twin: another function, or a slip; never wrong
    )
    assert display_statuses(text, runner) == {1: "inconclusive", 3: "ok", 5: "inconclusive"}


def test_a_restatement_at_other_names_is_ok(runner: StepRunner) -> None:
    # the logistic loss at \hat y, then at a (napsterinblue's notes)
    text = (
        r"$$\mathcal{L}(\hat{y}, y) = -\big(y\log\hat{y} + (1-y)\log(1-\hat{y})\big)$$" "\n\n"
        r"$$\mathcal{L}(a, y) = -\big(y\log a + (1-y)\log(1 - a)\big)$$" "\n\n"
        r"$$\mathcal{L}(a, y) = -\big(y\log a + (1+y)\log(1 - a)\big)$$" "\n"  # a sign slip: not ok
    )
    assert display_statuses(text, runner) == {1: "inconclusive", 3: "ok", 5: "inconclusive"}


def test_a_function_defined_once_is_judged_as_before(runner: StepRunner) -> None:
    # with one definition, a later step at other arguments is judged, and a slip is wrong
    text = (
        r"$$L(w, b) = (wx + b - y)^2$$" "\n\n"
        r"$$\frac{\partial L(w, b)}{\partial w} = 2(wx + b - y)x$$" "\n\n"
        r"$$\frac{\partial L(w, b)}{\partial b} = -2(wx + b - y)$$" "\n"
    )
    assert display_statuses(text, runner) == {1: "inconclusive", 3: "ok", 5: "wrong"}
