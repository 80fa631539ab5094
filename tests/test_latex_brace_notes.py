r"""Values noted under or over a brace (checks/latex/brace_notes.py): held-out 32's softmax notes
mark ``\underbrace{\frac{e^{z_j}}{\sum_k e^{z_k}}}_{=p_j}`` and ``\overbrace{…}^{=0}``; the note
was dropped with the brace, so the claim was never checked. It is a step now, confirmed when it
holds and never called wrong (it may rest on a case the prose supposes)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _notes(text: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.lhs, r.step.rhs, r.status) for r in report.results if r.step.brace_note]


def test_a_value_under_a_brace_is_a_step(runner: StepRunner) -> None:
    text = "$$ L = 2 \\cdot \\underbrace{\\frac{a b}{b}}_{=a} + 1 = 2a + 1 $$\n"
    assert _notes(text, runner) == [("\\frac{a b}{b}", "a", "ok")]
    over = "$$ L = 2 \\cdot \\overbrace{(x + 1)^2 - x^2}^{= 2x + 1} $$\n"
    assert _notes(over, runner) == [("(x + 1)^2 - x^2", "2x + 1", "ok")]


def test_a_wrong_note_is_never_wrong_and_a_naming_is_no_step(runner: StepRunner) -> None:
    # the wrong twin: refuted, but it may rest on what the prose supposes (k ≠ j, a one-hot y)
    wrong = _notes("$$ L = \\underbrace{(x + 1)^2}_{= x^2 + 1} + 3 $$\n", runner)
    assert [status for _, _, status in wrong] == ["inconclusive"]
    # a naming (=:), a relation or words under the brace are not values
    for note in ("=: \\delta", "\\delta", "= 0 \\text{ for } k \\neq j", "\\le 1"):
        assert _notes(f"$$ L = \\underbrace{{(x + 1)^2}}_{{{note}}} + 3 $$\n", runner) == [], note
