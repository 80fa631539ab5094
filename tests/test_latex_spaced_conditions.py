r"""MathJax's ``\gt`` and ``\lt`` (Markdown pages write them to keep ``<``, ``>`` from HTML) are the
comparisons, in sides and in conditions; a comparison in brackets after an explicit space at the
end of a row (``= 0\ (x \le 0)``, as notes write a case) is the row's condition, never a factor."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.conditions import row_condition
from derive.checks.latex.extract import extract
from derive.checks.latex.steps import split_chain


def test_mathjax_comparisons_in_conditions_and_cases(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{d}{dx}\\max(0, x) = 1 \\quad \\text{if } x \\gt 0$$\n\n"
        "$$\\frac{d}{dx}\\max(0, x) = \\begin{cases} 1 & x \\gt 0 \\\\ 0 & x \\lt 0 \\end{cases}$$\n\n"
        "$$\\frac{d}{dx}\\max(0, x) = 0 \\quad \\text{if } x \\gt 0$$\n\n"
        "$$\\frac{d}{dx}\\max(0, x) = \\begin{cases} 0 & x \\gt 0 \\\\ 1 & x \\lt 0 \\end{cases}$$\n"
    )
    assert statuses(text) == ["ok", "ok", "wrong", "wrong"]


def test_a_spaced_bracketed_comparison_ends_the_row_as_its_condition(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{d}{dx}\\max(0,x) = 1 \\ (x \\gt 0)$$\n\n"
        "$$\\frac{d}{dx}\\max(0,x) = 0\\ (x \\le 0)$$\n\n"
        "$$\\frac{d}{dx}\\max(0,x) = 1 \\ (x \\le 0)$$\n"
    )
    assert statuses(text) == ["ok", "ok", "wrong"]


def test_brackets_without_a_comparison_or_without_a_space_stay_factors() -> None:
    assert row_condition("a \\ (b + c)") is None
    assert row_condition("a (x > 0)") is None  # no explicit space: an indicator or a product, not a remark
    assert row_condition("a \\ (x > 0) + b") is None  # not at the end of the row
    found = row_condition("0\\ (x \\le 0)")
    assert found is not None and found[1] == ["x \\leq 0"]


def test_a_domain_after_quad_ends_the_row(statuses: Callable[[str], list[str]]) -> None:
    # the real line restricts nothing; another set is kept, unread: a wrong under it is held
    assert row_condition("f(x) = b\\quad x\\in\\mathbf{R}") == (8, [])
    assert row_condition("f(x) = b \\quad x \\in \\mathbb{R}.") == (8, [])
    assert row_condition("f(x) = b \\quad x \\in (-1, 1)") == (8, ["x \\in (-1, 1)"])
    # a statement of its own: after a comma, or about a name the formula does not use
    assert row_condition("x = y, \\quad u \\in U") is None
    assert row_condition("a = b \\quad x \\in (-1, 1)") is None
    assert row_condition("a = \\{x \\in R\\}") is None  # inside a group: a set, not a remark
    text = (
        "$$\\frac{d}{dx}\\left(\\frac{1}{2}\\ln\\frac{1+x}{1-x}\\right)=\\frac{1}{1-x^{2}}\\quad x\\in(-1, 1)$$\n\n"
        "$$\\frac{d}{dx}\\ln(x) = \\frac{2}{x} \\quad x \\in (0, \\infty)$$\n\n"
        "$$\\frac{d}{dx}\\tanh(x) = 1 - \\tanh(x)^2 \\quad x \\in \\mathbb{R}$$\n\n"
        "$$\\frac{d}{dx}\\tanh(x) = 1 + \\tanh(x)^2 \\quad x \\in \\mathbb{R}$$\n"
    )
    assert statuses(text) == ["ok", "inconclusive", "ok", "wrong"]


def test_spacing_around_the_equals_sign_is_no_part_of_a_side(statuses: Callable[[str], list[str]]) -> None:
    # twenty-first hunt, window kernel: \phi(z)\ =\ \begin{cases} … defines φ (not the convention's ReLU)
    text = (
        "$$\\phi(z)\\ =\\ \\begin{cases} 1 & z\\,\\leq\\,1,\\\\ 0 & z\\,\\gt\\,1. \\end{cases}$$\n\n"
        "$$\\frac{d}{dx} x^2 \\ =\\ 3x$$\n"
    )
    assert statuses(text)[0] == "inconclusive" and statuses(text)[-1] == "wrong"
    (first, *_), *_ = [[t for t, _ in chain] for chain in split_chain(extract(text, markdown=True)[0])]
    assert first.text == "\\phi(z)"
