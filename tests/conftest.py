"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from derive.checks.latex.step_runner import StepRunner


@pytest.fixture(scope="module")
def runner() -> Iterator[StepRunner]:
    """One check-latex worker per test module (a module that needs other limits defines its own)."""
    with StepRunner(timeout=20) as r:
        yield r


@pytest.fixture(scope="module")
def statuses(runner: StepRunner) -> Callable[[str], list[str]]:
    """check-latex's verdict on each step of a Markdown text, in order, under the default notation."""
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    notation = load_notation(None)

    def judge(text: str) -> list[str]:
        return [r.status for r in check_text(text, notation, runner=runner, markdown=True).results]

    return judge
