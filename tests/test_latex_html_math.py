r"""Inline math in HTML paragraphs of notebooks (markdown_doc) and signed groups raised to a power (bare_groups)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _by_line(text: str, runner: StepRunner) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results:
        out.setdefault(r.step.line, []).append(r.status)
    return out


def test_a_paragraphs_math_ending_with_a_line_break_is_read(runner: StepRunner) -> None:
    # held-out 24 (mihai2014): <p>$σ'(x)= … \Rightarrow \\ σ'(x)=σ(x)(1-σ(x))\\ $</p> was not read at
    # all (the space before the closing $); its ({ -e }^{ -x }) is typeset −e^{−x}
    good = "<p>$\\frac{d}{dx} (1+{ e }^{ -x })^{-1} = -(1+e^{-x})^{-2}\\cdot ({ -e }^{ -x })\\\\ $</p>\n"
    bad = "<p>$\\frac{d}{dx} (1+{ e }^{ -x })^{-1} = (1+e^{-x})^{-2}\\cdot ({ -e }^{ -x })\\\\ $</p>\n"
    assert _by_line(good + "\n" + bad, runner) == {1: ["ok"], 3: ["wrong"]}
    assert _by_line("<p>It costs $5 and \\\\ $10.</p>\n", runner) == {}  # prices stay prose


def test_a_signed_group_keeps_its_literal_reading_under_a_whole_power(runner: StepRunner) -> None:
    assert _by_line("$${-x}^{2} = x^2$$\n", runner) == {1: ["ok"]}


def test_a_full_stop_after_an_environments_end_keeps_the_prose_out(runner: StepRunner) -> None:
    # held-out 24 (a homework notebook): "\end{equation} ." made the parser take the prose that
    # follows, up to the next environment, as math ("we get f'(x) = …" read "the word 'get'")
    text = (
        "We can rewrite this:\n\n\\begin{equation}\nf(x) = 2x + 1\n\\end{equation} .\n\n"
        "Upon differentiation, we get\n\n\\begin{equation}\n2x + 1 - 1 = 2x\n\\end{equation}\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [(r.step.lhs, r.status) for r in report.results][-1] == ("2x + 1 - 1", "ok")
    assert all("get" not in r.step.lhs and "Upon" not in r.step.rhs for r in report.results)
