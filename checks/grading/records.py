"""The records a grade is made of, shared by the grader, the checks and the reporters.

They live here, below ``grader`` and ``grade_checks``, so that neither imports the other's
private names: a ``Check`` (one report line), a ``GradeResult`` (one submission), a ``Run``
(what the submission returned on one problem), its ``Evaluation`` against the reference, and
the ``Session`` that runs a submission through a runner (sandboxed or in-process).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from derive.checks.grading.problems import PARAMETERS, Problem

__all__ = [
    "CONVENTIONS",
    "FATAL_KINDS",
    "SMALL",
    "Check",
    "Evaluation",
    "Fatal",
    "GradeResult",
    "ParamVerdict",
    "Run",
    "Runner",
    "Session",
    "error_result",
]

CONVENTIONS = ("auto", "l2", "half-l2")
#: Error kinds after which the submission cannot be asked anything more.
FATAL_KINDS = frozenset({"import", "api", "missing-gradient", "timeout", "resources", "exit"})
#: Largest counterexample shown in full (numbers in all inputs together).
SMALL = 60


class Runner(Protocol):
    api: str
    last_mutated: list[str]

    def loss_and_grads(self, params: dict, X: np.ndarray, y: np.ndarray, reg: float) -> tuple[float, dict]: ...
    def losses(self, params_list: list[dict], X: np.ndarray, y: np.ndarray, reg: float) -> list[float]: ...
    def scores(self, params: dict, X: np.ndarray) -> np.ndarray: ...
    def output(self) -> str: ...


def submission_error_type() -> type[Exception]:
    """The runners' error type (imported late: the sandbox is not needed to judge)."""
    from derive.checks.grading.sandbox import SubmissionError

    return SubmissionError


@dataclass
class Check:
    """One line of a report (the DESIGN.md contract's ``checks`` entry) and its explanation.

    ``formula`` is what the checked quantity should have been, in Unicode mathematics, for
    the reporters to print as it is (typed once, in ``derive.checks.grading.mistakes``)."""

    name: str
    parameter: str | None
    status: str  # pass | fail | warn | skip
    max_rel_error: float | None = None
    counterexample: dict[str, Any] | None = None
    diagnosis: list[str] = field(default_factory=list)
    message: str = ""
    points: float = 1.0
    max_points: float = 1.0
    seconds: float = 0.0
    formula: str = ""

    def as_dict(self) -> dict[str, Any]:
        err = self.max_rel_error
        return {
            "name": self.name,
            "parameter": self.parameter,
            "status": self.status,
            "max_rel_error": float(err) if err is not None and math.isfinite(err) else None,
            "counterexample": self.counterexample,
            "diagnosis": list(self.diagnosis),
            "points": self.points,
            "max_points": self.max_points,
        }


@dataclass
class GradeResult:
    submission: str
    verdict: str  # pass | fail | error
    api: str | None = None
    reg_convention: str | None = None
    error: dict[str, Any] | None = None
    checks: list[Check] = field(default_factory=list)
    seconds: float = 0.0
    output: str = ""
    notes: list[str] = field(default_factory=list)
    layout: str | None = None  # row (W1 D×H) | column (W1 H×D)
    precision: str | None = None  # float64 | float32
    score: float = 0.0
    max_score: float = 0.0

    @property
    def diagnosis(self) -> list[str]:
        from derive.checks.grading.mistakes import MISTAKE_IDS

        ids = {i for c in self.checks if c.status == "fail" for i in c.diagnosis}
        return [i for i in MISTAKE_IDS if i in ids]

    @property
    def warnings(self) -> list[str]:
        from derive.checks.grading.mistakes import MISTAKE_IDS

        ids = {i for c in self.checks if c.status == "warn" for i in c.diagnosis}
        return [i for i in MISTAKE_IDS if i in ids]

    def as_dict(self) -> dict[str, Any]:
        return {
            "submission": self.submission,
            "verdict": self.verdict,
            "api": self.api,
            "reg_convention": self.reg_convention,
            "layout": self.layout,
            "precision": self.precision,
            "error": self.error,
            "checks": [c.as_dict() for c in self.checks],
            "diagnosis": self.diagnosis,
            "warnings": self.warnings,
            "score": self.score,
            "max_score": self.max_score,
            "seconds": round(self.seconds, 3),
        }


def error_result(
    submission: str, exc: Exception, *, api: str | None = None, seconds: float = 0.0, output: str = ""
) -> GradeResult:
    """The result of a submission that could not be run (its verdict is ``error``)."""
    from derive.checks.grading.packages import explain_import_error

    kind = getattr(exc, "kind", "exception")
    message = getattr(exc, "message", None) or str(exc)
    line = getattr(exc, "line", None)
    if line and f"line {line}" not in message:
        message = f"line {line}: {message}"
    if kind == "import":
        message = explain_import_error(message)
    return GradeResult(
        submission, "error", api=api, error={"kind": kind, "message": message}, seconds=seconds, output=output
    )


@dataclass(eq=False)
class Run:
    """What the submission returned on one problem (or the error it raised)."""

    problem: Problem
    loss: float | None = None
    grads: dict[str, np.ndarray] | None = None
    error: Exception | None = None
    mutated: tuple[str, ...] = ()
    float32: bool = False  # every value it returned is a float32 (by dtype or exactly representable)

    @property
    def ran(self) -> bool:
        return self.error is None


@dataclass
class ParamVerdict:
    status: str  # ok | wrong | shape | non-finite
    error: float  # max relative error (inf for shape / non-finite)
    index: tuple[int, ...] | None = None
    got: Any = None
    expected: Any = None


@dataclass(eq=False)
class Evaluation:
    run: Run
    loss_ok: bool
    loss_error: float
    expected_loss: float
    params: dict[str, ParamVerdict]

    @property
    def ok(self) -> bool:
        return self.loss_ok and all(v.status == "ok" for v in self.params.values())


class Fatal(Exception):
    """The submission can no longer be run (timeout, resources, exit ...)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


class Session:
    """One submission's runs, shared by every stage of the grade.

    ``precision`` is decided once, by the first run that returned values: a submission that
    computes in float32 is judged at float32 tolerances on every problem."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self.SubmissionError = submission_error_type()
        self.fatal: Exception | None = None
        self.mutated: set[str] = set()
        self.precision: str | None = None

    def run(self, problem: Problem) -> Run:
        if self.fatal is not None:
            raise Fatal(self.fatal)
        try:
            loss, grads = self.runner.loss_and_grads(
                problem.copy_params(), problem.X.copy(), problem.y.copy(), problem.reg
            )
        except self.SubmissionError as exc:
            if getattr(exc, "kind", "exception") in FATAL_KINDS:
                self.fatal = exc
                raise Fatal(exc) from None
            return Run(problem, error=exc)
        mutated = tuple(getattr(self.runner, "last_mutated", ()) or ())
        self.mutated.update(mutated)
        float32 = is_float32(loss, grads, getattr(self.runner, "last_loss_dtype", None))
        if self.precision is None:
            self.precision = "float32" if float32 else "float64"
        return Run(problem, as_float(loss), as_arrays(grads), mutated=mutated, float32=self.precision == "float32")


def is_float32(loss: Any, grads: Any, loss_dtype: str | None = None) -> bool:
    """Whether the submission computed in float32: by the dtypes when the runner keeps them
    (the sandbox keeps float32 gradients and reports the loss's dtype), else because every
    value is exactly representable in float32 (for a float64 computation on the toy problem
    that happens with probability about 2⁻²⁹ per value)."""
    arrays = []
    for v in [grads.get(n) for n in PARAMETERS] if isinstance(grads, dict) else []:
        try:
            arrays.append(np.asarray(v))
        except (TypeError, ValueError):
            return False
    floats = [a for a in arrays if a.dtype.kind == "f"]
    if loss_dtype == "float32" or any(a.dtype == np.float32 for a in floats):
        return all(a.dtype in (np.float32, np.float16) for a in floats) and loss_dtype in (None, "float32", "float16")
    try:
        values = [np.asarray(loss, dtype=np.float64).ravel()] + [a.astype(np.float64).ravel() for a in floats]
    except (TypeError, ValueError):
        return False
    flat = np.concatenate(values)
    flat = flat[np.isfinite(flat) & (flat != 0)]
    if flat.size < 3:  # too little evidence: the ordinary precision
        return False
    with np.errstate(over="ignore"):
        return bool(np.array_equal(flat.astype(np.float32).astype(np.float64), flat))


def as_float(value: Any) -> float:
    try:
        return float(np.asarray(value, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return math.nan


def as_arrays(grads: Any) -> dict[str, np.ndarray]:
    out = {}
    for name in PARAMETERS:
        try:
            out[name] = np.asarray(grads[name], dtype=float)
        except (TypeError, ValueError, KeyError):
            out[name] = np.full((0,), math.nan)  # unusable: judged as a shape mistake
    return out
