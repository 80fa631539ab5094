r"""``\sum`` alone as the name of a sum (checks/latex/bare_sums.py): abangfarhan's softmax note
(held-out set 1) writes the normaliser as a bare ``\sum``; steps that hold whatever its value are ok,
anything else keeps its first verdict."""

from __future__ import annotations

import pytest
from derive.checks.latex.bare_sums import indexed_bare_sums, named_bare_sums


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


@pytest.mark.parametrize(
    ("side", "before", "read"),
    [
        # the softmax's normaliser beside y_i, x_i: over k, the one letter nothing before writes
        (
            r"\frac{e^{x_j} \sum e^{x_k} - e^{x_i} e^{x_i}}{(\sum e^{x_k})^2}",
            r"\frac{\partial y_i}{\partial x_i}",
            r"\frac{e^{x_j} \sum_{k} e^{x_k} - e^{x_i} e^{x_i}}{(\sum_{k} e^{x_k})^2}",
        ),
        (r"-\frac{2}{n} \sum (y_i - \hat{y}_i) x_i", r"\frac{dL}{dw}", r"-\frac{2}{n} \sum_{i} (y_i - \hat{y}_i) x_i"),
        # i is w_i's, written before the sum: the sum runs over d
        (
            r"\sum (o_d - t_d)(x_{i,d} + x_{i,d}^2)",
            r"\frac{\partial E}{\partial w_i}",
            r"\sum_{d} (o_d - t_d)(x_{i,d} + x_{i,d}^2)",
        ),
        (r"\frac{1}{m} \sum dZ^{[l]}", "db^{[l]}", None),  # no index letter: NumPy's sum of every entry
        (r"\sum y_j z_k", "L", None),  # two letters: which one is summed?
        (r"\sum_k e^{x_k}", "p", None),  # written with its index
    ],
)
def test_a_bare_sum_runs_over_the_one_letter_its_summand_adds(side: str, before: str, read: str | None) -> None:
    assert indexed_bare_sums(side, before) == read


#: a course's quadratic-features regression, with the sums as the notes write them (held-out 29)
FEATURES = (
    r"$$E = \frac12 \sum_{d} (t_d - o_d)^2$$" "\n\n"
    r"$$o_d = w_0 + \sum_{i=1}^{n} w_i (x_{i,d} + x_{i,d}^2)$$" "\n\n"
    r"$$\frac{\partial E}{\partial w_i} = \sum (o_d - t_d)%s$$" "\n"
)


def test_a_step_with_a_bare_sum_over_its_fresh_letter(statuses) -> None:
    assert statuses(FEATURES % r"(x_{i,d} + x_{i,d}^2)")[-1] == "ok"
    # the square feature's term dropped: never ok (the letter is read, not written: no wrong either)
    assert statuses(FEATURES % r"x_{i,d}")[-1] not in ("ok", "wrong")
