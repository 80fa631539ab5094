"""Names the document defines only in plain prose (checks/latex/prose_formulas.py): held-out 11's
Japanese softmax note writes ``u=exp(a<sub>0</sub>)+exp(a<sub>1</sub>)+exp(a<sub>2</sub>)`` outside
any math, then the quotient rule through u. Read as a constant, u made that right step wrong; a
wrong through such a name is held back, while a wrong step that does not use it stays wrong."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.prose_formulas import prose_formula_names

NOTATION = load_notation()
PROSE = "u=exp(a<sub>0</sub>)+exp(a<sub>1</sub>)+exp(a<sub>2</sub>)とおいて計算すると\n\n"
QUOTIENT = r"\frac{\partial}{\partial a_{0}} \frac{\exp(a_{0})}{u} = \frac{\exp(a_{0}) u - \exp(a_{0})\exp(a_{0})}{u^2}"


def _status(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]
    return result.status, result.message


def test_prose_formulas_are_found_outside_math_only() -> None:
    assert prose_formula_names(PROSE) == {"u"}
    text = "We set $x = 2 + y$ and k = 5, z=a+b, W<sub>1</sub> = W - 0.1 dW.\n$$v = w + 1$$\n"
    assert prose_formula_names(text) == {"z", "W_{1}"}


def test_a_step_through_a_prose_definition_is_not_wrong(runner: StepRunner) -> None:
    status, message = _status(PROSE + f"$$ {QUOTIENT} $$\n", runner)
    assert status == "inconclusive" and "prose" in message, message


def test_without_the_prose_the_constant_reading_stands(runner: StepRunner) -> None:
    # u under a plain quotient is a constant the page never defines: refuted as written
    plain = r"\frac{\partial}{\partial a_{0}} \frac{a_{0}^2}{u} = \frac{2 a_{0} u - a_{0}^2 \cdot 2 a_{0}}{u^2}"
    status, message = _status(f"$$ {plain} $$\n", runner)
    assert status == "wrong", message
    # under an exponential, u is a normaliser the page does not state (unstated_normalisers): held
    status, message = _status(f"$$ {QUOTIENT} $$\n", runner)
    assert status == "inconclusive" and "normaliser" in message, message


def test_a_wrong_step_not_using_the_name_stays_wrong(runner: StepRunner) -> None:
    status, message = _status(PROSE + r"$$ \frac{d}{da_0} \exp(2 a_0) = \exp(2 a_0) $$" + "\n", runner)
    assert status == "wrong", message
