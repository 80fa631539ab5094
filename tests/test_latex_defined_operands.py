r"""A derivative written right before the formula of what it differentiates
(checks/latex/defined_operands.py): the seventeenth hunt's notes on a computational graph define
"$q = x + y$" and write ``\frac{\partial q}{\partial y} (x + y) = 1``, the derivative of x + y."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.defined_operands import operands_named
from derive.checks.latex.doc_definitions import Definition
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import Step

NOTATION = load_notation()
GRAPH = "The graph computes:\n\n1. $q = x + y$\n2. $f = qz$\n\n"


def test_the_bracket_holding_the_definition_is_the_operand() -> None:
    q = Definition(3, 5, "q", "x + y")
    step = Step(6, r"\frac{\partial q}{\partial y} (x + y)", "1", "=", "inline", column=40)
    assert operands_named(step, [q]).lhs == r"\frac{\partial}{\partial y}(x + y)"
    # another bracket, or one before the definition is written, stays a factor
    other = Step(6, r"\frac{\partial q}{\partial y} (x - y)", "1", "=", "inline", column=40)
    assert operands_named(other, [q]) == other
    assert operands_named(step, [Definition(9, 1, "q", "x + y")]) == step


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("$\\frac{\\partial q}{\\partial y} = \\frac{\\partial q}{\\partial y} (x + y) = 1$", ["ok", "ok"]),
        # the wrong twin: the derivative's value
        ("$\\frac{\\partial q}{\\partial y} (x + y) = 2$", ["wrong"]),
    ],
)
def test_a_derivative_named_by_its_numerators_formula(claim: str, status: list[str], runner: StepRunner) -> None:
    report = check_text(GRAPH + "- " + claim + "\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results if r.step.line == 6] == status, [r.message for r in report.results]
