"""A bracket holding a derivative's own variable after it (checks/latex/evaluated_points.py): the
nineteenth hunt's sigmoid note, ``\\frac{d\\sigma}{dx}(x) = \\sigma(x)(1-\\sigma(x))``, was 'wrong'
read as the derivative times x."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
SIGMOID = "$$\\sigma(x) = \\frac{1}{1+\\exp(-x)}$$\n\n"


def _statuses(text: str, runner: StepRunner) -> dict[str, tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return {f"{r.step.lhs.strip()} = {r.step.rhs.strip()}": (r.status, r.message) for r in report.results}


def test_a_functions_derivative_at_its_own_variable_is_evaluated_there(runner: StepRunner) -> None:
    claim = r"\frac{d\sigma}{dx}(x) = \sigma(x)(1-\sigma(x))"
    assert _statuses(SIGMOID + f"$${claim}$$\n", runner)[claim][0] == "ok"


def test_a_wrong_derivative_at_its_own_variable_stays_wrong(runner: StepRunner) -> None:
    claim = r"\frac{d\sigma}{dx}(x) = \sigma(x)(1+\sigma(x))"
    assert _statuses(SIGMOID + f"$${claim}$$\n", runner)[claim][0] == "wrong"


def test_a_variables_derivative_before_its_variable_in_brackets_is_not_read(runner: StepRunner) -> None:
    # dy/dx (x): a point or a factor, the writing does not say
    claim = r"\frac{dy}{dx}(x) = 3"
    status, message = _statuses(f"$$y = 3x$$\n\n$${claim}$$\n", runner)[claim]
    assert status != "wrong" and "a point or a factor" in message, message
