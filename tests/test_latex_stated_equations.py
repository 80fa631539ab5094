r"""Equations the prose says something satisfies (stated_equations): conditions, not identities.

The twenty-fifth hunt left three false alarms of this form open: "the limit $F$ satisfies the
equation $F = 1 + \frac{1}{F}$, or equivalently the equation $F^2 = F + 1$" (JuanBiancuzz, Spanish),
"Indeed, the median satisfies $$1-e^{-a} = e^{-a}$$" and "Then we need $$1-uw=uw$$" (cwindolf). Each
was refuted at a point no solution has. A wrong identity without such words stays wrong, and so does
arithmetic after them.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.stated_equations import stated_condition
from hunt_steps import step_verdict

LIMIT = r"""Por lo tanto el límite $F$ satisface la ecuación $F = 1 + \frac{1}{F}$, o equivalentemente
la ecuación $F^2 = F + 1$. Se concluye que $F = \Psi$.
"""

MEDIAN = r"""Indeed, the median satisfies
$$\begin{aligned}
1-e^{-a} &= e^{-a},
\end{aligned}$$
so that $2e^{-a}=1$.
"""

NEED = r"""The two probabilities must be equal. Then we need $$1-uw=uw\implies uw=\frac{1}{2}.$$
"""


@pytest.mark.parametrize(
    ("text", "lhs", "words"),
    [(LIMIT, "F^2", "satisface"), (MEDIAN, "1-e^{-a}", "satisfies"), (NEED, "1-uw", "we need")],
)
def test_an_equation_the_prose_calls_a_condition_is_not_refuted(
    text: str, lhs: str, words: str, runner: StepRunner
) -> None:
    status, message = step_verdict(text, lhs, runner)
    assert status == "inconclusive"
    assert f"states it as a condition ({words}" in message


def test_the_same_equation_without_the_words_stays_wrong(runner: StepRunner) -> None:
    text = "Expanding once more,\n$$1-e^{-a} = e^{-a}$$\n"
    status, _ = step_verdict(text, "1-e^{-a}", runner)
    assert status == "wrong"


def test_arithmetic_after_the_words_stays_wrong(runner: StepRunner) -> None:
    text = "Then we need $$0.3 + 0.4 = 1.5$$\n"
    status, _ = step_verdict(text, "0.3 + 0.4", runner)
    assert status == "wrong"


def test_a_true_identity_after_the_words_stays_ok(runner: StepRunner) -> None:
    text = r"The sigmoid satisfies $\sigma(-x) = 1 - \sigma(x)$ for every x." + "\n"
    status, _ = step_verdict(text, r"\sigma(-x)", runner)
    assert status == "ok"


def test_only_the_last_sentence_counts() -> None:
    # "satisfies" in an earlier sentence says nothing about the formula after the next one
    assert stated_condition("The median satisfies the equation above. Expanding,") is None
    assert stated_condition("We solve for x:") == "solve for x"
    assert stated_condition("so that the weights are") is None


def test_an_equation_no_value_satisfies_stays_wrong_after_the_words(runner: StepRunner) -> None:
    # λ² + 1 = λ has no real root: false whatever λ is (solved_equations.without_real_solution)
    text = r"Every eigenvalue satisfies $\lambda^2 + 1 = \lambda$." + "\n"
    status, _ = step_verdict(text, r"\lambda^2 + 1", runner)
    assert status == "wrong"


def test_a_derivative_after_we_need_is_a_computation_and_stays_wrong(runner: StepRunner) -> None:
    text = "For the update we need $$\\frac{\\partial}{\\partial w}(wx)^2 = wx^2$$\n"
    assert step_verdict(text, "\\frac{\\partial}{\\partial w}", runner)[0] == "wrong"
