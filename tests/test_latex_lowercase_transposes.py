r"""lowercase_transposes: ^t is a transpose only where t is nothing else in the document's math."""

from __future__ import annotations

import pytest
from derive.checks.latex.lowercase_transposes import writes_t_transposes


@pytest.mark.parametrize(
    "texts",
    [
        [r"\sigma(QK^t) V", r"(e_i^t Q K^t)^t"],
        [r"\tr(A^{t} B)", r"x^t y = y^t x"],
        [r"\text{step at } x^t y", r"A^t"],  # the t of a word is no math letter
    ],
)
def test_t_only_as_a_superscript_is_a_transpose(texts: list[str]) -> None:
    assert writes_t_transposes(texts)


@pytest.mark.parametrize(
    "texts",
    [
        [r"m_t = \beta m_{t-1}", r"\hat m = m / (1 - \beta^t)"],  # a time step
        [r"x^t x^t", r"t"],  # t written alone
        [r"\frac{dx}{dt} = x^t + y^t"],  # a variable t
        [r"\hat m = m / (1 - \beta^t)"],  # one superscript is no evidence
        [r"x^{t+1} = x^t"],  # t in an exponent's sum
    ],
)
def test_t_that_is_a_variable_keeps_its_power(texts: list[str]) -> None:
    assert not writes_t_transposes(texts)
