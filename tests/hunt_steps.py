"""What check-latex says about each step of a Markdown text: the two helpers every false-alarm
hunt's tests use (tests/test_latex_hunt*.py), kept in one place so a change to how a hunt's
document is checked (the notation, the number of examples) reaches every hunt at once."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def step_results(text: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    """(left side, status, message) of every step of the Markdown text, in order."""
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [(r.step.lhs, r.status, r.message) for r in report.results]


def display_statuses(text: str, runner: StepRunner) -> dict[int, str]:
    """Status of the displayed steps of a Markdown text by line (inline math left out: running
    text's definitions are not steps)."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return {r.step.line: r.status for r in report.results if r.step.kind != "inline"}


def step_verdict(text: str, lhs_start: str, runner: StepRunner) -> tuple[str, str]:
    """(status, message) of the last step whose left side starts with lhs_start; fails the
    test, showing every step, when no step does (the document was read differently)."""
    results = step_results(text, runner)
    found = [(status, message) for lhs, status, message in results if lhs.startswith(lhs_start)]
    assert found, results
    return found[-1]
