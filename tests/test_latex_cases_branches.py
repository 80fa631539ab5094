"""Steps onto a cases environment, branch by branch (twenty-second round): "otherwise" and "if" in
more languages (tex_names, cases_rows), a row under two index equalities (index_sums), and a cases
side the Piecewise reader refuses, judged row by row under each row's condition (cases_steps), and
both sides a matrix of one entry (environment_steps)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from derive.checks.latex.environment_steps import single_entry
from derive.checks.latex.index_sums import index_equalities
from derive.checks.latex.tex_names import is_otherwise, says_otherwise

Judge = Callable[[str], list[str]]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (r"\text{w przeciwnym razie}", True),  # Polish
        (r"\text{ngược lại}", True),  # Vietnamese
        ("c.c.", True),  # Portuguese "caso contrário", abbreviated
        (r"\text{en otro caso}", True),
        (r"\quad \text{otherwise}", True),
        (r"\text{ sinon.}", True),
        (r"c \le c", False),  # a relation: a condition of its own
        (r"\text{if } z > 0", False),
        ("x", False),
    ],
)
def test_otherwise_in_words(condition: str, expected: bool) -> None:
    assert is_otherwise(condition) is expected


def test_one_otherwise_word_among_others() -> None:
    assert says_otherwise(r"0 \text{ sinon}") and not says_otherwise(r"\text{if } i \neq j")


def test_two_index_equalities() -> None:
    assert index_equalities(["p", "=", "i", "q", "=", "j"]) == [("p", "=", "i"), ("q", "=", "j")]
    assert index_equalities(["i", "=", "k", "and", "j", r"\neq", "h"]) == [("i", "=", "k"), ("j", "!=", "h")]
    assert index_equalities(["p", "=", "i"]) == []  # one is index_equality's
    assert index_equalities(["p", "=", "i", "q", ">", "0"]) == []  # an order comparison is no equality


def test_relu_derivative_in_polish(statuses: Judge) -> None:
    # held-out 26 (czaja): "jeśli" and "w przeciwnym razie" were unread words
    ok = r"$$\text{ReLU}'(z) = \begin{cases} 1 & \text{jeśli } z > 0 \\ 0 & \text{w przeciwnym razie} \end{cases}$$"
    assert statuses(ok) == ["ok"]
    slip = ok.replace(r"0 & \text{w", r"1 & \text{w")  # the wrong twin: 1 on both branches
    assert statuses(slip) != ["ok"]


def test_relu_derivative_in_portuguese(statuses: Judge) -> None:
    # held-out 25 (matheusjorge): "c.c." (caso contrário), read by TeX as c·c
    ok = r"$$\mathrm{ReLU}'(x) = \begin{cases} 1 & 0 < x\\ 0 & c.c. \end{cases}$$"
    assert statuses(ok) == ["ok"]
    swapped = ok.replace("0 < x", "x < 0")  # the wrong twin: the condition turned round
    assert statuses(swapped) == ["wrong"]


_SOFTMAX = "Let $a = \\mathrm{softmax}(z)$.\n\n"


def test_softmax_jacobian_in_vietnamese(statuses: Judge) -> None:
    # held-out 11 (lmtot27): "nếu" before each index condition
    ok = (
        r"$$\frac{\partial a_i}{\partial z_j} = \begin{cases} a_i (1 - a_i) & \text{nếu } i = j \\"
        r" -a_i a_j & \text{nếu } i \neq j \end{cases}$$"
    )
    assert statuses(_SOFTMAX + ok) == ["ok"]
    slip = ok.replace("-a_i a_j", "a_i a_j")  # the wrong twin: a sign slip in one branch
    assert statuses(_SOFTMAX + slip) == ["wrong"]


def test_french_rows_without_ampersand(statuses: Judge) -> None:
    # held-out 13 (rugessnome): "\text{ si } i = j" and "\text{ sinon.}" with no &
    ok = (
        r"$$\frac{\partial a_i}{\partial z_j} = \begin{cases} a_i (1 - a_i) \text{ si } i = j \\"
        r" -a_i a_j \text{ sinon.} \end{cases}$$"
    )
    assert statuses(_SOFTMAX + ok) == ["ok"]
    slip = ok.replace("a_i (1 - a_i)", "a_i (1 + a_i)")
    assert statuses(_SOFTMAX + slip) == ["wrong"]


def test_a_row_under_two_index_equalities(statuses: Judge) -> None:
    # held-out 13 (pilotleoyan): "if p = i, q = j" (the derivative of one entry by another)
    ok = (
        r"$$\frac{\partial x_{pq}}{\partial x_{ij}} = \begin{cases} 1 & \text{if } p = i, q = j \\"
        r" 0 & \text{otherwise} \end{cases}$$"
    )
    assert statuses(ok) == ["ok"]
    assert statuses(ok.replace(", q = j", r" \text{ and } q = j")) == ["ok"]
    assert statuses(ok.replace(", q = j", "")) == ["wrong"]  # the wrong twin: one equality dropped
    assert statuses(ok.replace("q = j", r"q \neq j")) == ["wrong"]


_LOGISTIC = (
    r"$$\begin{cases} -\log(h) & \text{if } y = 1 \\ -\log(1-h) & \text{if } y = 0 \end{cases}"
    r" = -[y\log(h) + (1-y)\log(1-h)]$$"
)


def test_a_label_value_as_each_rows_condition(statuses: Judge) -> None:
    # held-out 9 (hemomona): the logistic cost per label, then in one formula
    assert statuses(_LOGISTIC) == ["ok"]
    in_words = _LOGISTIC.replace(r"\text{if } y = 1", r"\text{if y = 1}")
    in_words = in_words.replace(r"\text{if } y = 0", r"\text{if y = 0}")
    assert statuses(in_words) == ["ok"]
    swapped = _LOGISTIC.replace("y = 1", "y = 2").replace("y = 0", "y = 1").replace("y = 2", "y = 0")
    assert statuses(swapped) == ["wrong"]  # the wrong twin: the labels' branches swapped
    slip = _LOGISTIC.replace(r"-\log(1-h) & ", r"\log(1-h) & ")
    # a sign slip in one branch: false under y = 0 only, where log(1 - h) needs h < 1 (never ok)
    assert statuses(slip) != ["ok"]


def test_a_branch_not_read_leaves_the_step_unjudged(statuses: Judge) -> None:
    # held-out 23 (adilce009): a row that says "undefined" is no value: never wrong, never ok
    text = (
        r"$$\frac{d}{dz}\text{ReLU}(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \\"
        r" \text{undefined} & z = 0 \end{cases}$$"
    )
    assert statuses(text) in (["inconclusive"], ["unparsed"])


def test_single_entry_of_a_matrix_environment() -> None:
    assert single_entry(r"\begin{bmatrix} \frac{\partial L}{\partial w_{jk}} \end{bmatrix}") == (
        r"\frac{\partial L}{\partial w_{jk}}"
    )
    assert single_entry(r"\left( \begin{matrix} x \end{matrix} \right)") == "x"
    assert single_entry(r"\begin{pmatrix} a \\ b \end{pmatrix}") is None  # two entries
    assert single_entry(r"\begin{bmatrix} \vdots \end{bmatrix}") is None
    assert single_entry(r"2 \begin{bmatrix} a \end{bmatrix}") is None  # a factor outside


_ENTRY = (
    "Let $z_k = \\sum_j w_{jk} h_j$ and $L = \\sum_k \\frac{1}{2} z_k^2$.\n\n"
    "$$\\begin{bmatrix} \\frac{\\partial L}{\\partial w_{jk}} \\end{bmatrix} = "
    "\\begin{bmatrix} h_j z_k \\end{bmatrix}$$\n"
)


def test_a_matrix_by_its_generic_entry_on_both_sides(statuses: Judge) -> None:
    # held-out 28 (cjhjhj) and 8 (jihwan_jeong): [∂L/∂w_{jk}] = [h_j …], "the matrix whose (j, k) entry is"
    assert statuses(_ENTRY)[-1] == "ok"
    # the wrong twins: the indices swapped (the scalar step alone is not called wrong either), a factor 2
    assert statuses(_ENTRY.replace("h_j z_k", "h_k z_j"))[-1] != "ok"
    assert statuses(_ENTRY.replace("h_j z_k", "2 h_j z_k"))[-1] == "wrong"


_ALONE = (
    r"$$\begin{cases} \frac{\partial a_i}{\partial z_j} = a_i(1-a_i) & \text{if } i = j \\"
    r" \frac{\partial a_i}{\partial z_j} = -a_i a_j & \text{if } i \neq j \end{cases}$$"
)


def test_a_cases_of_equations_standing_alone(statuses: Judge) -> None:
    # each row a step under its condition (rows.expand_cases, cases_rows.equation_rows)
    assert statuses(_SOFTMAX + _ALONE) == ["ok", "ok"]
    assert statuses(_SOFTMAX + _ALONE.replace("= -a_i a_j", "= a_i a_j")) == ["ok", "wrong"]  # a sign slip
    swapped = _ALONE.replace("i = j", "i = J").replace(r"i \neq j", "i = j").replace("i = J", r"i \neq j")
    assert statuses(_SOFTMAX + swapped) == ["wrong", "wrong"]  # the conditions swapped


def test_a_cases_of_definitions_gives_no_step(statuses: Judge) -> None:
    # y_i = 1 under i = k is the page's one-hot label, not a value of y_i for later steps
    text = r"$$\begin{cases} y_i = 1 & i = k \\ y_i = 0 & i \neq k \end{cases}$$" + "\n\n$$y_k + y_k = 2 y_k$$\n"
    assert statuses(text) == ["ok"]  # the later step alone: the cases give none
