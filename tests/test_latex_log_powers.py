r"""``\log(u)^p``: read as ``(\log u)^p`` by convention; a step refuted only under that reading, and
not under ``\log(u^p)`` as likelihood derivations mean it, is inconclusive, never wrong."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.log_powers import log_of_powers


def test_a_step_that_holds_for_the_log_of_the_power_is_not_called_wrong(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\ln(x)^2 = 2\\ln(x)$$\n\n"
        "$$\\log\\left(1 - a\\right)^{1 - y} = (1 - y)\\log(1 - a)$$\n\n"
        "$$\\ln(x)^2 = \\ln(x) \\ln(x)$$\n\n"  # the conventional reading holds: ok, as before
        "$$\\ln(x)^2 = 3\\ln(x)$$\n\n"  # wrong under both readings: stays wrong
        "$$\\log(x) + \\log(y) = \\log(x + y)$$\n"  # no power: nothing changes
    )
    assert statuses(text) == ["inconclusive", "inconclusive", "ok", "wrong", "wrong"]


def test_the_power_is_moved_inside_the_logarithm() -> None:
    assert log_of_powers("\\ln(x)^2 + 1") == "\\ln\\left(\\left(x\\right)^{2}\\right) + 1"
    assert log_of_powers("\\log_a(1+h)^\\frac{1}{h}") == "\\log_a\\left(\\left(1+h\\right)^{\\frac{1}{h}}\\right)"
    assert log_of_powers("\\log \\left(1-s\\right)^{1-y}") == "\\log \\left(\\left(1-s\\right)^{1-y}\\right)"
    assert log_of_powers("\\log(x) + 2") is None
    assert log_of_powers("\\sin(x)^2") is None  # only logarithms: (sin x)² is what everyone means


def test_a_braced_bracket_with_a_power_is_read_both_ways_too(statuses: Callable[[str], list[str]]) -> None:
    # hehelego/WhyNotMarkdown (Information-Theory-basic-concepts.md): n/2 log(2πe) = 1/2 log {(2πe)}^n;
    # authors brace the bracket so that the exponent sits on it: the same power as log(2πe)^n
    text = (
        "$$\\frac{n}{2} \\log(2\\pi e) = \\frac12 \\log {(2\\pi e)}^n$$\n\n"
        "$$t \\ln(1 + r) = \\ln {\\left(1 + r\\right)}^{t}$$\n\n"
        "$$t \\ln(1 + r) = \\ln {(1 + r)}^{t + 1}$$\n\n"  # wrong under both readings: stays wrong
        "$$\\ln {(1 + r)}^{2} = \\ln(1 + r) \\ln(1 + r)$$\n"  # the conventional reading holds: ok
    )
    assert statuses(text) == ["inconclusive", "inconclusive", "wrong", "ok"]


def test_a_brace_group_holding_more_than_the_bracket_is_left_alone() -> None:
    assert log_of_powers("\\log {(2\\pi e)}^n") == "\\log \\left(\\left(2\\pi e\\right)^{n}\\right)"
    assert log_of_powers("\\ln { \\left(1-s\\right) }^{1-y}") == "\\ln \\left(\\left(1-s\\right)^{1-y}\\right)"
    assert log_of_powers("\\log {(a) b}^n") is None
