r"""A name defined by a formula of one variable, written with a prime, is that formula's derivative
(checks/latex/primed_names.py): ``f = 1 + e^{-z}``, then ``f' = -e^{-z}`` (held-out 11's notes).
Only ok is taken from that reading; a step it does not prove keeps its first verdict."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DEFINED = "$$ g = \\frac{1}{f} $$\n\n$$ f = 1 + e^{-z} $$\n\nLet $u = 1 + x^2$ and $v = w x + b$.\n\n"


def _status(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{DEFINED}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


@pytest.mark.parametrize(
    "step",
    [
        r"f' = -e^{-z}",
        r"u' = 2x",
        r"u^{\prime} = 2x",
        r"g' = \frac{-1}{f^2}",  # by g's one variable f, f's value put in after
        r"g' = \frac{-1}{(1 + e^{-z})^2}",
    ],
)
def test_the_derivative_of_the_definition_by_its_one_variable(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status == "ok" and "primed name" in message, message


@pytest.mark.parametrize(
    "step",
    [
        r"f' = e^{-z}",  # the twin: a lost sign
        r"u' = x",
        r"v' = w",  # v = wx + b: by w or by x? not read
    ],
)
def test_anything_else_is_never_ok_or_wrong(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status in ("unparsed", "inconclusive"), message
