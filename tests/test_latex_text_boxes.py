r"""A formula highlighted in a text-mode box inside a display (``$$\boxed{\colorbox{c}{$a = b$}}$$``,
``\fbox{$…$}``): read as the formula, at its place in the file; a box of words is left alone."""

from __future__ import annotations

from derive.checks.latex.checker import check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation
from derive.checks.latex.rows import MappedText
from derive.checks.latex.text_boxes import unbox_text_math

HIGHLIGHTED = (
    "The result, highlighted:\n\n"
    "$$\\boxed{\\colorbox{Chartreuse}{$\\frac{d}{dx} x^3 = 3x^2$}}$$\n\n"
    "$$\\fbox{$\\frac{d}{dx} \\left(x^2 + x\\right) = 2x + 1$}$$\n\n"
    "$$\\fcolorbox{red}{white}{$\\frac{d}{dx} x^2 = 2x$}$$\n"
)
SLIP = "$$\\boxed{\\colorbox{Chartreuse}{$\\frac{d}{dx} x^2 = 3x$}}$$\n"


def _statuses(text: str) -> list[str]:
    report = check_text(text, load_notation(None), markdown=True, timeout=30)
    return [s["status"] for s in report.as_dict()["steps"]]


def test_a_boxed_formula_is_read_and_judged() -> None:
    assert _statuses(HIGHLIGHTED) == ["ok", "ok", "ok"]


def test_a_slip_in_a_box_is_found() -> None:
    assert _statuses(SLIP) == ["wrong"]


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
