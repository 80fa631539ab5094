r"""Plain-TeX and MathJax spellings (checks/latex/plain_tex.py): the seventeenth hunt's Portuguese
slides colour the last digits of a worked example's numbers (``0.547\textcolor{PastelBlue2}{4}``,
where the rounding shows); the coloured digits are digits of the number, not a factor."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()


def test_coloured_last_digits_are_digits_of_the_number() -> None:
    assert clean_tokens(tex_tokens(r"0.102\textcolor{blue}{4234}"))[0] == ["0.1024234"]
    # a coloured factor after a whole number, or one spaced off, is still a group of its own
    assert clean_tokens(tex_tokens(r"2\textcolor{blue}{3}"))[0] == ["2", "{", "3", "}"]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("$$\\frac{1}{2}(1-0.5474)^{2} = 0.102\\textcolor{PastelBlue2}{4234}$$\n", "ok"),
        ("$$\\sigma(\\sigma(1\\cdot(-0.4986811))\\cdot 0.5042374) = 0.547\\textcolor\n  {PastelBlue2}{4}$$\n", "ok"),
        # the wrong twins: other digits coloured
        ("$$\\frac{1}{2}(1-0.5474)^{2} = 0.102\\textcolor{PastelBlue2}{9234}$$\n", "wrong"),
        ("$$\\sigma(\\sigma(1\\cdot(-0.4986811))\\cdot 0.5042374) = 0.541\\textcolor{PastelBlue2}{4}$$\n", "wrong"),
    ],
)
def test_a_worked_value_with_coloured_digits(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


_CHAIN = "Let $z = wx + b$, $a = \\sigma(z)$ and $L = \\frac{1}{2}(a - y)^2$.\n\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # held-out 30 (azadwasan): a chain's factors highlighted, the box's text holding them as $…$
        ("$$\\frac{\\partial L}{\\partial b} = \\colorbox{#90EE90}{$(a - y) a (1 - a)$}$$\n", "ok"),
        ("$$\\frac{\\partial L}{\\partial b} = \\colorbox{#90EE90}{$(a - y) a (1 + a)$}$$\n", "wrong"),
        # words in a box are words: left unread, never a product of letters
        ("$$\\frac{\\partial L}{\\partial b} = \\colorbox{yellow}{ab}$$\n", "unparsed"),
    ],
)
def test_a_colour_box_around_a_term_is_the_term(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(_CHAIN + text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


_COLOURED = (
    "$$\n\\begin{aligned}\nq &= \\exp \\Big(-\\frac{1}{2} \\big(\\frac{(x - \\sqrt{a} y)^2}{b}\\big) \\Big) \\\\\n"
    "&= \\exp \\Big(-\\frac{1}{2} \\big(\\frac{x^2 - 2\\sqrt{a} x \\color{blue}{y} \\color{black}{%s} "
    "\\color{red}{y^2} }{b} \\big) \\Big)\n\\end{aligned}\n$$\n"
)


@pytest.mark.parametrize(("term", "status"), [("+ a", "ok"), ("+ 2a", "wrong")])
def test_a_signed_term_after_a_colour_switch_is_a_term(term: str, status: str, runner: StepRunner) -> None:
    """The twentieth hunt's DDPM post (andycheungyatming): ``x \\color{black}{+ a} \\color{red}{y^2}``
    renders x + a y²; the group after ``\\color{…}`` had been read as a factor, x·(+a)·y², and the
    expansion of a square was wrong. ``+ 2a``, a wrong coefficient, stays wrong."""
    report = check_text(_COLOURED % term, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
