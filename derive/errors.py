"""One error hierarchy. Library code raises these; only the command line prints them, as one
line, with the exit code of DESIGN.md."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # something refuted / a submission fails / a step is wrong
EXIT_USAGE = 2  # bad usage or unreadable input
EXIT_UNDECIDED = 3  # a submission could not be run / a claim neither proved nor refuted


class DeriveError(Exception):
    """Bad input: shown as one line, exit code 2."""

    exit_code = EXIT_USAGE
