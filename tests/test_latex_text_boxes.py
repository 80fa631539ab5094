r"""A formula highlighted in a text-mode box inside a display (``$$\boxed{\colorbox{c}{$a = b$}}$$``,
``\fbox{$…$}``): read as the formula, at its place in the file; a box of words is left alone."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.extract import extract
from derive.checks.latex.rows import MappedText
from derive.checks.latex.text_boxes import unbox_text_math, uncolour_statements

HIGHLIGHTED = (
    "The result, highlighted:\n\n"
    "$$\\boxed{\\colorbox{Chartreuse}{$\\frac{d}{dx} x^3 = 3x^2$}}$$\n\n"
    "$$\\fbox{$\\frac{d}{dx} \\left(x^2 + x\\right) = 2x + 1$}$$\n\n"
    "$$\\fcolorbox{red}{white}{$\\frac{d}{dx} x^2 = 2x$}$$\n"
)
SLIP = "$$\\boxed{\\colorbox{Chartreuse}{$\\frac{d}{dx} x^2 = 3x$}}$$\n"



def test_a_boxed_formula_is_read_and_judged(statuses: Callable[[str], list[str]]) -> None:
    assert statuses(HIGHLIGHTED) == ["ok", "ok", "ok"]


def test_a_slip_in_a_box_is_found(statuses: Callable[[str], list[str]]) -> None:
    assert statuses(SLIP) == ["wrong"]


def test_the_step_keeps_its_place_in_the_file() -> None:
    (step,) = extract(SLIP, markdown=True)
    assert step.line == 1
    assert SLIP.splitlines()[0][step.column - 1 :].startswith("\\frac{d}{dx} x^2 = 3x$")


def test_a_box_of_words_or_of_words_and_math_is_left_alone() -> None:
    for text in ("a = \\colorbox{yellow}{chain rule} b", "a = \\fbox{for all $i$} b", "a = \\mbox{$x$ and $y$}"):
        body = MappedText(text, list(range(len(text))))
        assert unbox_text_math(body).text == text


def test_only_the_box_and_its_dollars_are_blanked() -> None:
    text = "y = \\colorbox{#5DADE2}{$\\left( a + b \\right) c $} d"
    out = unbox_text_math(MappedText(text, list(range(len(text)))))
    assert " ".join(out.text.split()) == "y = \\left( a + b \\right) c d"
    assert len(out.text) == len(text)


SIDE_BY_SIDE = (
    "$$\\textcolor{blue}{\\frac{d}{dx} x^2=2x}\\quad\\mbox{ y }\\quad"
    "\\textcolor{darkgreen}{\\frac{d}{dx} x^3=3x^2}$$\n\n"
    "$$\\frac{d}{dx} x^2=2x\\quad\\text{ et }\\quad\\frac{d}{dx} \\left(2x\\right)=2$$\n\n"
    "$$\\textcolor{red}{\\frac{d}{dx} x^2=2x}, \\qquad \\color{red}{\\frac{d}{dx} x^3=3x^2}$$\n"
)


def test_coloured_statements_side_by_side_are_each_read(statuses: Callable[[str], list[str]]) -> None:
    # two claims joined by "y" (Spanish), "et" (French), or a comma, each coloured on its own
    assert statuses(SIDE_BY_SIDE) == ["ok"] * 6


def test_a_slip_in_a_coloured_statement_is_found(statuses: Callable[[str], list[str]]) -> None:
    text = "$$\\textcolor{blue}{\\frac{d}{dx} x^2=2x}\\quad\\mbox{ y }\\quad\\textcolor{red}{\\frac{d}{dx} x^3=3x}$$\n"
    assert statuses(text) == ["ok", "wrong"]


def test_a_colour_inside_a_term_or_without_an_equation_is_left_alone() -> None:
    for text in ("a = \\textcolor{red}{b + c}", "a = \\frac{\\textcolor{red}{b = c}}{2}", "\\color{red}{x}"):
        body = MappedText(text, list(range(len(text))))
        assert uncolour_statements(body).text == text
    text = "\\textcolor{red}{a = b} + c"
    assert uncolour_statements(MappedText(text, list(range(len(text))))).text.split() == ["a", "=", "b", "+", "c"]
    # after a closed group the colour is at the top level again; inside one it is not
    text = "\\frac{a}{b}\\textcolor{red}{x = y}"
    assert uncolour_statements(MappedText(text, list(range(len(text))))).text.split() == ["\\frac{a}{b}", "x", "=", "y"]
    text = "{\\textcolor{red}{x = y}}"
    assert uncolour_statements(MappedText(text, list(range(len(text))))).text == text


def test_a_one_letter_word_joins_only_when_typeset_as_a_word() -> None:
    # \text{y} with no spaces is a name in text mode (an axis label, a subscript), not "and"
    (step,) = extract("$$a_{\\text{y}} = b$$\n", markdown=True)
    assert step.text.startswith("a_{\\text{y}}")


def test_words_between_claims_in_other_languages(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{d}{dx}x^2 = 2x \\mbox{ con } \\frac{d}{dx}x^3 = 3x^2$$\n\n"
        "$$\\frac{d}{dx}x^2 = 2x \\quad \\text{donc} \\quad \\frac{d}{dx}x^3 = 2x^2$$\n\n"
        "$$\\frac{d}{dx}x^2 = 2x \\quad \\text{wobei} \\quad \\frac{d}{dx}x^3 = 3x^2$$\n"
    )
    assert statuses(text) == ["ok", "ok", "ok", "wrong", "ok", "ok"]
    # a word as a script's label is part of the name: L_\text{con} is one name, no claim boundary
    text = "$$L_\\text{con} = a + b$$\n\n$$\\frac{d}{dx} \\left(L_\\text{con} x\\right) = L_\\text{con}$$\n"
    assert statuses(text) == ["inconclusive", "ok"]
