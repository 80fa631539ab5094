r"""A row after an empty row that follows an arrow's result continues the display's first line
(checks/latex/arrow_results.py)."""

from __future__ import annotations

from derive.checks.latex.arrow_results import after_arrow_and_gap
from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict


def test_an_arrow_result_then_an_empty_row() -> None:
    text = "& \\Rightarrow q^2\\\\\n\\\\\n&= p + q^2"
    assert after_arrow_and_gap(text, "q^2")
    assert after_arrow_and_gap(text, " q ^2 ")
    assert not after_arrow_and_gap("& \\Rightarrow q^2\\\\\n&= p + q^2", "q^2")  # no empty row
    assert not after_arrow_and_gap("& q^2\\\\\n\\\\\n&= p + q^2", "q^2")  # no arrow


# an expectation worked out term by term (made up)
TERMS = r"""$$\begin{aligned}
\langle E \rangle &= A + B\\
\\
& A \Rightarrow m^2\\
\\
& B \Rightarrow m^3 c\\
\\
&= m^2 + m^3 c
\end{aligned}$$

$$\begin{aligned}
& u^2 = 9 \\
& \Rightarrow u = 3 \\
&= 4
\end{aligned}$$"""


def test_the_sum_of_the_terms_is_not_compared_with_the_last_term(runner: StepRunner) -> None:
    status, message = step_verdict(TERMS, "m^3 c", runner)
    assert status == "inconclusive", message
    assert "empty row" in message


def test_a_chain_on_from_an_arrow_without_an_empty_row_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(TERMS, "3", runner)
    assert status == "wrong", message
