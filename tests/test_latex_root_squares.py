"""Names squared under a square root (checks/latex/root_squares.py): which names count, and the
notation that makes them positive."""

from __future__ import annotations

from derive.checks.latex.normalize import load_notation
from derive.checks.latex.root_squares import positive_root_notation, rooted_squares
from derive.checks.latex.steps import Step

NOTATION = load_notation()


def _step(lhs: str, rhs: str) -> Step:
    return Step(line=1, lhs=lhs, rhs=rhs, relation="=", kind="display")


def test_a_name_squared_under_a_root_is_found_inside_a_fraction() -> None:
    step = _step(r"\frac{1}{2}\sqrt{2mE} \cdot \sqrt{\frac{2E}{m\omega^2}}", r"\frac{E}{\omega}")
    assert rooted_squares(step) == [r"\omega"]


def test_every_name_squared_in_a_product_and_a_subscript_count() -> None:
    assert rooted_squares(_step(r"\sqrt{9 a^2 b^{2}}", "3ab")) == ["a", "b"]
    assert rooted_squares(_step(r"\sqrt{\sigma_k^2 + \tau}", "s")) == [r"\sigma_k"]


def test_a_bracket_a_function_or_a_cube_root_is_no_name_squared() -> None:
    assert rooted_squares(_step(r"\sqrt{(x-1)^2}", "x - 1")) == []
    assert rooted_squares(_step(r"\sqrt{\sin^2 x}", r"\sin x")) == []
    assert rooted_squares(_step(r"\sqrt[3]{k^2}", "k")) == []
    assert rooted_squares(_step(r"k^2", r"\sqrt{k}")) == []


def test_the_letters_of_a_word_are_not_names() -> None:
    # \omega^2: ω squared, not a name a squared (the last letter of the word)
    assert rooted_squares(_step(r"\sqrt{\omega^2 m}", r"\omega \sqrt{m}")) == [r"\omega"]


def test_a_name_squared_alone_under_its_root_is_left_out() -> None:
    # the textbook slip |x| ≠ x, which test_latex_checker keeps wrong
    assert rooted_squares(_step(r"\sqrt{x^2}", "x")) == []
    assert rooted_squares(_step(r"\sqrt{4k^2}", "2k")) == []
    assert rooted_squares(_step(r"\sqrt{\sigma_k^2}", r"\sigma_k")) == []  # its subscript is no other name


def test_the_notation_made_positive_names_the_letters() -> None:
    found = positive_root_notation(_step(r"\sqrt{k^2 n}", r"k\sqrt{n}"), NOTATION)
    assert found is not None
    notation, why = found
    assert notation.domain("k") == "positive"
    assert "k positive" in why
    assert NOTATION.domain("k") == "real"  # the document's notation is left as it was


def test_no_notation_without_a_name_squared_under_a_root() -> None:
    assert positive_root_notation(_step(r"\sqrt{x+1}", "y"), NOTATION) is None
