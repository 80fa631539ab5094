r"""An evaluation bracket ``[y]_0^{1 - x^2}`` (F(b) − F(a)) is no entry y_0 raised to a power.

A calculus homework (the twenty-fifth hunt, HWTeng-Teach) wrote ``[y]_0^{1 - x^2} = 1 - x^2`` with
y defined elsewhere; read as y_0^{1-x^2} it was refuted. A square bracket with a lower and an upper
limit is now left unread; a bracket with an index alone is still an entry (token_rewrites).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_an_evaluation_bracket_is_not_an_entry(runner: StepRunner) -> None:
    text = "Let $$y = 3x$$ be the height.\n\n$$[y]_0^{1 - x^2} = 1 - x^2$$\n"
    assert _statuses(text, runner)[-1] == "unparsed"


def test_a_bracket_with_an_index_alone_is_still_an_entry(runner: StepRunner) -> None:
    assert _statuses(r"$$[\sigma(a)]_i = \sigma(a_i)$$" + "\n", runner) == ["ok"]
    assert _statuses(r"$$[\sigma(a)]_i = \sigma(a_j)$$" + "\n", runner) != ["ok"]
