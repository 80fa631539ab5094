r"""Rows of a cases environment written without & (checks/latex/cases_rows.py), as in
jihwan-jeong's back-propagation post:
``\begin{cases} 1,\qquad\text{if }U>0,\\ 0, \qquad\text{otherwise} \end{cases}``."""

from __future__ import annotations

import pytest
from derive.checks.latex.cases_rows import with_ampersand
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()


def _row(text: str) -> list[str]:
    return clean_tokens(tex_tokens(text))[0]


def test_the_ampersand_goes_before_the_condition_words() -> None:
    assert with_ampersand(_row(r"1,\qquad\text{if }U>0,")) == _row(r"1 & \text{if }U>0,")
    assert with_ampersand(_row(r"0 \quad \text{otherwise}")) == _row(r"0 & \text{otherwise}")
    # a row that has one already, or whose text is not a condition, is left alone
    assert with_ampersand(_row(r"1 & \text{if } x > 0")) == _row(r"1 & \text{if } x > 0")
    assert with_ampersand(_row(r"\text{ReLU}(x) + 1")) == _row(r"\text{ReLU}(x) + 1")
    assert with_ampersand(_row(r"x \mathrm{d}x")) == _row(r"x \mathrm{d}x")


@pytest.mark.parametrize(
    ("cases", "status"),
    [
        (r"\begin{cases} 1,\qquad\text{if }x>0,\\ 0, \qquad\text{otherwise} \end{cases}", "ok"),
        (r"\begin{cases} 1 \quad \text{if } x > 0 \\ 0 \quad \text{otherwise} \end{cases}", "ok"),
        (r"\begin{cases} 0 \quad \text{if } x > 0 \\ 1 \quad \text{otherwise} \end{cases}", "wrong"),
    ],
)
def test_a_relu_derivative_in_cases_without_ampersands_is_judged(cases: str, status: str, runner: StepRunner) -> None:
    report = check_text(f"$$\\frac{{d}}{{dx}}\\max(x, 0) = {cases}$$\n", NOTATION, runner=runner, markdown=True)
    assert [r.status for r in report.results] == [status], [r.message for r in report.results]


def test_a_comma_ending_a_rows_value_is_prose(runner: StepRunner) -> None:
    # held-out 16: "x, & x \geq 0": the comma after the value is punctuation, not a tuple
    right = r"$$\frac{d}{dx}\mathrm{ReLU}(x) = \begin{cases} 1, & x > 0 \\ 0, & x < 0 \end{cases}$$"
    wrong = r"$$\frac{d}{dx}\mathrm{ReLU}(x) = \begin{cases} 1, & x > 0 \\ -1, & x < 0 \end{cases}$$"
    report = check_text(right + "\n\n" + wrong + "\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]


_FRENCH = (
    "$$\\frac{\\partial}{\\partial \\lambda_i}\\left(-\\lambda_y + \\ln \\sum_{j=1}^C e^{\\lambda_j}\\right) = "
    "\\begin{cases} \\frac{e^{\\lambda_i}}{\\sum_j e^{\\lambda_j}} {first} & \\text{si } i=y \\\\ "
    "\\frac{e^{\\lambda_i}}{\\sum_j e^{\\lambda_j}} & \\text{{other}} \\end{cases}$$\n"
)


@pytest.mark.parametrize(
    ("first", "other", "status"),
    [
        ("- 1", "sinon", "ok"),
        ("- 1", "si } i \\neq y, \\forall i \\in [1, C] \\text{", "ok"),
        ("", "sinon", "wrong"),  # the -1 of the true class dropped
    ],
)
def test_case_conditions_in_french_are_read(first: str, other: str, status: str, runner: StepRunner) -> None:
    # held-out 17 (softmax_kl_fr_neodelphis): "S_y - 1 & \text{si } i=y \\ S_i & \text{si } i \neq y,
    # \forall i \in[1,C]" was "a case condition that is not one comparison"
    text = _FRENCH.replace("{first}", first).replace("{other}", other)
    (result,) = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    assert result.status == status, result.message
