"""Conditional probabilities as quantities (checks/latex/probabilities.py): ``P(y=1|x)``,
``p(y|x;\\theta)``, ``P(y{=}1 \\mid x)`` are names a document defines and later steps use; a
binary label's two probabilities are complements; likelihoods are products of them."""

from __future__ import annotations

from fractions import Fraction

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.probabilities import complement_of, instantiate_key, probability_name

NOTATION = load_notation()


def _last(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


def test_keys_are_the_normalised_text() -> None:
    assert probability_name(r"P(y{=}1\mid x;\theta)") == probability_name(r"P( y = 1 | x ; \theta )")
    assert probability_name(r"P(\bm{T}|\bm{X})") == "P(T|X)"
    assert probability_name(r"p(x)") is None  # a density (or any function) of x: not read here
    assert probability_name(r"P(y|x) h") is None
    key = r"P(t_{n}|\hat{x}_{n})"
    assert probability_name(r"P(t_n|\hat{x}_{n})") == probability_name(r"P(t_{n}|\widehat x_n)") == key
    assert instantiate_key("P(t_{n}|x_{n})", {"n": 2}) == "P(t_{2}|x_{2})"
    assert complement_of("P(y=1|x)", {"y"}) == ("P(y=0|x)", r"1 - P(y=1 \mid x)")
    assert complement_of("P(y=1|x)", set()) is None
    assert complement_of("P(y=k|x)", {"y"}) is None


RIGHT = [
    # a probability the document defines, used later (spelled another way)
    "Given $p(y=1|x) = a$:\n\n$$ p(y=1|x) = a^{1}(1-a)^{1-1} $$\n",
    "Let $P(y=1 \\mid x;\\theta) = a$.\n\n$$ P(y{=}1|x; \\theta) = a^1 (1-a)^0 $$\n",
    "$$ p(y|x) = a^{y}(1-a)^{1-y} $$\n\n$$ \\log(p(y|x)) = y\\log a + (1-y)\\log(1-a) $$\n",
    # a binary label: P(y=0|x) is the complement of the one defined
    "Labels $y \\in \\{0,1\\}$ and $P(y=1|x) = h_\\theta(x)$, so $P(y=0|x) = 1 - h_\\theta(x)$.\n",
    # a likelihood: the log of a product of probabilities is the sum of their logs
    "$$ L(\\theta) = \\prod_{i=1}^{m} p(y_i|x_i) $$\n\n$$ \\log L(\\theta) = \\sum_{i=1}^{m} \\log p(y_i|x_i) $$\n",
    "$$ \\prod_{n=1}^{2} P(t_n|x_n) = P(t_1|x_1) P(t_2|x_2) $$\n",
    # a probability defined with letters, used with values: P(y=0|x) of P(y|x) = …, P(t_n|x) of P(t|x)
    "$$ p(y|x;\\theta) = a^{y}(1-a)^{1-y} $$\n\n$$ \\log p(y=0|x;\\theta) = \\log(1-a) $$\n",
    "$$ P(t|x) = a^{t}(1-a)^{1-t} $$\n\n$$ \\prod_{n=1}^{N} P(t_n|x) = \\prod_{n=1}^{N} a^{t_n}(1-a)^{1-t_n} $$\n",
]


@pytest.mark.parametrize("text", RIGHT)
def test_a_right_step_with_probabilities_is_ok(text: str, runner: StepRunner) -> None:
    result = _last(text, runner)
    assert result.status == "ok", result.message


WRONG = [
    # (a name written again as "name = value" is a redefinition, so the steps here are not that form)
    "Given $p(y=1|x) = a$:\n\n$$ \\log p(y=1|x) = \\log(a^{0}(1-a)^{1-0}) $$\n",
    "Labels $y \\in \\{0,1\\}$ and $P(y=1|x) = a$.\n\nSo $\\log P(y=0|x) = \\log a$.\n",
    "$$ P(T|X) = \\prod_{n=0}^{N-1} P(t_n|x_n) $$\n\n$$ -\\log P(T|X) = -\\prod_{n=0}^{N-1} \\log P(t_n|x_n) $$\n",
    "$$ \\prod_{n=1}^{2} P(t_n|x_n) = P(t_1|x_1) + P(t_2|x_2) $$\n",
    "$$ p(y|x) = a^{y}(1-a)^{1-y} $$\n\n$$ \\log p(y=0|x) = \\log a $$\n",
]


@pytest.mark.parametrize("text", WRONG)
def test_a_wrong_step_with_probabilities_is_found(text: str, runner: StepRunner) -> None:
    result = _last(text, runner)
    assert result.status == "wrong", result.message
    point = result.counterexample["point"]
    # every probability of the counterexample is a probability: in (0, 1)
    assert all(0 < Fraction(str(v)) < 1 for k, v in point.items() if "|" in k), point


NEAR = [
    # what the document does not settle is never wrong
    "$$ P(y=0|x) + P(y=1|x) = 1 $$\n",
    "Let $P(y=1|x) = h$ (classes $1 \\ldots K$).\n\n$$ P(y=0|x) = 1 - h $$\n\n$$ P(y=0|x) = h $$\n",
    "$$ P(a|b) = \\frac{P(b|a) P(a|c)}{P(b|c)} $$\n",
    "$$ \\sum_x p(x) \\log q(x) = 1 $$\n",
    "$$ P(t|x) = y^t (1-y)^{1-t} $$\n",
    # another variable (y is not t) or another condition (z is not x): not an instance of the definition
    "$$ P(t|x) = a^{t}(1-a)^{1-t} $$\n\n$$ \\log P(y|x) = y \\log a $$\n",
    "$$ P(y|x) = a^{y}(1-a)^{1-y} $$\n\n$$ \\log P(y=1|z) = \\log(1-a) $$\n",
]


@pytest.mark.parametrize("text", NEAR)
def test_what_the_document_leaves_open_is_never_wrong(text: str, runner: StepRunner) -> None:
    assert all(r.status != "wrong" for r in check_text(text, NOTATION, runner=runner, markdown=True).results)


def test_an_index_as_an_events_value_takes_its_values(runner: StepRunner) -> None:
    text = "$$ \\sum_{k=1}^{2} P(y=k|x) = P(y=1|x) + P(y=2|x) $$\n"
    assert _last(text, runner).status == "ok"
    assert _last("$$ \\sum_{k=1}^{2} P(y=k|x) = 2 P(y=1|x) $$\n", runner).status != "wrong"
