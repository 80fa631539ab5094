r"""``\sum`` alone as the name of a sum (checks/latex/bare_sums.py): abangfarhan's softmax note
(held-out set 1) writes the normaliser as a bare ``\sum``; steps that hold whatever its value are ok,
anything else keeps its first verdict."""

from __future__ import annotations

import pytest
from derive.checks.latex.bare_sums import named_bare_sums


@pytest.mark.parametrize(
    ("side", "read"),
    [
        (r"\frac{e_i\sum - e_i e_i}{\sum^2}", r"\frac{e_i\Sigma  - e_i e_i}{\Sigma ^2}"),
        (r"\frac{e_i}{\sum}", r"\frac{e_i}{\Sigma }"),
        # a sum with a summand, or with an index, is a sum
        (r"\sum e^{x_k}", None),
        (r"\sum_k e^{x_k}", None),
        # a side that writes \Sigma already: one name cannot mean both
        (r"\Sigma + \frac{1}{\sum}", None),
    ],
)
def test_the_bare_sums_read_as_one_name(side: str, read: str | None) -> None:
    assert named_bare_sums(side) == read


def test_steps_with_the_bare_sum_as_a_name(statuses) -> None:
    good = r"$$\frac{e_i\sum - e_i e_i}{\sum^2} = \frac{e_i}{\sum} \left( \frac{\sum - e_i}{\sum} \right)$$" + "\n\n"
    slip = r"$$\frac{e_i\sum - e_i e_i}{\sum^2} = \frac{e_i}{\sum} \left( \frac{\sum + e_i}{\sum} \right)$$" + "\n\n"
    # p_i = e_i / Σ_k e^{x_k}: only with the sum's value, which the name does not carry: never wrong
    defined = r"$$p_i = \frac{e^{x_i}}{\sum_k e^{x_k}}$$" + "\n\n" + r"$$\frac{e^{x_i}}{\sum} = p_i$$" + "\n"
    verdicts = statuses(good + slip + defined)
    assert verdicts[:2] == ["ok", "unparsed"]
    assert verdicts[-1] != "wrong"
