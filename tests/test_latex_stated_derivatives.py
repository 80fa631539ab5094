r"""A convention letter (φ the ReLU, ψ the softmax) that the document gives formulas of its own of
several meanings (checks/latex/stated_derivatives.py): the sixteenth hunt's German summary lists
activation functions, each ``\varphi(x) = …`` in its own subsection (a step, x, the sigmoid, the
softmax), and each was judged against the ReLU, wrong. The letter is then none of them: a function
defined differently more than once. A document that gives φ one formula of its own keeps the
earlier rule, and φ with no formula of its own stays the ReLU."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

LIST = r"""\subsection{Step Function}
\[
\varphi(x) = \begin{cases}
1 & \text{if } x > 0 \\
0 & \text{if } x \leq 0
\end{cases}
\]
\subsection{Linear Function}
\[
\varphi(x) = x
\]
\subsection{Logistic Function}
\begin{align*}
\varphi(x) &= \frac{1}{1 + e^{-x}}
\end{align*}
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=False)
    return [r.status for r in report.results]


def test_a_list_of_definitions_of_the_letter_is_no_false_alarm(runner: StepRunner) -> None:
    assert "wrong" not in _statuses(LIST, runner)


def test_the_convention_still_holds_without_a_formula_of_the_documents(runner: StepRunner) -> None:
    """φ stays the ReLU where the document gives it no formula: φ(x) = x at x < 0 is wrong."""
    assert "wrong" in _statuses(r"\[ \varphi(-2) = -2 \]" + "\n", runner)


def test_a_slip_after_the_list_is_still_found(runner: StepRunner) -> None:
    """The list's own formulas are not assumed, but a slip in plain arithmetic beside them stays wrong."""
    assert "wrong" in _statuses(LIST + r"\[ \frac{1}{1 + e^{0}} = 1 \]" + "\n", runner)
