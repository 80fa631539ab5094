r"""A derivative by a name its definition only adds (checks/latex/added_terms.py): with
``z_2 = a_1 \cdot W_2^T + b_2`` (a value the scalar reader leaves unread) and ``\delta_2 =
\frac{\partial L}{\partial z_2}``, the bias gradient ``\frac{\partial L}{\partial b_2} = \delta_2``
and ``\frac{\partial z}{\partial b} = 1`` are ok; a different right side, a b written twice, a
batch (capital) value, or a δ defined only later is left as it was, and nothing here is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.added_terms import added_once, read_added_term, top_terms
from derive.checks.latex.checker import check_text
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()
D = r"\frac{\partial %s}{\partial %s}"

#: a worked example's two layers in row layout: z_2 = a_1 W_2^T + b_2 is not read, δ_2 = ∂L/∂z_2
KAIFENG = (Path(__file__).parent / "data" / "latex_heldout3" / "numeric_backprop_zh_kaifeng.md").read_text()
BIAS = r"$\frac{\partial L}{\partial b_2} = \delta{_2} \approx 0.0478$"


def _at(text: str, line: int) -> tuple[str, str]:
    report = check_text(text, NOTATION, markdown=True)
    first = min((r for r in report.results if r.step.line == line), key=lambda r: r.step.column)
    return first.status, first.method


def _last(text: str) -> tuple[str, str]:
    report = check_text(text, NOTATION, markdown=True)
    last = max(report.results, key=lambda r: (r.step.line, r.step.column))
    return last.status, last.method


def test_the_bias_gradient_is_the_error_defined_as_a_derivative() -> None:
    assert BIAS in KAIFENG
    assert _at(KAIFENG, 62) == ("ok", "added term")


def test_the_derivative_itself_written_on_the_right() -> None:
    text = KAIFENG.replace(BIAS, r"$\frac{\partial L}{\partial b_2} = \frac{\partial L}{\partial z_2}$")
    assert _at(text, 62) == ("ok", "added term")


OPEN_SUM = "$$z = \\theta_0 + \\theta_1 x_1 + \\theta_2 x_2 + \\dots$$\n\n"


def test_a_term_added_to_an_open_sum_has_derivative_one() -> None:
    text = OPEN_SUM + "$$\\frac{\\partial}{\\partial\\theta_0}z = 1$$\n"
    assert _last(text) == ("ok", "added term")


BIAS_TWINS = [
    r"2\delta{_2}",  # a factor too many
    r"\delta{_2} \cdot a_1",  # the weight's gradient, not the bias's
    r"-\delta{_2}",  # a sign
    r"\frac{\partial L}{\partial a_1}",  # through the wrong node
    r"\delta{_1}",  # the other layer's error
]


@pytest.mark.parametrize("rhs", BIAS_TWINS)
def test_a_wrong_bias_gradient_is_never_ok_here(rhs: str) -> None:
    text = KAIFENG.replace(BIAS, r"$\frac{\partial L}{\partial b_2} = " + rhs + "$")
    status, method = _at(text, 62)
    assert method != "added term" and status != "ok", (status, method)


WRONG_TWINS = [
    OPEN_SUM + "$$\\frac{\\partial}{\\partial\\theta_0}z = 0$$\n",
    OPEN_SUM + "$$\\frac{\\partial}{\\partial\\theta_1}z = 1$$\n",
    OPEN_SUM + "$$\\frac{\\partial}{\\partial\\theta_0}z = x_1$$\n",
]


@pytest.mark.parametrize("text", WRONG_TWINS)
def test_a_wrong_twin_is_never_ok_here(text: str) -> None:
    status, method = _last(text)
    assert method != "added term" and status != "ok", (status, method)


HELD = [
    # a batch: b^{[l]} is broadcast over the columns of A, its gradient sums δ's columns (hand: wrong)
    "$$Z = W A + b$$\n\n$$\\delta = \\frac{\\partial J}{\\partial Z}$$\n\n$$" + D % ("J", "b") + " = \\delta$$\n",
    # b also in the loss (a penalty): a second path
    "$$z_2 = a_1 \\cdot W_2^T + b_2$$\n\n$$L = \\frac{1}{2}(\\sigma(z_2) - y)^2 + b_2^2$$\n\n"
    "$$\\delta_2 = \\frac{\\partial L}{\\partial z_2}$$\n\n$$" + D % ("L", "b_2") + " = \\delta_2$$\n",
    # b written twice in z
    "$$z_2 = a_1 \\cdot W_2^T + b_2 + b_2 c$$\n\n$$\\hat{y} = \\sigma(z_2)$$\n\n$$L = (\\hat{y} - y)^2$$\n\n"
    "$$\\delta_2 = \\frac{\\partial L}{\\partial z_2}$$\n\n$$" + D % ("L", "b_2") + " = \\delta_2$$\n",
    # δ defined only after the step
    "$$z_2 = a_1 \\cdot W_2^T + b_2$$\n\n$$\\hat{y} = \\sigma(z_2)$$\n\n$$L = (\\hat{y} - y)^2$$\n\n$$"
    + D % ("L", "b_2") + " = \\delta_2$$\n\n$$\\delta_2 = \\frac{\\partial L}{\\partial z_2}$$\n",
]


def test_an_error_of_another_loss_or_defined_later_stays_as_it_was() -> None:
    defined = r"$\delta{_2} = \frac{\partial L}{\partial z_2}"
    other = KAIFENG.replace(defined, defined.replace("partial L", "partial J"))
    assert other != KAIFENG and _at(other, 62)[1] != "added term"
    loss = "$L = \\frac{1}{2}(\\hat{y} - y)^2"
    early = KAIFENG.replace(BIAS, "").replace(loss, BIAS + "\n\n" + loss, 1)  # before δ_2 is defined
    assert BIAS in early and early.index(BIAS) < early.index("$\\delta{_2} = ")
    line = early[: early.index(BIAS)].count("\n") + 1
    assert _at(early, line)[1] != "added term"


def test_a_second_path_to_the_bias_stays_as_it_was() -> None:
    penalty = KAIFENG.replace("(\\hat{y} - y)^2 = ", "(\\hat{y} - y)^2 + b_2^2 = ", 1)
    assert penalty != KAIFENG and _at(penalty, 62)[1] != "added term"
    twice = KAIFENG.replace("$z_2 = a_1 \\cdot W_2^T + b_2", "$z_2 = a_1 \\cdot W_2^T + b_2 + b_2 c", 1)
    assert twice != KAIFENG and _at(twice, 62)[1] != "added term"



@pytest.mark.parametrize("text", HELD)
def test_a_step_the_rule_cannot_settle_stays_as_it_was(text: str) -> None:
    assert _last(text)[1] != "added term"


def test_top_terms() -> None:
    assert top_terms(r"a_1 \cdot W_2^T + b_2") == [("+", r"a_1 \cdot W_2^T"), ("+", "b_2")]
    assert top_terms(r"-w x + \left(b - c\right)") == [("-", "w x"), ("+", "(b - c )")]
    assert top_terms(r"e^{-x} - b") == [("+", "e^{-x}"), ("-", "b")]
    assert top_terms("(a + b") is None


def test_added_once() -> None:
    assert added_once(r"a_1 \cdot W_2^T + b_2", "b_{2}", NOTATION)
    assert added_once(r"\sum_k w_{jk} a_k + b_j", "b_{j}", NOTATION)
    assert not added_once(r"a_1 \cdot W_2^T - b_2", "b_{2}", NOTATION)  # subtracted: -1
    assert not added_once(r"a_1 b_2 + b_2", "b_{2}", NOTATION)  # twice
    assert not added_once(r"X W_1 + b_1", "b_{1}", NOTATION)  # a batch (capital X) may be broadcast
    assert added_once(r"X W_1 + b_1 + b_2", "b_{2}", NOTATION) is False
    assert added_once(r"a_1 W_1 + b_1 + c", "b_{1}", NOTATION)


def test_read_needs_the_link_said_outside_the_step() -> None:
    lhs, rhs = normalize(D % ("L", "b"), NOTATION), normalize(D % ("L", "z"), NOTATION)
    values = {"z": "w x + b"}
    assert read_added_term(lhs, rhs, values, NOTATION, {}) is None  # L on z said nowhere else
    out = read_added_term(lhs, rhs, values, NOTATION, {"L": {"z"}})
    assert out is not None and out["status"] == "ok"
    assert read_added_term(lhs, rhs, values, NOTATION, {"L": {"z"}}, ["w x + b", "b^2"]) is None


#: cs231n notes: f_j = w_j^T x_i + b_j, the bias gradient written with the factor and then with 1
CS231N = (Path(__file__).parent / "data" / "latex_heldout5" / "cs231n_affine_softmax_conanjm.md").read_text()
WITH_ONE = r"&= \frac{\partial\mathcal{L}_i}{\partial f_j}\times 1,"
SUMMED = r"&= \sum_{i=1}^N \frac{\partial\mathcal{L}_i}{\partial f_j},"


def test_a_factor_of_an_added_term_is_one_and_a_bias_derivative_goes_through_its_term() -> None:
    assert WITH_ONE in CS231N and SUMMED in CS231N
    assert _at(CS231N, 79) == ("ok", "added term")
    assert _at(CS231N, 88) == ("ok", "added term")


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        (WITH_ONE, WITH_ONE.replace("1,", "0,"), 79),
        (WITH_ONE, WITH_ONE.replace("1,", r"\boldsymbol{x_i},"), 79),
        (WITH_ONE, WITH_ONE.replace(r"\times 1", r"\times 2"), 79),
        (SUMMED, SUMMED.replace("f_j}", r"\boldsymbol{w_j}}"), 88),
        (SUMMED, SUMMED.replace(r"\frac", r"2\frac"), 88),
        (SUMMED, SUMMED.replace("f_j}", "f_k}"), 88),
    ],
)
def test_a_wrong_rewrite_twin_is_never_ok_here(old: str, new: str, line: int) -> None:
    text = CS231N.replace(old, new)
    assert text != CS231N
    status, method = _at(text, line)
    assert method != "added term" and status != "ok", (status, method)


def test_a_definition_is_never_ok_by_its_own_value() -> None:
    report = check_text(KAIFENG, NOTATION, markdown=True)
    (own,) = [r for r in report.results if r.step.line == 56 and r.step.lhs.strip() == r"\delta{_2}"]
    assert own.method != "added term"
    text = "$$G_i = \\frac{\\partial L}{\\partial Z_i}$$\n\n$$z = w x + b$$\n"
    assert all(r.method != "added term" for r in check_text(text, NOTATION, markdown=True).results)


def test_a_capital_given_one_row_is_one_example() -> None:
    assert _at(KAIFENG, 86) == ("ok", "added term")  # z_1 = X W_1 + b_1 with X = [1, 2]
    batch = KAIFENG.replace("$X = [1, 2]$", r"$X = \begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}$")
    assert batch != KAIFENG and _at(batch, 86)[1] != "added term"  # two rows: b_1 broadcast over them
    assert not added_once(r"X W_1 + b_1", "b_{1}", NOTATION, frozenset({"W_{1}"}))
    assert added_once(r"X W_1 + b_1", "b_{1}", NOTATION, frozenset({"X"}))
