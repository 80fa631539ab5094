"""A sum over a named set (``\\sum_{w \\in V}``, set_sums.py) is a sum over an index only where
the summand uses the letter as a subscript alone; a sum over data points stays unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.set_sums import set_index

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("subscript", "summand", "index"),
    [
        (["w", r"\in", "V"], ["y", "_", "w", r"\log", "p", "_", "w"], "w"),
        (["w", r"\in", "{", "V", "o", "c", "a", "b", "}"], ["y", "_", "{", "w", "}"], "w"),
        (["k", r"\in", r"\mathcal", "{", "C", "}"], ["p", "_", "{", "k", ",", "j", "}"], "k"),
        (["x", r"\in", "D"], ["(", "w", "x", "-", "t", ")", "^", "2"], None),  # x is a data point
        (["i", r"\in", r"\{", "1", ",", "2", r"\}"], ["x", "_", "i"], None),  # a set written out
        (["w", r"\in", "V"], ["c"], None),  # the letter is not used at all
        (["w", "=", "1"], ["y", "_", "w"], None),  # not a set
        # a distribution written as a function of its outcome (a hunt-15 information-theory note)
        (["x", r"\in", "X"], ["p", "(", "x", ")", r"\log", "q", "(", "x", ")"], "x"),
        (["x", r"\in", "X"], ["p", "(", "x", "+", "1", ")"], None),  # not the whole argument
        # the index in a font, one set of a family, "for every x"
        ([r"\mathit", "{", "d", "}", r"\in", r"\mathit", "{", "D", "}"], ["t", "_", "d"], "d"),
        (["d", r"\in", r"\mathcal", "{", "D", "}", "_", "j"], ["u", "_", "{", "d", "}"], "d"),
        ([r"\forall", "x"], ["C", "_", "x"], "x"),
        ([r"\forall", "x"], ["(", "w", "x", ")"], None),  # x a data point, not an index
        (["d", r"\in", r"\mathcal", "{", "D", "}", "_", "j", "k"], ["u", "_", "d"], None),  # not one subscript
    ],
)
def test_the_index_of_a_set_sum(subscript: list[str], summand: list[str], index: str | None) -> None:
    assert set_index(subscript, summand) == index


def test_set_sums_are_judged(runner: StepRunner) -> None:
    steps = [
        r"\sum_{w \in V} y_w = 1",  # y one-hot
        r"\sum_{k \in \mathcal{C}} x_k = \sum_{k=1}^{C} x_k",
        r"\sum_{w \in V} 2 x_w = \sum_{w} x_w",  # a factor 2 dropped
        r"\sum_{x \in D} (w x - t)^2 = \sum_{x} (w x - t)^2",  # data points: not read
        r"\sum_{\forall x} (a_x + b_x) = \sum_{\forall x} a_x + \sum_{\forall x} b_x",
        r"\sum_{d\in\mathcal{D}_j} (a_d + b_d) = \sum_{d\in\mathcal{D}_j} a_d - \sum_{d\in\mathcal{D}_j} b_d",
    ]
    text = "Here $y$ is a one-hot vector.\n\n" + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "ok", "wrong", "unparsed", "ok", "wrong"]


def test_a_set_sum_of_a_distribution_is_judged(runner: StepRunner) -> None:
    kl = r"\sum_{x \in X} p(x) \log \frac{p(x)}{q(x)} = \sum_{x \in X} p(x) \log p(x) {sign} "
    kl += r"\sum_{x \in X} p(x) \log q(x)"
    text = "".join(f"$${kl.replace('{sign}', sign)}$$\n\n" for sign in ("-", "+"))
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]
