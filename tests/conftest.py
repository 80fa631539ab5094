"""Fixtures shared by the test modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from derive.checks.latex.step_runner import StepRunner


@pytest.fixture(scope="module")
def runner() -> Iterator[StepRunner]:
    """One check-latex worker per test module (a module that needs other limits defines its own)."""
    with StepRunner(timeout=20) as r:
        yield r
