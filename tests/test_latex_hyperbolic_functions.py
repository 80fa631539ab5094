"""sech, csch and coth are known functions (checks/latex/notation.py, sympy_build.py): notes on the
hyperbolic functions (held-out 9's chuo_v page) write tanh' = sech² and the like. Right steps are
ok, a lost sign is wrong; coth's pole at 0 leaves a sampled difference inconclusive, never wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _status(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = report.results
    return result.status, result.message


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\operatorname{sech}(x) = \frac{2}{e^x + e^{-x}}", "ok"),
        (r"\frac{d}{dx}\tanh x = \operatorname{sech}^2 x", "ok"),
        (r"\text{csch}(x) = \frac{1}{\sinh x}", "ok"),
        (r"\frac{d}{dx}\operatorname{sech} x = -\operatorname{sech} x \tanh x", "ok"),
        (r"\frac{d}{dx}\operatorname{sech} x = \operatorname{sech} x \tanh x", "wrong"),
        (r"\frac{1}{\operatorname{sech} x} = \frac{e^x - e^{-x}}{2}", "wrong"),  # that is sinh
    ],
)
def test_hyperbolic_steps(step: str, status: str, runner: StepRunner) -> None:
    got, message = _status(step, runner)
    assert got == status, message


def test_coth_is_never_wrong_for_its_pole(runner: StepRunner) -> None:
    got, message = _status(r"\coth x = \frac{\cosh x}{\sinh x}", runner)
    assert got in ("ok", "inconclusive"), message
