r"""A letter a later problem gives a new distribution (redistributed_variables): jmyers7/stats-book-
materials (worksheets/04-examples-of-rvs-sol.tex, line 304) wrote ``10^{-5} = P(X=0)`` for a
Poisson X, judged with ``P(X = 0) = (1-0.05)^{25}`` of an earlier binomial problem's X; without a
new ``X \sim`` statement in between the earlier value still refutes."""

from __future__ import annotations

from collections.abc import Callable

# a worksheet (made up): every problem's variable is X
WORKSHEET = r"""Problem 1. Two fair coins, $X \sim \mathcal{B}in(2, 1/2)$, so
$$P(X = 0) = \frac{1}{4}$$

Problem 2. {told} and the chance of no arrival is
$$0.01 = P(X=0)$$"""


def test_a_later_problems_variable_is_not_judged_with_the_earlier_value(
    statuses: Callable[[str], list[str]],
) -> None:
    text = WORKSHEET.replace("{told}", r"Arrivals are $X\sim \mathcal{P}ois(\mu)$")
    assert statuses(text)[-1] == "inconclusive"


def test_without_a_new_distribution_the_earlier_value_refutes(statuses: Callable[[str], list[str]]) -> None:
    text = WORKSHEET.replace("{told}", "With the same coins")
    assert statuses(text)[-1] == "wrong"
