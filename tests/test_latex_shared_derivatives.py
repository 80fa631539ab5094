r"""A step that carries an unread derivative (by an expression, by an entry in brackets) from one side
to the other is ok when it holds whatever that derivative is; otherwise it stays unread, never wrong."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.shared_derivatives import shared_fractions


def test_a_shared_unread_derivative_is_an_unknown_value(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{\\partial C}{\\partial A_i[r, 0]} \\cdot \\frac{\\partial}{\\partial z}\\left(z^2\\right)"
        " = \\frac{\\partial C}{\\partial A_i[r, 0]} \\cdot 2z$$\n\n"
        # the factor worked out wrongly: not refuted (the unknown may be 0), left unread
        "$$\\frac{\\partial C}{\\partial A_i[r, 0]} \\cdot \\frac{\\partial}{\\partial z}\\left(z^2\\right)"
        " = \\frac{\\partial C}{\\partial A_i[r, 0]} \\cdot 3z$$\n\n"
        # an unknown matrix does not commute: a transpose keeps the step unread
        "$$\\frac{\\partial C}{\\partial A_i[r, 0]} W^T = W^T \\frac{\\partial C}{\\partial A_i[r, 0]}$$\n"
    )
    assert statuses(text) == ["ok", "unparsed", "unparsed"]


def test_only_derivatives_written_on_both_sides_are_shared() -> None:
    lhs = "\\frac{\\partial o}{\\partial (x w)} \\frac{\\partial (x w)}{\\partial x}"
    names = shared_fractions(lhs, "\\frac{\\partial o}{\\partial(x w)} w")
    assert names == {"\\frac{\\partialo}{\\partial(xw)}": "\\varrho_{1}"}
    assert shared_fractions("\\frac{\\partial o}{\\partial (x w)}", "\\frac{\\partial o}{\\partial (w x)}") is None
    assert shared_fractions("\\frac{a}{b} c", "\\frac{a}{b}") is None  # a quotient, not a derivative


def test_a_derivative_inside_a_sum_is_no_one_value(statuses: Callable[[str], list[str]]) -> None:
    # ∂L/∂h_j varies with j: as one unknown c, Σ_j c a_j = Σ_j c b_j would hold whenever Σ a = Σ b
    text = (
        "Let $a_1 = 1$, $a_2 = 3$, $b_1 = 2$ and $b_2 = 2$.\n\n"
        "$$\\sum_{j=1}^{2} \\frac{\\partial L}{\\partial h[j]} a_j"
        " = \\sum_{j=1}^{2} \\frac{\\partial L}{\\partial h[j]} b_j$$\n"
    )
    assert statuses(text)[-1] != "ok"
