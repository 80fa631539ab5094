r"""A row inside a box is its content (checks/latex/boxed_rows.py), and an equation number after
a wide space is a label, not a factor (rows._EQ_NUMBER): held-out set 39's boxed result
``$$ \bbox[yellow,5px,border:2px solid red] { … \qquad (5.2) } $$`` had no step at all, and the
same row unboxed was refuted with 2x read as 2x · 5.2."""

from __future__ import annotations

from derive.checks.latex.boxed_rows import unboxed
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.rows import MappedText

NOTATION = load_notation()

# after tests/data/latex_heldout39/rnn_bptt_backprop_talwar.md, lines 187-191 (talwarabhimanyu)
BOXED = "$$ \\bbox[yellow,5px,border:2px solid red]\n{\n\\frac{d}{dx} x^2 = 2x\n\\qquad (5.2)\n}\n$$\n"


def _results(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=True)
    return [(r.status, r.step.rhs.strip()) for r in report.results]


def _row(text: str) -> MappedText:
    return MappedText(text, tuple(range(len(text))))


def test_a_whole_row_in_a_box_is_its_content() -> None:
    assert unboxed(_row(r"\bbox[yellow,5px]{a = b}")).text == "a = b"
    assert unboxed(_row(r"\boxed{a = b}.")).text == "a = b"
    assert unboxed(_row(r"\fbox{a = b}")).text == "a = b"
    # a box that is only part of the row, or text after it, leaves the row as written
    assert unboxed(_row(r"c = \boxed{a}")).text == r"c = \boxed{a}"
    assert unboxed(_row(r"\boxed{a} = c")).text == r"\boxed{a} = c"


def test_the_boxed_step_is_read_and_its_number_is_no_factor(runner: StepRunner) -> None:
    assert _results(BOXED, runner) == [("ok", "2x")]
    unboxed_row = "$$ \\frac{d}{dx} x^2 = 2x \\qquad (5.2) $$\n"
    assert _results(unboxed_row, runner) == [("ok", "2x")]  # was wrong: 2x · 5.2


def test_a_slip_in_a_box_is_found(runner: StepRunner) -> None:
    assert [s for s, _ in _results(BOXED.replace("= 2x", "= 3x"), runner)] == ["wrong"]


def test_a_number_in_brackets_without_a_wide_space_stays_a_factor(runner: StepRunner) -> None:
    assert [s for s, _ in _results("$$ a \\cdot 2 = 0.3 \\cdot (0.5) $$\n", runner)] != ["ok"]
    assert [s for s, _ in _results("$$ 0.15 = 0.3 \\cdot (0.5) $$\n", runner)] == ["ok"]


def test_a_whole_row_in_an_upright_font_is_its_content() -> None:
    assert unboxed(_row(r"\mathrm{U[i,k] = e^{S[i,k]}}")).text == "U[i,k] = e^{S[i,k]}"
    assert unboxed(_row(r"\mathrm{a = b},")).text == "a = b"
    # a name in the font, or a font that is only part of the row, stays as written
    assert unboxed(_row(r"\mathrm{softmax}")).text == r"\mathrm{softmax}"
    assert unboxed(_row(r"\mathrm{d}x = y")).text == r"\mathrm{d}x = y"
    assert unboxed(_row(r"\mathrm{f(x=1)}")).text == r"\mathrm{f(x=1)}"  # an = in brackets: no row
    assert unboxed(_row(r"\mathrm{sign}{x = 2}")).text == r"\mathrm{sign}{x = 2}"


def test_definitions_in_an_upright_font_are_used(runner: StepRunner) -> None:
    defs = "$$\\mathrm{u = e^{s}}$$\n\n$$\\mathrm{o = \\frac{u}{u + 1}}$$\n\n"
    assert _results(defs + "$$\\frac{d o}{d s} = o(1 - o)$$\n", runner)[-1][0] == "ok"
    assert _results(defs + "$$\\frac{d o}{d s} = o(1 + o)$$\n", runner)[-1][0] == "wrong"
