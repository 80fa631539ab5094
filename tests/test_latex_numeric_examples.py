"""Numeric worked examples (checks/latex/numeric_values.py, word_names.py): a step that puts the
values the document computed before it in is judged with them, to the precision written. Correct
substitutions are ok, planted slips (a wrong digit, a dropped minus, a sign flipped) are wrong with
the values as counterexample, and rounding is never called wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.notation import Notation
from derive.checks.latex.word_names import document_word_names

NOTATION = load_notation()

#: a worked example in the style of "a step by step back-propagation example"
EXAMPLE = r"""
The inputs are $i_1 = 0.05$ and $i_2 = 0.10$, the target is $target_{o1} = 0.01$.

$$net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1$$

$$net_{h1} = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 * 1 = 0.3775$$

$$out_{h1} = \frac{1}{1+e^{-net_{h1}}} = \frac{1}{1+e^{-0.3775}} = 0.593269992$$

The output neuron gives $out_{o1} = 0.75136507$.

$$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^{2} = \frac{1}{2}(0.01 - 0.75136507)^{2} = 0.274811083$$

"""


def _last(step: str, runner: StepRunner) -> tuple[str, str, dict | None]:
    report = check_text(EXAMPLE + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == EXAMPLE.count("\n") + 1
    return result.status, result.message, result.counterexample


RIGHT = [
    r"-(target_{o1} - out_{o1}) = -(0.01 - 0.75136507)",
    r"out_{o1}(1 - out_{o1}) = 0.75136507(1 - 0.75136507)",
    r"\frac{1}{1+e^{-net_{h1}}} = \frac{1}{1+e^{-0.3775}}",
    r"out_{h1} \cdot out_{o1} = 0.593269992 \cdot 0.75136507",
    r"out_{h1} \cdot out_{o1} = 0.5933 \cdot 0.7514",  # both values rounded to four places
    r"(target_{o1} - out_{o1})^2 = (0.01 - 0.7514)^2",
]


@pytest.mark.parametrize("step", RIGHT)
def test_a_correct_substitution_is_ok(step: str, runner: StepRunner) -> None:
    status, message, _ = _last(step, runner)
    assert status == "ok", message


SLIPS = [
    # a wrong digit in a substituted value
    (r"-(target_{o1} - out_{o1}) = -(0.01 - 0.75136587)", "0.74136507", "0.74136587"),
    # a dropped minus
    (r"-(target_{o1} - out_{o1}) = (0.01 - 0.75136507)", "0.74136507", "-0.74136507"),
    # a sign slip inside the formula
    (r"out_{o1}(1 - out_{o1}) = 0.75136507(1 + 0.75136507)", "0.1868156016", "1.315914538"),
    # a wrong digit in a computed value used again
    (r"out_{h1} + out_{o1} = 0.593269992 + 0.75176507", "1.344635062", "1.345035062"),
]


@pytest.mark.parametrize(("step", "left", "right"), SLIPS)
def test_a_slip_in_the_numbers_is_wrong(step: str, left: str, right: str, runner: StepRunner) -> None:
    status, message, cex = _last(step, runner)
    assert status == "wrong", message
    assert cex is not None and cex["lhs"] == left and cex["rhs"] == right
    assert cex["point"]["out_{o1}"] == "0.75136507"


ROUNDING = [
    r"out_{h1} \cdot out_{o1} = 0.5933 \cdot 0.7515",  # 0.7515 mis-rounded: a few units off
    r"out_{h1} \cdot out_{o1} = 0.59 \cdot 0.75",  # rounded to two places
    r"out_{h1} \cdot 2 = 0.593269993 \cdot 2",  # the last place of a computed value
]


@pytest.mark.parametrize("step", ROUNDING)
def test_rounding_is_never_wrong(step: str, runner: StepRunner) -> None:
    status, message, _ = _last(step, runner)
    assert status in ("ok", "inconclusive"), message


def test_a_value_from_another_example_is_not_used_to_refute(runner: StepRunner) -> None:
    """None of the numbers written is the value the document gave: the step may be about another
    example's numbers, so it is not called wrong."""
    status, message, _ = _last(r"out_{o1}(1 - out_{o1}) = 0.31(1 - 0.31)", runner)
    assert status != "wrong", message


def test_a_name_given_two_values_is_not_refuted(runner: StepRunner) -> None:
    text = EXAMPLE + "Next example: $out_{o1} = 0.6$.\n\n$$ -(target_{o1} - out_{o1}) = -(0.01 - 0.75136507) $$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status != "wrong"


def test_a_word_with_a_subscript_is_one_name() -> None:
    text = r"$$E = \frac12 (target_{o1} - out_{o1})^2 + \text{net}_{h} + max_i x_i + Wx_i$$"
    words = document_word_names(text, NOTATION if isinstance(NOTATION, Notation) else load_notation())
    assert {"target", "out", "net"} <= words
    assert not {"max", "Wx"} & words


#: given as matrices of names and numbers, then names defined by formulas of them
MATRICES = r"""
$$X = \begin{pmatrix} x_1 & x_2 \end{pmatrix} = \begin{pmatrix} 0.5 & 0.3 \end{pmatrix}, \quad
W = \begin{pmatrix} w_1 & w_2 \\ w_3 & w_4 \end{pmatrix} = \begin{pmatrix} 0.3 & 0.2 \\ 0.2 & 0.3 \end{pmatrix}$$

$$z_1 = w_1 x_1 + w_3 x_2$$

"""


def _after_matrices(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(MATRICES + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{1}{1+e^{-z_1}} = \frac{1}{1+e^{-0.21}}",  # z_1 = 0.3·0.5 + 0.2·0.3 from the matrices
        r"w_2 x_1 + w_4 x_2 = 0.2 \times 0.5 + 0.3 \times 0.3",
        r"-2 (0.7 - z_1) \cdot w_1 = -0.294",  # a bare result rounded to its places
        r"-2 (0.7 - z_1) \cdot w_1 = -0.29",
    ],
)
def test_matrix_entries_and_formulas_give_values(step: str, runner: StepRunner) -> None:
    status, message = _after_matrices(step, runner)
    assert status == "ok", message


def test_a_wrong_entry_after_matrices_is_wrong(runner: StepRunner) -> None:
    status, message = _after_matrices(r"w_2 x_1 + w_4 x_2 = 0.3 \times 0.5 + 0.3 \times 0.3", runner)
    assert status == "wrong", message


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (r"w_5^{+} - w_5", "w_{5}^{[+]}"),
        (r"w_5^{new} - w_5", "w_{5}^{[new]}"),
        (r"W^{\text{old}} - W", "W^{[old]}"),
        (r"w_1' - w_1", "w_{1}^{[prime]}"),
    ],
)
def test_an_updated_weight_is_a_name_of_its_own(text: str, name: str) -> None:
    from derive.checks.latex.normalize import normalize

    norm = normalize(text, NOTATION)
    assert not norm.problems and len(norm.symbol_names) == 2 and name in norm.symbol_names


@pytest.mark.parametrize(("text", "problem"), [(r"y' - 2x", "a prime on y"), (r"(x)^+", "a superscript +")])
def test_a_derivative_prime_and_a_positive_part_are_not_update_marks(text: str, problem: str) -> None:
    from derive.checks.latex.normalize import normalize

    assert any(problem in p for p in normalize(text, NOTATION).problems)


def test_an_update_step_puts_the_new_value_in(runner: StepRunner) -> None:
    text = EXAMPLE + "$$ w_5^{+} = 0.35891648 $$\n\n$$ 2 w_5^{+} = 2 \\cdot 0.35891648 $$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message


def test_a_definition_after_a_line_break_does_not_confirm_itself(runner: StepRunner) -> None:
    """``v_3 = 0.201`` written after ``v_2 = 0.203, \\quad`` and a line break is a definition: it
    was once judged ok by its own value (its name starts on the line before its value)."""
    text = "$$\n\\begin{aligned}\nv_2 = 0.203, \\quad\nv_3 = 0.201\n\\end{aligned}\n$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["inconclusive", "inconclusive"]


UPDATE = r"""
$\hat y = w_2 \, \mathrm{ReLU}(w_1 x)$, $x = 2$, $w_1 = 1$, $w_2 = 0.5$.

Forward: $\hat y = 1$. After the update: $w_2 = 0.3$, $w_1 = 0.9 \Rightarrow \hat y = VALUE$.

$z = -3 + 2 + 3 = 2 \Rightarrow h = \sigma(2) \approx 0.88$, so $(1 - h) = 0.12$.
"""


@pytest.mark.parametrize(("value", "status"), [("0.54", "ok"), ("0.64", "inconclusive")])
def test_a_formula_value_recomputed_after_an_update(value: str, status: str, runner: StepRunner) -> None:
    report = check_text(UPDATE.replace("VALUE", value), NOTATION, runner=runner, examples=30, markdown=True)
    (claim,) = [r for r in report.results if r.step.rhs.strip() == value]
    assert claim.status == status, claim.message
    (rest,) = [r for r in report.results if r.step.lhs.strip() == "(1 - h)"]
    assert rest.status == "ok", rest.message  # h = σ(2) ≈ 0.88 after an implication


def test_the_old_value_after_an_update_is_not_wrong(runner: StepRunner) -> None:
    """After ``w = 0.3`` the formula gives 0.9: a document writing the value before the update
    again (1.5) is not called wrong (which value it means is its own business)."""
    text = (
        "Let $x = 1$, $w = 0.5$, $\\hat y = 3 w x$. So $\\hat y = 1.5$.\n\n"
        "After the update $w = 0.3$ and $\\hat y = 1.5$.\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results if r.step.rhs.strip() == "1.5"][-1] == "inconclusive"


@pytest.mark.parametrize(
    "step",
    [
        r"2 x_{1} = 2 \cdot 0.3",  # x_1 was 0.5: another example's x_1, written only in prose
        r"2 v + x_{1} = 2 \cdot 0.7 + 0.5",  # v was 0.3: a short value with another digit is no slip
    ],
)
def test_a_step_that_writes_none_of_the_values_is_not_wrong(step: str, runner: StepRunner) -> None:
    text = f"$x_1 = 0.5$ and $v = 0.3$.\n\nIn the second example:\n\n$$ {step} $$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status != "wrong", report.results[-1].message
