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


#: the seventeenth hunt's perceptron notebook: φ the step function after ŷ, then Adaline's identity
PERCEPTRON = r"""Step 1: compute $z = w^T x + b$.

Step 2: Apply the Heaviside Step Function

$$\hat{y} = \phi(z) = \begin{cases} +1 & \text{if } z \geq 0 \\ -1 & \text{if } z < 0 \end{cases}$$

Linear activation (identity function):

$$\phi(z^{(i)}) = z^{(i)}$$
"""


def _markdown_statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def test_formulas_in_a_chain_or_at_an_example_drop_the_convention(runner: StepRunner) -> None:
    """φ's values given after ŷ (a chain's second link) or at z^{(i)}: the document's φ, not the ReLU."""
    assert "wrong" not in _markdown_statuses(PERCEPTRON, runner)


def test_a_relu_formula_in_a_chain_keeps_the_convention(runner: StepRunner) -> None:
    """The wrong twin: φ given the ReLU's formula after a name stays the ReLU: φ(-2) = -2 is wrong."""
    text = "$$a = \\phi(z) = \\max(0, z)$$\n\nso $$\\phi(-2) = -2$$\n"
    assert "wrong" in _markdown_statuses(text, runner)
