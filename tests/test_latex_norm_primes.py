"""Primes on a function the document defines (checks/latex/norm_primes.py): ``f'(A)`` of
``f(u) = …`` at any argument A is d/du of the body with A put in for u; a parameter written with
a label (``g(Z^{[l]}) = …``) is matched as tokens."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
OWN_F = r"""Let $f(u) = u^{-1}$.

$$
\frac{d}{dx} f(1 + e^{-x}) = f'(1 + e^{-x}) \cdot (-e^{-x})
$$

$$
\frac{d}{dx} f(1 + e^{-x}) = f'(1 + e^{-x}) \cdot e^{-x}
$$

$$
f'(2u) = -\frac{1}{4u^2}
$$

$$
f'(u + 1) = -\frac{1}{u^2}
$$
"""


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def test_the_derivative_of_a_defined_function_at_another_argument(runner: StepRunner) -> None:
    statuses = [status for status, _ in _statuses(OWN_F, runner)]
    # the chain rule with the inner slope, then without its sign; f' at 2u; f'(u + 1) is not f'(u)
    assert statuses == ["ok", "wrong", "ok", "wrong"], _statuses(OWN_F, runner)


def test_a_labelled_parameter(runner: StepRunner) -> None:
    text = (
        "$$\ng^{[l]}(Z^{[l]}) = \\max \\left(0, Z^{[l]}\\right)\n$$\n\n"
        "$$\ng^{[l]'}(Z^{[l]}) = \\begin{cases} 1 & Z^{[l]} > 0 \\\\ 0 & Z^{[l]} \\leq 0 \\end{cases}\n$$\n\n"
        "$$\ng^{[l]'}(Z^{[l]}) = \\begin{cases} 0 & Z^{[l]} > 0 \\\\ 1 & Z^{[l]} \\leq 0 \\end{cases}\n$$\n"
    )
    statuses = [status for status, _ in _statuses(text, runner)]
    assert statuses == ["inconclusive", "ok", "wrong"]
