"""Weight updates of numeric worked examples (checks/latex/numeric_derivatives.py): a derivative a
chain gives a number has that value, and the learning rate the prose states has its value, so
``w_5 - \\eta \\frac{\\partial E}{\\partial w_5} = 0.4 - 0.5 \\times 0.0821`` is judged as a
substitution. Correct updates are ok; a dropped η or a flipped sign is wrong with the values as
counterexample; a derivative given two values, or a learning rate stated twice differently, is not
used (never wrong)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.numeric_derivatives import derivative_key, prose_rates
from derive.checks.latex.numeric_values import NumericValue

NOTATION = load_notation()

PROSE = "We train with a learning rate η = 0.5.\n\n"

EXAMPLE = r"""
The weight is $w_5 = 0.4$ and the hidden output is $out_{h1} = 0.593269992$.

$$\frac{\partial E_{total}}{\partial w_5} = 0.74136507 \times 0.186815602 \times 0.593269992 = 0.082167041$$

"""

UPDATE = r"w_5^{+} = w_5 - \eta \frac{\partial E_{total}}{\partial w_{5}} = "


def _last(doc: str, step: str, runner: StepRunner) -> tuple[str, str, dict | None]:
    report = check_text(doc + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == doc.count("\n") + 1
    return result.status, result.message, result.counterexample


def test_a_correct_update_is_ok(runner: StepRunner) -> None:
    status, message, _ = _last(PROSE + EXAMPLE, UPDATE + r"0.4 - 0.5 \times 0.082167041", runner)
    assert status == "ok", message
    assert "∂E_{total}/∂w_{5} = 0.082167041" in message


def test_an_update_with_the_derivative_rounded_is_ok(runner: StepRunner) -> None:
    status, message, _ = _last(PROSE + EXAMPLE, UPDATE + r"0.4 - 0.5 \times 0.0822", runner)
    assert status == "ok", message


def test_a_flipped_sign_is_wrong_with_the_values(runner: StepRunner) -> None:
    status, _, cex = _last(PROSE + EXAMPLE, UPDATE + r"0.4 + 0.5 \times 0.082167041", runner)
    assert status == "wrong"
    assert cex["point"] == {"∂E_{total}/∂w_{5}": "0.082167041", r"\eta": "0.5", "w_{5}": "0.4"}
    assert cex["lhs"].startswith("0.35891") and cex["rhs"].startswith("0.44108")


def test_a_dropped_learning_rate_is_wrong(runner: StepRunner) -> None:
    status, _, cex = _last(PROSE + EXAMPLE, UPDATE + r"0.4 - 0.082167041", runner)
    assert status == "wrong"
    assert cex["rhs"].startswith("0.31783")


def test_a_rate_stated_without_its_symbol_is_the_one_the_document_uses(runner: StepRunner) -> None:
    doc = "We pick a learning rate of 0.5 for this example.\n\n" + EXAMPLE
    assert _last(doc, UPDATE + r"0.4 - 0.5 \times 0.082167041", runner)[0] == "ok"
    assert _last(doc, UPDATE + r"0.4 + 0.5 \times 0.082167041", runner)[0] == "wrong"


def test_a_derivative_given_two_values_is_not_used(runner: StepRunner) -> None:
    doc = PROSE + EXAMPLE + r"$$\frac{\partial E_{total}}{\partial w_5} = 0.0413$$" + "\n\n"
    status, message, _ = _last(doc, UPDATE + r"0.4 + 0.5 \times 0.082167041", runner)
    assert status not in ("wrong", "ok"), message


def test_a_rate_stated_twice_differently_is_not_used(runner: StepRunner) -> None:
    doc = PROSE + "Later the learning rate is 0.1.\n\n" + EXAMPLE
    status, message, _ = _last(doc, UPDATE + r"0.4 - 0.082167041", runner)
    assert status != "wrong", message


def test_without_a_stated_rate_the_update_is_not_called_wrong(runner: StepRunner) -> None:
    status, message, _ = _last(EXAMPLE, UPDATE + r"0.4 - 0.1 \times 0.082167041", runner)
    assert status != "wrong", message


def test_derivative_keys_read_the_numerator_and_variable_as_names() -> None:
    a = derivative_key(r"\frac{\partial E_{total}}{\partial w_5}", NOTATION)
    assert a is not None
    assert a == derivative_key(r"\dfrac{\partial E_{total}}{\partial w_{5}}", NOTATION)
    assert a != derivative_key(r"\frac{\partial E_{total}}{\partial w_6}", NOTATION)
    assert derivative_key(r"\frac{\partial^2 E}{\partial w^2}", NOTATION) is None
    assert derivative_key(r"\frac{\partial E}{\partial w} x", NOTATION) is None


def _rates(text: str) -> list[tuple[str, float]]:
    equations = extract(text, markdown=True)
    return [(v.name, float(v.value)) for v in prose_rates(text, equations, NOTATION, NumericValue)]


def test_prose_rates() -> None:
    math = r"$$w' = w - \eta g$$" + "\n"
    assert _rates("with a learning rate of 0.5\n" + math) == [(r"\eta", 0.5)]
    assert _rates("**参数更新（假设学习率η=0.1）**\n" + math) == [(r"\eta", 0.1)]
    assert _rates("the learning rate (0.5) :\n" + r"$$w' = w - \alpha g$$") == [(r"\alpha", 0.5)]
    assert _rates("학습률($$\\eta$$)을 0.1이라고 할 때\n" + math) == [(r"\eta", 0.1)]
    assert _rates("a learning rate ($\\alpha$) of 0.01\n" + math) == [(r"\alpha", 0.01)]
    assert _rates("学习率为0.05\n" + math) == [(r"\eta", 0.05)]
    # not one unambiguous statement: none
    assert _rates("the learning rate for layer 2 is 0.1\n" + math) == []
    assert _rates("a learning rate of 1e-3\n" + math) == []
    assert _rates("learning rates 0.1 and 0.01\n" + math) == []
    assert _rates("the learning rate is 10 times smaller\n" + math) == []
    assert _rates("learning rate 0.5, then learning rate 0.1\n" + math) == []
    # no symbol written and the document uses two: which one is not known
    assert _rates("learning rate of 0.5\n" + r"$$w' = w - \eta \alpha g$$") == []


CHAIN = r"""
$$\frac{\partial E}{\partial out} = 0.7414$$

$$\frac{\partial out}{\partial w_5} = 0.1108$$

$$\frac{\partial E}{\partial w_5} = \frac{\partial E}{\partial out} \frac{\partial out}{\partial w_5}$$

"""


def test_a_derivative_put_in_by_its_earlier_chain_rule_is_ok(runner: StepRunner) -> None:
    status, message, _ = _last(CHAIN, r"\frac{\partial E}{\partial w_{5}} = 0.7414 \times 0.1108", runner)
    assert status == "ok", message
    assert "earlier formula" in message


def test_numbers_that_miss_the_earlier_chain_rule_are_never_wrong(runner: StepRunner) -> None:
    # the chain rule written before may be the slip: inconclusive, not wrong
    status, message, _ = _last(CHAIN, r"\frac{\partial E}{\partial w_{5}} = 0.7414 \times 0.5108", runner)
    assert status == "inconclusive", message


def test_a_step_with_its_own_rate_is_not_wrong_by_the_prose_rate(runner: StepRunner) -> None:
    # the prose rate is another training's; this step writes its own (0.1): not a dropped η
    doc = "The network is trained with a learning rate of 0.01.\n\n" + EXAMPLE
    status, message, _ = _last(doc, UPDATE + r"0.4 - 0.1 \times 0.082167041", runner)
    assert status != "wrong", message


def test_a_derivative_valued_after_an_implication_has_its_value(runner: StepRunner) -> None:
    # the row starts with ReLU's derivative; the chain after ⇒ gives ∂E/∂z_1 its number, which the
    # next row puts in: judged with it (before, only a row's first derivative got a value)
    doc = (
        "The input is $x = 2.0$.\n\n"
        r"$$\frac{\partial a_1}{\partial z_1} = 1 \Rightarrow \frac{\partial E}{\partial z_1} = "
        r"\frac{\partial E}{\partial a_1} \cdot 1 = 0.25$$"
        "\n\n"
    )
    chain = r"\frac{\partial E}{\partial w_1} = \frac{\partial E}{\partial z_1}"
    status, message, _ = _last(doc, chain + r" \cdot x = 0.25 \cdot 2.0", runner)
    assert status == "ok", message
    assert "∂E/∂z_{1} = 0.25" in message
    # the wrong twin: a sum for the product, with both numbers put in (2.25, not 0.5)
    status, _, cex = _last(doc, chain + r" + x = 0.25 \cdot 2.0", runner)
    assert status == "wrong" and cex is not None
