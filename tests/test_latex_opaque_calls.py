r"""Calls of functions a document never defines (``h_\theta(x^{(i)})``, opaque_calls.py) in
algebra steps, and the i-th example ``y^{(i)}`` under ``\sum_i`` (sympy_build._instantiate):
ok where the step holds for any value of the calls; never wrong from that reading; a step with a
derivative, or with the sum's index bare in a call, is not read so (applied_calls reads it again)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.opaque_calls import IndexInCall, call_key, instantiate_call, is_call_key

NOTATION = load_notation()


def _statuses(steps: list[str], runner: StepRunner, prose: str = "") -> list[str]:
    text = prose + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def test_a_call_key_keeps_its_scripts_braced() -> None:
    key = call_key(r"h_{\theta}", ["x", "^", "{", "(", "i", ")", "}"])
    assert key == r"h_{\theta}(x^{(i)})"
    assert is_call_key(key)
    assert not is_call_key("y^{(i)}")


def test_a_call_takes_the_index_values_of_its_argument() -> None:
    assert instantiate_call(r"h_{\theta}(x^{(i)})", {"i": 2}) == r"h_{\theta}(x^{(2)})"
    assert instantiate_call("g(z_{k})", {"k": 1}) == "g(z_{1})"
    assert instantiate_call("g(z)", {"k": 1}) == "g(z)"
    with pytest.raises(IndexInCall):  # f(i) cannot be given i's value in a name
        instantiate_call("f(i)", {"i": 1})


def test_the_ith_example_takes_each_value_under_its_sum(runner: StepRunner) -> None:
    steps = [
        r"\sum_{i=1}^{2} (y^{(i)})^2 = (y^{(1)})^2 + (y^{(2)})^2",
        r"\sum_{i=1}^{2} (y^{(i)})^2 = (y^{(1)})^2 + 2 (y^{(2)})^2",  # a factor 2 too many
        r"\sum_{i=1}^{2} (y^{(i)})^2 = 2 (y^{(1)})^2",  # the examples are not all the first: not ok
    ]
    assert _statuses(steps, runner) == ["ok", "wrong", "inconclusive"]


def test_algebra_around_undefined_calls_is_proved(runner: StepRunner) -> None:
    steps = [
        r"\sum_{i=1}^m \log h_\theta(x^{(i)})^{y^{(i)}} = \sum_{i=1}^m y^{(i)} \log h_\theta(x^{(i)})",
        r"\sum_{i=1}^m [y^{(i)} \log h(x^{(i)}) + (1-y^{(i)}) \log (1-h(x^{(i)}))]"
        r" = \sum_{i=1}^m y^{(i)} \log \frac{h(x^{(i)})}{1-h(x^{(i)})} + \sum_{i=1}^m \log (1-h(x^{(i)}))",
        r"L(a, y) (1 - L(a, y)) = L(a, y) - L(a, y)^2",
    ]
    assert _statuses(steps, runner) == ["ok", "ok", "ok"]


def test_the_call_reading_never_calls_a_step_wrong(runner: StepRunner) -> None:
    steps = [
        # a sign flipped: false for most values of the calls, but the reading only proves
        r"\sum_{i=1}^m [y^{(i)} \log h(x^{(i)}) + (1-y^{(i)}) \log (1-h(x^{(i)}))]"
        r" = \sum_{i=1}^m y^{(i)} \log \frac{h(x^{(i)})}{1-h(x^{(i)})} + \sum_{i=1}^m \log (1+h(x^{(i)}))",
        r"h_\theta(x) = \frac{1}{1+e^{-x}}",  # h defined here: not a false step
        r"\sum_{i=1}^{m} f(i) = m f(i)",  # the index bare in the call: one value for every i would prove it
        r"\frac{\partial}{\partial \theta} g(\theta) = 0",  # a derivative of an unknown value is not 0
    ]
    statuses = _statuses(steps, runner)
    assert "wrong" not in statuses
    # read again with the calls as unknown functions (applied_calls): true or not depending on them
    assert statuses[0] == "inconclusive" and statuses[2] == "inconclusive" and statuses[3] == "inconclusive"


def test_the_largest_entry_as_one_unknown_value(runner: StepRunner) -> None:
    # the softmax's stabilising shift (freelw's notes): the step holds whatever max(z_k) is
    shifted = r"\frac{e^{z_i - \max(z_k)}}{\sum_{j=1}^n e^{z_j - \max(z_k)}}"
    log_form = r"-\log\frac{e^{Z_t - \max(Z_i)}}{\sum_{i=1}^n e^{Z_i - \max(Z_i)}}"
    steps = [
        shifted + r" = \frac{e^{z_i}}{\sum_{j=1}^n e^{z_j}}",
        log_form + r" = -Z_t + \max(Z_i) + \log \sum_{i=1}^n e^{Z_i - \max(Z_i)}",
        shifted + r" = \frac{e^{z_i}}{\sum_{j=1}^n e^{2 z_j}}",  # wrong: never ok, and not called wrong here
        log_form + r" = -Z_t - \max(Z_i) + \log \sum_{i=1}^n e^{Z_i - \max(Z_i)}",  # a sign slip
        r"\frac{\partial}{\partial z_1} \max(z_k) = 0",  # a derivative of it: not this reading's
    ]
    assert _statuses(steps, runner) == ["ok", "ok", "unparsed", "unparsed", "unparsed"]


def test_the_largest_entry_written_with_its_bound_index(runner: StepRunner) -> None:
    # held-out 27's tatsy notes: the log-sum-exp trick with \max_k x_k ("a subscript on the function
    # \max" before); the bound letter k is no index of the step, so the value is one for every i, j
    steps = [
        r"\frac{e^{x_i}}{\sum_j e^{x_j}} = \frac{e^{(x_i - \max_k x_k)}}{\sum_j e^{(x_j - \max_k x_k)}}",
        r"\log \left( \sum_j e^{x_j} \right) = \max_{k} (x_k) + \log \left( \sum_j e^{(x_j - \max_k x_k)} \right)",
        r"\log \left( \sum_j e^{x_j} \right) = \max_k x_k - \log \left( \sum_j e^{(x_j - \max_k x_k)} \right)",
        r"\frac{e^{x_i}}{\sum_j e^{x_j}} = \frac{e^{(x_i - \max_k x_k)}}{\sum_j e^{(x_j + \max_k x_k)}}",
    ]
    assert _statuses(steps, runner) == ["ok", "ok", "unparsed", "unparsed"]
