r"""A function characterized anew on one line (characterized_functions.py): ``F'(v) = P ⇒ F(v) = Q``
with Q′ = P is a function found there, not the document's earlier F; a pair that disagrees, or a
derivative stated alone, is judged against F's definition as before."""

from __future__ import annotations

import pytest
from derive.checks.latex.characterized_functions import consistent_antiderivative
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# a remark defines r near the top; an exercise much later finds an antiderivative with the same letter
NOTES = "Let $r(s) = \\cos(s^2)$; it has no elementary antiderivative.\n\n## Exercise 4\n\n$$%s$$\n"


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    results = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    return [(r.status, r.message) for r in results]


@pytest.mark.parametrize(
    "line",
    [
        "r'(u) = 3u^2 + 1 \\Rightarrow r(u) = u^3 + u",
        "r^{\\prime}(u) = \\frac{1}{u} \\implies r(u) = \\ln(u)",
        "r'(t) = e^{2t} = (e^{t})^2 \\Rightarrow r(t) = \\frac{1}{2}e^{2t}",
    ],
)
def test_a_derivative_then_its_antiderivative_is_not_judged_with_the_old_definition(
    line: str, runner: StepRunner
) -> None:
    statuses = _statuses(NOTES % line, runner)
    assert "wrong" not in [s for s, _ in statuses], statuses
    held = [s for s, m in statuses if "characterizes r anew" in m]
    assert held == ["inconclusive", "inconclusive"], statuses


def test_a_pair_that_disagrees_keeps_its_verdicts(runner: StepRunner) -> None:
    # (u^3 + u)' = 3u^2 + 1, not 3u^2: a slip in the integration; nothing excuses the old r
    statuses = _statuses(NOTES % "r'(u) = 3u^2 \\Rightarrow r(u) = u^3 + u", runner)
    assert [s for s, _ in statuses] == ["wrong", "wrong"], statuses


def test_a_derivative_stated_alone_is_judged_against_the_definition(runner: StepRunner) -> None:
    wrong = _statuses("Let $k(t) = t^3$.\n\n$$k'(t) = 2t$$\n", runner)
    right = _statuses("Let $k(t) = t^3$.\n\n$$k'(t) = 3t^2$$\n", runner)
    assert [s for s, _ in wrong] == ["wrong"] and [s for s, _ in right] == ["ok"], (wrong, right)


def test_a_pair_that_agrees_with_the_definition_stays_ok(runner: StepRunner) -> None:
    statuses = _statuses(NOTES % "r'(u) = -2u\\sin(u^2) \\Rightarrow r(u) = \\cos(u^2)", runner)
    assert [s for s, _ in statuses] == ["ok", "ok"], statuses


def test_the_consistency_check_reads_and_refuses() -> None:
    assert consistent_antiderivative("\\sqrt{1+y}", "\\frac23 (1+y)^{3/2}", "y", NOTATION)
    assert not consistent_antiderivative("\\sqrt{1+y}", "\\frac23 (1+y)^{1/2}", "y", NOTATION)
    assert not consistent_antiderivative("\\unknownmacro{y}", "y", "y", NOTATION)
