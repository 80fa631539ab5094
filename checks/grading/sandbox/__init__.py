"""The sandbox: a submission runs in a confined child process; every judgement stays here.

Modules: `records` (Limits, SubmissionError), `protocol` (the wire format, shared with the child),
`staging` (the directory the child sees), `parent` (the Sandbox), `channel` (pipes and budgets),
`mutation` (what a call changed), `outcomes` (naming a dead child, missing protections),
`lifetime` (children and directories die with derive). `harness/` holds the child's modules:
they are copied into each sandbox directory and run there, never imported by derive.
"""

from derive.checks.grading.sandbox import lifetime
from derive.checks.grading.sandbox.mutation import changed_arrays, same_array
from derive.checks.grading.sandbox.outcomes import missing_protections
from derive.checks.grading.sandbox.parent import Sandbox
from derive.checks.grading.sandbox.records import ERROR_KINDS, FATAL_KINDS, Limits, SubmissionError

__all__ = ["ERROR_KINDS", "FATAL_KINDS", "Limits", "Sandbox", "SubmissionError", "changed_arrays", "lifetime",
           "missing_protections", "same_array"]
