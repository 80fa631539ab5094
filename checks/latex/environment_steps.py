r"""A step whose sides are environments the whole-step readers refuse, judged by its parts.

Three forms, each tried only on a step first left ``unparsed``:

- a cases side, row by row under each row's condition (:func:`cases_steps.case_by_case`);
- both sides a matrix of one entry, ``\begin{bmatrix} \frac{\partial L}{\partial w_{jk}}
  \end{bmatrix} = \begin{bmatrix} h_j \delta_k \end{bmatrix}``: a course's way of writing "the
  matrix whose (j, k) entry is", or a 1×1 matrix. Either way the two are equal exactly when the
  entries are, so the step is the step between the entries (``ok`` and ``wrong`` alike). An entry
  with dots (``\vdots``, ``\cdots``) or a second row or column is not one entry, and a side with
  anything outside its environment (``2 \begin{bmatrix} a \end{bmatrix}``) is left as it was;
- both sides matrices written out with one layout, entry by entry (:mod:`written_matrices`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from derive.checks.latex.cases_steps import case_by_case
from derive.checks.latex.steps import Step
from derive.checks.latex.written_matrices import entry_by_entry

__all__ = ["by_parts", "single_entry"]

_MATRIX = re.compile(
    r"(?:\\left\s*[(\[]\s*)?\\begin\{(?P<kind>[pbvBV]?matrix\*?)\}(?P<body>.*)\\end\{(?P=kind)\}(?:\s*\\right\s*[)\]])?",
    re.S,
)
#: what makes a matrix's body more than one entry written out
_NOT_ONE = re.compile(r"&|\\\\|\\[vcdl]?dots|\\ddots|\\hdots|\.\.\.|\\begin\{")


def single_entry(side: str) -> str | None:
    """The entry of a side that is one matrix environment of one entry, else None."""
    m = _MATRIX.fullmatch(side.strip())
    if m is None:
        return None
    body = m.group("body").strip()
    if not body or _NOT_ONE.search(body):
        return None
    return body


def by_parts(step: Step, out: dict[str, Any], judge: Callable[[Step], dict[str, Any]]) -> dict[str, Any]:
    """The step's verdict read by its parts where it was not read whole (module docstring)."""
    if out["status"] != "unparsed" or step.relation != "=":
        return out
    left, right = single_entry(step.lhs), single_entry(step.rhs)
    if left is None or right is None:
        entrywise = entry_by_entry(step, out, judge)  # matrices written out with one layout
        return entrywise if entrywise is not out else case_by_case(step, out, judge)
    again = judge(replace(step, lhs=left, rhs=right))
    if again["status"] == "unparsed":
        return out
    return {**again, "message": f"entry by entry ({left} = {right}): {again['message']}"}
