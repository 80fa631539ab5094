r"""A step about parts the document never gives a value, differentiated by one variable
(checks/latex/varying_steps.py, checks/latex/varying_parts.py): each such part is read as an unknown
function of that variable, and a step that then holds exactly (the linearity of the derivative, the
product rule, the chain rule through log) is ok for whatever the parts are. A step that needs a part
to be one function in particular, a dropped factor or term, or a product of names that may be
matrices stays unread or inconclusive, never wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

D = r"\frac{\partial %s}{\partial %s}"
#: the regularised loss of a TDT4265 report: J = C + λR, neither part given a value
REGULARISED = "The objective is $J = C + \\lambda R$, with $\\lambda > 0$.\n\n"
#: the operator before a bracket of parts
SUM = r"\frac{\partial}{\partial w}\left(C + \lambda R\right) = "


def _last(step: str, runner: StepRunner, context: str = "") -> tuple[str, str]:
    report = check_text(f"{context}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    return result.status, result.message


CORRECT = [
    # the gradient of a sum of parts is the sum of their gradients (J defined from C and R)
    (D % ("J", "w") + " = " + D % ("C", "w") + r" + \lambda " + D % ("R", "w"), REGULARISED),
    # linearity with no definition at all: the operator before a bracket of parts
    (SUM + D % ("C", "w") + r" + \lambda " + D % ("R", "w"), ""),
    # the log's chain rule through a dependence only the step says (TDT4265, held-out 18)
    (D % (r"\ln{a}", "b") + r" = \frac{1}{a}" + D % ("a", "b"), ""),
    # the product rule
    (r"\frac{\partial}{\partial w}\left(u v\right) = u" + D % ("v", "w") + " + v" + D % ("u", "w"), ""),
]


@pytest.mark.parametrize(("step", "context"), CORRECT)
def test_a_step_that_holds_whatever_the_parts_are_is_ok(step: str, context: str, runner: StepRunner) -> None:
    status, message = _last(step, runner, context)
    assert status == "ok" and "for any functions" in message, message


TWINS = [
    (D % ("J", "w") + " = " + D % ("C", "w") + " + " + D % ("R", "w"), REGULARISED),  # λ dropped
    (SUM + D % ("C", "w") + " + " + D % ("R", "w"), ""),
    (D % (r"\ln{a}", "b") + r" = a" + D % ("a", "b"), ""),  # 1/a written a
    (r"\frac{\partial}{\partial w}\left(u v\right) = u" + D % ("v", "w"), ""),  # a term of the product rule missing
    (D % ("J", "w") + " = " + D % ("C", "b") + r" + \lambda " + D % ("R", "w"), REGULARISED),  # another variable
]


@pytest.mark.parametrize(("step", "context"), TWINS)
def test_a_wrong_twin_is_never_ok_nor_wrong(step: str, context: str, runner: StepRunner) -> None:
    status, message = _last(step, runner, context)
    assert status not in ("ok", "wrong"), message


def test_a_product_of_names_that_may_be_matrices_is_not_read(runner: StepRunner) -> None:
    # read as scalars the order of the factors is free; for matrices N ∂M/∂w is not ∂M/∂w N
    step = r"\frac{\partial}{\partial w}\left(M N\right) = N" + D % ("M", "w") + " + M" + D % ("N", "w")
    status, message = _last(step, runner)
    assert status not in ("ok", "wrong"), message


def test_a_label_inside_the_operand_is_a_part_too(runner: StepRunner) -> None:
    # y may be a label, but the page does not say so: y ∂(log h)/∂θ needs y fixed, and stays unread
    step = r"\frac{\partial}{\partial \theta}\left(y \log h\right) = \frac{y}{h}" + D % ("h", r"\theta")
    status, message = _last(step, runner)
    assert status not in ("ok", "wrong"), message


def test_a_part_reached_through_a_definition_by_an_indexed_variable_is_not_read(runner: StepRunner) -> None:
    # J's value is read without the step's index values (C of w_{ij}, not of w_{11}): ∂J/∂w_{ij} would vanish
    step = D % ("J", "w_{ij}") + " + C = C"
    status, message = _last(step, runner, REGULARISED)
    assert status not in ("ok", "wrong"), message
    # by a plain variable the parts are read, and the step (∂J/∂w = 0) does not hold for them
    status, message = _last(D % ("J", "w") + " + C = C", runner, REGULARISED)
    assert status not in ("ok", "wrong"), message
