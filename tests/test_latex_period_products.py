r"""A period between two factors is a product (checks/latex/period_products.py): ``y_i.p_i``,
``\eta . \delta_m . a``, MATLAB's ``.*``; a decimal point, an ellipsis or a full stop stays as written."""

from __future__ import annotations

import pytest
from derive.checks.latex.period_products import period_products
from derive.checks.latex.tex_tokens import tex_tokens


def _read(text: str) -> str:
    return " ".join(t for t, _ in period_products(tex_tokens(text)))


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (r"y_i.p_i", r"y _ i \cdot p _ i"),
        (r"\eta . \delta_m . a", r"\eta \cdot \delta _ m \cdot a"),
        (r"\frac{1}{2} . 2(t - o)", r"\frac { 1 } { 2 } \cdot 2 ( t - o )"),
        (r"g(u) .* (1 - g(u))", r"g ( u ) * ( 1 - g ( u ) )"),
        (r"\lambda}.W^T", r"\lambda } \cdot W ^ T"),
        # a decimal point, digits set apart by periods, an ellipsis, a full stop, \right.
        (r"0.5 x", r"0.5 x"),
        (r"2.1.3", r"2.1 . 3"),
        (r"a_1 . 5", r"a _ 1 . 5"),
        (r"a + ... + b", r"a + . . . + b"),
        (r"x = y.", r"x = y ."),
        (r"\left( x \right.", r"\left ( x \right ."),
        (r"y. \text{so}", r"y . \text { s o }"),
        (r"x = 1. y = 2", r"x = 1 . y = 2"),
    ],
)
def test_the_periods_read_as_products(text: str, read: str) -> None:
    assert _read(text) == read


def test_steps_written_with_periods_are_judged(statuses) -> None:
    # alexcpn's softmax note (held-out 21) and suvansh's worked example (held-out 29) write y_k.p_i
    good = r"-y_i + y_i.p_i + \sum_{k \ne i} y_k.p_i = -y_i + p_i( y_i + \sum_{k \ne i} y_k)"
    bad = r"-y_i + y_i.p_i + \sum_{k \ne i} y_k.p_i = -y_i + p_i( y_i - \sum_{k \ne i} y_k)"
    matlab = r"g(u) .* (1 - g(u)) = g(u) - g(u)^2"
    assert statuses(f"$${good}$$\n\n$${bad}$$\n\n$${matlab}$$\n") == ["ok", "wrong", "ok"]
