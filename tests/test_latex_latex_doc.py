r"""latex_doc: the math of a LaTeX file, and one unclosed brace that must not hide the rest of it.

A held-out report (set 42) wrote ``\(\sigma\mathbf{w}^T{\mathbf{x} = 0.5\)``: the walker read every
later formula as part of that group, and the sixteen steps after it went unread without a word."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.latex_doc import UnwalkableDocument, latex_regions
from derive.checks.latex.notation import load_notation

AFTER = r"""
corresponds to \(u^\top v = 0\).

\[ \tanh'(t) = 1 - \tanh(t)^2 \]
\begin{align} g(s) &= (s+1)^2 \\ &= s^2 + 2s + 1 \end{align}
"""


def _texts(text: str) -> list[str]:
    return [r.text.strip() for r in latex_regions(text)]


def _statuses(text: str) -> dict[int, str]:
    """Line -> status of each step check-latex finds in the LaTeX ``text``."""
    return {s["line"]: s["status"] for s in check_text(text, load_notation(None), markdown=False).as_dict()["steps"]}


def test_an_unclosed_brace_in_an_inline_formula_hides_nothing_after_it() -> None:
    text = r"The boundary is where \(\sigma u^\top{v = 0.5\) which" + AFTER
    assert _texts(text) == [
        r"\sigma u^\top{v = 0.5",  # the formula itself, as written: its reader says what it can read
        r"u^\top v = 0",
        r"\tanh'(t) = 1 - \tanh(t)^2",
        r"g(s) &= (s+1)^2 \\ &= s^2 + 2s + 1",
    ]


def test_dollar_formulas_and_escaped_dollars() -> None:
    text = r"A price of \$5 is $p{ = 5 \$ $ here, and $q = 2$ there." + AFTER
    texts = _texts(text)
    assert texts[0] == r"p{ = 5 \$"  # \$ is a dollar sign inside the formula, not its end
    assert texts[1:] == [r"q = 2", *_texts(AFTER)]


def test_several_unclosed_formulas_are_each_set_aside() -> None:
    text = r"First \(a{ = 1\), then \(b{{ = 2\), then \(c = 3\)." + AFTER
    assert _texts(text)[:3] == [r"a{ = 1", r"b{{ = 2", r"c = 3"]


def test_a_formula_without_its_closer_before_a_paragraph_break_is_not_guessed() -> None:
    # no \) before the blank line: where the formula was meant to end is unknown, so no prose
    # after it is ever read as its body
    text = "Here \\(x{ = 1 and prose goes on\n\nso does this, $y = 2$.\n"
    assert not any("prose" in t or "so does" in t for t in _texts(text))


def test_well_formed_documents_are_read_as_before() -> None:
    text = r"Inline \(a = b\), display \[c = d\], and $e = f$." + AFTER
    assert _texts(text) == [r"a = b", r"c = d", r"e = f", *_texts(AFTER)]


def test_a_wrong_step_after_the_unclosed_brace_is_found_and_a_right_one_proved() -> None:
    text = (
        r"The boundary is where \(\sigma u^\top{v = 0.5\) holds."
        "\n\n"
        r"\[ \frac{d\sigma(a)}{da} = \frac{-1+e^{-a}}{(1+e^{-a})^2} \]"
        "\n"
        r"\[ \frac{d\sigma(a)}{da} = \frac{e^{-a}}{(1+e^{-a})^2} \]"
        "\n"
    )
    by_line = _statuses(text)
    assert by_line[3] == "wrong"
    assert by_line[4] == "ok"


def test_an_unclosed_brace_in_a_display_environment_hides_nothing_after_it() -> None:
    # the whole rest of the file was one group of the align: no step, and no word about it
    text = r"Rows \begin{align} a &= {b \\ c &= d \end{align} and then" + AFTER
    assert _texts(text) == [r"a &= {b \\ c &= d", *_texts(AFTER)]


def test_an_environment_without_its_end_is_not_guessed() -> None:
    text = r"Rows \begin{align} a &= {b \\ c &= d and prose" + "\n\nmore prose, $y = 2$.\n"
    assert not any("prose" in t for t in _texts(text))


def test_a_wrong_step_after_an_unclosed_align_is_found() -> None:
    text = (
        r"\begin{align*} L &= {\frac{1}{2}(y - t)^2 \end{align*}"
        "\n"
        r"\[ \frac{d\sigma(a)}{da} = \frac{-1+e^{-a}}{(1+e^{-a})^2} \]"
        "\n"
    )
    assert _statuses(text) == {1: "unparsed", 2: "wrong"}


def test_a_document_the_walker_cannot_follow_is_said_so_not_read_as_empty() -> None:
    # groups nested thousands deep: pylatexenc gives up; "no formula here" would be a false answer
    text = "Some \\(x = x\\) here.\n" + "{" * 3000 + "a" + "}" * 3000 + "\n\\[ y + y = 2y \\]\n"
    with pytest.raises(UnwalkableDocument, match="could not follow its structure"):
        latex_regions(text)
