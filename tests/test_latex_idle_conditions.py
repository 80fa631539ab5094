r"""Prose conditions about a letter the step never writes (idle_conditions.py) constrain nothing;
a family's own parameter (the j of ``p_j = e^{x_j}/\sum_k e^{x_k}``) is no letter the step reaches,
so "the special case $i = j$" does not hold back a wrong step about p_i."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.idle_conditions import bearing_conditions
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _named(value: str, letters: tuple[str, ...] = ("j",)) -> dict:
    return {"p_{j}": (letters, normalize(value, NOTATION))}


def test_a_condition_on_a_letter_the_step_never_writes_is_idle() -> None:
    sides = ("p_i", "p_i - y_i")
    assert bearing_conditions(("i = j",), sides, NOTATION, {}, None) == ()
    assert bearing_conditions(("i = j",), ("p_i y_j", "0"), NOTATION, {}, None) == ("i = j",)  # written


def test_a_familys_own_parameter_is_not_written() -> None:
    sides = ("p_i", "p_i - y_i")
    named = _named(r"\frac{e^{x_j}}{\sum_k e^{x_k}}")
    assert bearing_conditions(("i = j",), sides, NOTATION, {}, named) == ()
    # the sum's letter k is written by the value the step reaches: a condition on it stays
    assert bearing_conditions(("i = k",), sides, NOTATION, {}, named) == ("i = k",)
    # a plain (not family) definition that writes j keeps the condition
    plain = {"p_{i}": ((), normalize(r"x_j + 1", NOTATION))}
    assert bearing_conditions(("i = j",), sides, NOTATION, {}, plain) == ("i = j",)


def test_a_wrong_step_under_an_idle_condition_is_wrong(runner: StepRunner) -> None:
    text = (
        "Let $p_j = \\frac{e^{x_j}}{\\sum_k e^{x_k}}$. Now the special case $i = j$:\n\n"
        "$$\\frac{\\partial p_i}{\\partial x_i} = p_i(1 + p_i)$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results if r.step.line == 3] == ["wrong"]


def test_a_value_given_to_a_name_the_step_does_not_reach_is_idle() -> None:
    # kyuusaku's sigmoid cross-entropy, case y_i = 0: the step is about z_i alone
    sides = (r"-\log(1 - \frac{1}{1+e^{-z_i}})", r"\log(\frac{e^{-z_i}}{1+e^{-z_i}})")
    assert bearing_conditions(("y_i = 0",), sides, NOTATION, {}, None) == ()
    assert bearing_conditions((r"y^{(i)} \neq 1",), sides, NOTATION, {}, None) == ()
    # a name the step writes, or reaches through a definition, or that the document defines: kept
    assert bearing_conditions(("z_i = 0",), sides, NOTATION, {}, None) == ("z_i = 0",)
    reaching = {"o_{i}": ((), normalize(r"y_i + z_i", NOTATION))}
    assert bearing_conditions(("y_i = 0",), ("o_i", "z_i"), NOTATION, {}, reaching) == ("y_i = 0",)
    defined = {"y_{i}": ((), normalize(r"\sigma(z_i)", NOTATION))}
    assert bearing_conditions(("y_i = 0",), sides, NOTATION, {}, defined) == ("y_i = 0",)
    # a condition between two names, or on an expression, is not this rule's
    assert bearing_conditions(("y_i = t_i",), sides, NOTATION, {}, None) == ("y_i = t_i",)


def test_a_sign_slip_under_a_case_about_another_name_is_wrong(runner: StepRunner) -> None:
    text = (
        "For $y_i = 0$:\n\n"
        "$$- \\log \\left( 1 - \\frac{1}{1+e^{-z_i}} \\right)"
        " = \\log \\left( \\frac{e^{-z_i}}{1+e^{-z_i}} \\right)$$\n\n"
        "For $y_i = 0$:\n\n"
        "$$- \\log \\left( 1 - \\frac{1}{1+e^{-z_i}} \\right)"
        " = -\\log \\left( \\frac{e^{-z_i}}{1+e^{-z_i}} \\right)$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    displays = [r for r in report.results if r.step.kind == "display"]
    assert [r.status for r in displays] == ["wrong", "ok"], [r.message for r in displays]


def test_a_case_condition_stays_for_a_name_the_document_gives_a_value(runner: StepRunner) -> None:
    # kyuusaku's cases block: ℓ_i's value written for y_i = 1 (row one) is not its value in the
    # y_i = 0 row, so the condition is not idle there (it was, and ℓ_i = -log(1 - σ(z_i)) was wrong)
    text = (
        "$$\\ell_{i} = \\begin{cases} - \\log \\left( \\frac{1}{1+e^{-z_i}} \\right) & \\text{if } y_i = 1 \\\\\n"
        "- \\log \\left( 1 - \\frac{1}{1+e^{-z_i}} \\right) & \\text{if } y_i = 0 \\end{cases}$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert "wrong" not in [r.status for r in report.results], [r.message for r in report.results]
    named = {"\\ell_{i}": ((), normalize("z_i", NOTATION))}
    assert bearing_conditions(("y_i = 0",), (r"\ell_{i}", r"-\log(1 - z_i)"), NOTATION, {}, named) == ("y_i = 0",)
