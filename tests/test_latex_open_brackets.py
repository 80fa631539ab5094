r"""A bracket left open on a side (``f(x)(1-f(x)``) is closed at the end of the side for a second
judgement: ok when the step then holds, else unread as before, never wrong."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.open_brackets import closed_side


def test_a_bracket_left_open_is_closed_at_the_end(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "Let $f(x) = \\sigma(x)$.\n\n"
        "$$\\frac{\\partial f}{\\partial x} = f(x)(1-f(x)$$\n\n"
        "$$\\frac{\\partial f}{\\partial x} = f(x)(1+f(x)$$\n"  # wrong as closed: stays unread, not wrong
    )
    assert statuses(text)[-2:] == ["ok", "unparsed"]


def test_only_a_few_open_brackets_are_closed() -> None:
    assert closed_side("f(x)(1-f(x)") == "f(x)(1-f(x) )"
    assert closed_side("\\left(a + (b") == "\\left(a + (b ) \\right)"
    assert closed_side("a + b") is None
    assert closed_side("a) + (b") is None  # a closing bracket with no opening one: not a dropped bracket
    assert closed_side("((((a") is None
