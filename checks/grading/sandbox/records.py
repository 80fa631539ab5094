"""What the sandbox's users hold: its limits and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ERROR_KINDS", "FATAL_KINDS", "Limits", "SubmissionError"]

ERROR_KINDS = ("import", "api", "missing-gradient", "exception", "timeout", "resources", "exit")
FATAL_KINDS = frozenset({"timeout", "resources", "exit"})  # the child is not reused after these


class SubmissionError(Exception):
    """The submission could not be run; `kind` is an error kind of MISTAKES.md.

    `module` is the top-level name of a module the submission failed to import (kind `import`),
    so that the grader can name the package that provides it."""

    def __init__(self, kind: str, message: str, line: int | None = None, module: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.module = module

    def __repr__(self) -> str:
        return f"SubmissionError({self.kind!r}, {self.message!r}, line={self.line!r})"

    def __reduce__(self):  # survives pickling to and from `--jobs` worker processes
        return (SubmissionError, (self.kind, self.message, self.line, self.module))


@dataclass(frozen=True)
class Limits:
    """Budgets of one submission.

    `timeout` bounds each call (and the import) in CPU seconds of the child, so that the verdict
    does not depend on the machine's load; a call also ends after `wall_factor` x `timeout`
    seconds of wall clock (a submission that sleeps). `total_seconds` bounds the wall time
    spent inside the child over all calls together; `output_mb` what it may print in all,
    `disk_mb` what it may write into its work directory in all."""

    timeout: float = 10.0
    cpu_seconds: float = 60.0  # RLIMIT_CPU for the whole child
    memory_mb: int = 2048  # RLIMIT_AS
    total_seconds: float = 60.0
    output_mb: float = 8.0
    disk_mb: float = 64.0  # what the submission may write into its work directory, in all
    wall_factor: float = 3.0
    #: Importable top-level names (a rubric's extra packages) the child may read and import,
    #: besides the standard library and NumPy.
    packages: tuple[str, ...] = field(default_factory=tuple)
