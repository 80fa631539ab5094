"""Products over an index (checks/latex/products.py): ``\\prod_{i=1}^m``, ``\\prod_i``,
``\\prod_{n=0}^{N-1}`` read as a sum is (same bounds, same sampled sizes) and multiplied."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()


def _one(step: str, runner: StepRunner):
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result


RIGHT = [
    r"\prod_{i=1}^{m} x_i^2 = \left(\prod_{i=1}^{m} x_i\right)^2",
    r"e^{\sum_{j=1}^{n} a_j} = \prod_{j=1}^{n} e^{a_j}",
    r"\prod_{k=1}^{3} x_k = x_1 x_2 x_3",
    r"\prod_{n=0}^{N-1} y_n^{t_n} = \prod_{n=0}^{N-1} e^{t_n \ln y_n}",
    r"\prod_i 2 w_i = 2^m \prod_{i=1}^{m} w_i",
]


@pytest.mark.parametrize("step", RIGHT)
def test_a_right_product_is_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", result.message


WRONG = [
    (r"\prod_{i=1}^{m} 2 x_i = 2\prod_{i=1}^{m} x_i", "m = 2"),
    (r"\prod_{j=1}^{n} e^{a_j} = e^{\prod_{j=1}^{n} a_j}", "n = 2"),
    (r"\prod_{k=1}^{3} x_k = x_1 + x_2 + x_3", "x_{1} = "),
]


@pytest.mark.parametrize(("step", "shown"), WRONG)
def test_a_wrong_product_is_found_with_its_size(step: str, shown: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", result.message
    assert shown in result.message


NEAR = [
    r"\prod_i x_i = x_1 x_2 x_3",  # right for three factors only: x_3 is only on the right
    r"\prod_{i,j} x_{ij} = x_{11}",  # two indices: not read
    r"\prod_{i=1}^{m} x_i = x_1 \prod_{i=2}^{m} x_i",
]


@pytest.mark.parametrize("step", NEAR)
def test_a_near_miss_is_never_wrong(step: str, runner: StepRunner) -> None:
    assert _one(step, runner).status != "wrong"


def test_a_product_is_recorded_as_a_multiplied_sum() -> None:
    norm = normalize(r"\prod_{n=0}^{N-1} x_n", NOTATION)
    assert not norm.problems and list(norm.products) == list(norm.sums)
    assert "product" in normalize(r"\prod_{i,j} x_{ij}", NOTATION).problems[0]


def test_the_log_of_a_product_of_probabilities_is_the_sum_of_their_logs(runner: StepRunner) -> None:
    ok = _one(r"\log\prod_{i=1}^m p(y_i|x_i) = \sum_{i=1}^m \log p(y_i|x_i)", runner)
    assert ok.status == "ok", ok.message
    wrong = _one(r"\log\prod_{i=1}^m x_i = \prod_{i=1}^m \log x_i", runner)
    assert wrong.status == "wrong" and "m = 2" in wrong.message
    # for real x_i (negative ones too) the log of the product is not the sum of logs: never wrong
    assert _one(r"\log\prod_{i=1}^m x_i = \sum_{i=1}^m \log x_i", runner).status != "wrong"
