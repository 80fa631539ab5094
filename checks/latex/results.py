"""Verdict records: one StepResult per step, a Report per document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["held_back", "hold_wrongs", "ONE_SIDED", "STATUSES", "Status", "StepResult", "Report", "verdict"]

Status = str  # "ok" | "wrong" | "unparsed" | "inconclusive"
STATUSES = ("ok", "wrong", "unparsed", "inconclusive")


def verdict(status: str, message: str, method: str, counterexample: dict[str, Any] | None = None) -> dict[str, Any]:
    """A judge's verdict on one step, as the judges pass it along (before it is a StepResult)."""
    return {"status": status, "counterexample": counterexample, "message": message, "method": method}


#: a wrong verdict's key saying why it is held back after every other guard (one_sided_names)
ONE_SIDED = "held_back_last"


def held_back(out: dict[str, Any], why: str) -> dict[str, Any]:
    """A verdict made inconclusive, its message followed by why (``"; but …"``): a guard's answer."""
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}


@dataclass
class StepResult:
    step: Step
    status: Status
    counterexample: dict[str, Any] | None
    message: str
    method: str = ""
    seconds: float = 0.0

    def held(self, message: str) -> StepResult:
        """This result made inconclusive, saying why in ``message`` (a guard's answer; held_back's
        twin for a StepResult)."""
        return replace(self, status="inconclusive", counterexample=None, message=message)

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.step.line,
            "column": self.step.column,
            "lhs": self.step.lhs,
            "rhs": self.step.rhs,
            "status": self.status,
            "counterexample": self.counterexample,
            "message": self.message,
            # DESIGN.md: context holds the conditions taken from the prose; the prose itself beside it
            "context": list(self.step.conditions),
            "prose": self.step.context,
        }


def hold_wrongs(judged: list[StepResult], why: Callable[[StepResult], str | None]) -> list[StepResult]:
    """``judged`` with each ``wrong`` made inconclusive where ``why(result)`` gives a reason (appended
    to its message, as held_back does): the shape of the document-wide passes that hold wrongs back."""
    out = []
    for result in judged:
        reason = why(result) if result.status == "wrong" else None
        out.append(result.held(result.message + reason) if reason else result)
    return out


@dataclass
class Report:
    file: str
    results: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for r in self.results:
            counts[r.status] += 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] = {**self.summary(), "seconds": round(self.seconds, 3)}  # DESIGN.md's contract
        return {"file": self.file, "steps": [r.as_dict() for r in self.results], "summary": summary}
