"""A derivative by the summed index's entry inside the sum, in a chain whose first term writes that
index free (bound_derivatives): neither ok nor wrong. The chain rule's sum over a bound index alone
is judged as before."""

from __future__ import annotations

from derive.checks.latex.bound_derivatives import bound_derivative_letters
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()

#: TDT4265 softmax notes (held-out 17): the chain is about one ŷ_k, the sum over every k
CLASH = r"""
$$
\begin{aligned}
\frac{\partial C}{\partial \hat{y}_k}
&= \frac{\partial}{\partial \hat{y}_k}\left(-\sum_{k=1}^K y_k \ln(\hat{y}_k)\right) \\
&= -\sum_{k=1}^K y_k \frac{\partial }{\partial \hat{y}_k}\ln(\hat{y}_k) \\
&= %s
\end{aligned}
$$
"""


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]
    return result.status, result.message


def test_the_letters_of_derivatives_inside_their_own_sums() -> None:
    inside = normalize(r"-\sum_{k=1}^K y_k \frac{\partial}{\partial \hat{y}_k}\ln(\hat{y}_k)", NOTATION)
    assert bound_derivative_letters(inside) == {"k"}
    outside = normalize(r"\frac{\partial}{\partial \hat{y}_j}\ln(\hat{y}_j) + \sum_{k=1}^K y_k", NOTATION)
    assert bound_derivative_letters(outside) == set()


def test_a_derivative_by_the_chain_s_free_index_inside_a_sum_over_it_is_not_judged(runner: StepRunner) -> None:
    status, message = _last(CLASH % r"-\sum_{k=1}^K \frac{y_k}{\hat{y}_k}", runner)
    assert status == "inconclusive", message
    assert "one k or every k" in message


def test_without_the_free_index_the_step_is_judged_as_before(runner: StepRunner) -> None:
    # the same sums in a chain about ŷ_j: k is bound only, each term's derivative its own
    text = CLASH % r"-\sum_{k=1}^K \frac{y_k}{\hat{y}_k}"
    text = text.replace(r"\partial \hat{y}_k}\left", r"\partial \hat{y}_j}\left")
    text = text.replace(r"\frac{\partial C}{\partial \hat{y}_k}", r"\frac{\partial C}{\partial \hat{y}_j}")
    status, message = _last(text, runner)
    assert status == "ok", message
    wrong = text.replace(r"\frac{y_k}{\hat{y}_k}", r"\frac{y_k}{\hat{y}_k^2}")
    status, message = _last(wrong, runner)
    assert status == "wrong", message
