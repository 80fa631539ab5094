"""A time budget for a whole document, on top of the time limit per step.

The steps of a document are judged one after another by a :class:`StepRunner` (a worker
process killed when a step runs over its limit). :class:`BudgetRunner` is that runner with a
deadline: each step gets the smaller of its own limit and what is left of the document's
budget, and once the budget is spent every remaining step is inconclusive "over the
document's budget" at once, without being started. The budget therefore holds to within the
parent's own per-step work (reading the notation of a step, milliseconds), well inside the
2 s the issue allows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from derive.checks.latex.step_runner import StepRunner

__all__ = ["BudgetRunner", "DEFAULT_BUDGET", "DEFAULT_TIMEOUT", "OVER_BUDGET"]

#: Seconds per step and per document when the user gives none (documented in --help).
DEFAULT_TIMEOUT = 10.0
DEFAULT_BUDGET = 120.0
OVER_BUDGET = "over the document's budget"


def warm_up() -> dict[str, Any]:
    """Runs in the worker: every import a step needs, through a real (trivial) step."""
    from derive.checks.latex.checker import check_step
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.notation import load_notation

    notation = load_notation(None)
    return check_step(normalize("x + 1", notation), normalize("1 + x", notation))


class BudgetRunner(StepRunner):
    """A StepRunner that stops giving time to steps once the document's budget is spent."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, budget: float = DEFAULT_BUDGET) -> None:
        super().__init__(timeout)
        self.step_timeout = timeout
        self.budget = budget
        self.deadline = time.monotonic() + budget
        self.skipped = 0

    def start_clock(self) -> None:
        """Start the budget now, and the worker with it: it imports SymPy and judges a trivial
        step while this process reads the document (2 cores: about 1 s less per command)."""
        self.deadline = time.monotonic() + self.budget
        self.start(warm=(warm_up, ()))

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def run(self, job: tuple[Callable[..., dict[str, Any]], tuple]) -> dict[str, Any]:
        left = self.remaining()
        if left <= 0.05:
            self.skipped += 1
            return {
                "status": "inconclusive",
                "counterexample": None,
                "message": f"{OVER_BUDGET} ({self.budget:g} s): not checked",
                "method": "budget",
            }
        self.timeout = min(self.step_timeout, left)
        out = super().run(job)
        if out.get("method") == "timeout" and self.timeout < self.step_timeout:
            out = {**out, "message": f"{OVER_BUDGET} ({self.budget:g} s) while this step ran", "method": "budget"}
        return out
