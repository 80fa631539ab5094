r"""A lone \delta_{ij} given a formula of other names is the document's own δ (own_deltas.py)."""

from __future__ import annotations

from derive.checks.latex.own_deltas import own_delta_verdict


def test_a_delta_set_to_a_difference_is_the_documents_own() -> None:
    found = own_delta_verdict(r"\delta_{ij}", r"s_j - s_i")
    assert found is not None and found["status"] == "inconclusive"
    assert own_delta_verdict(r"\delta_{i,j}", r"x_i x_j") is not None


def test_statements_about_kroneckers_delta_are_left_to_the_judges() -> None:
    for rhs in (
        "1",
        "0",
        r"\frac{\partial x_i}{\partial x_j}",
        r"\delta_{ji}",
        r"e_i^T e_j",
        r"\begin{cases} 1 & i = j \\ 0 \end{cases}",
        r"\mathbb{1}[i = j]",
    ):
        assert own_delta_verdict(r"\delta_{ij}", rhs) is None, rhs
    assert own_delta_verdict(r"\delta_{i}", "a - b") is None  # one index: a layer's error, a name
    assert own_delta_verdict(r"2\delta_{ij}", "a - b") is None  # not alone
