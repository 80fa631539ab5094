r"""A worked example's result written again: a summary's ``\frac{\partial L}{\partial W^1} =
\begin{bmatrix} -0.023 & -0.046 \\ 0.0115 & 0.023 \\ 0 & 0 \end{bmatrix}``.

A numeric worked example computes each gradient in a chain that ends in numbers,

    \frac{\partial L}{\partial W^1} = \delta^1 x^T = \begin{bmatrix} -0.023 \\ 0.0115 \\ 0 \end{bmatrix}
    \begin{bmatrix} 1 & 2 \end{bmatrix} = \begin{bmatrix} -0.023 & -0.046 \\ … \end{bmatrix}

and then lists the results again ("Summary of the gradients"): the same head, set to numbers
only. Read alone, such a line is a derivative by a matrix the judges have no value for (unparsed)
or a name given a value (a definition). Read as what it is, it states the number the document
computed for that head, and agrees with it or not.

Confirmed here, for a step whose right side is only numbers (one number, or a matrix written out
whose entries are all numbers) and whose left side is written exactly as the head of an earlier
chain (spaces aside), the latest such chain before it, when that chain

- ends in numbers of the same shape, joined by ``=`` or ``\approx`` throughout,
- was judged ``ok`` on its last link (the numbers follow from the term before them), and ``wrong``
  on none, and none of its rows holds under a condition (``= 0`` if z ≤ 0 is a case, not a value).

The step is then ``ok`` when each number agrees with the computed one within the rounding of the
two (half a unit of each one's last place written: 0.0115 and 0.012 agree, 0 and 0.1 do not), saying
where the value was computed. When they differ it is
``inconclusive``, never ``wrong``: the earlier head may have been computed anew in a way not read
(a second iteration of the example), or the earlier chain may be the slip. A lone number must be a
decimal (``\frac{\partial L}{\partial w} = 0`` is more often a case of a derivative than a
restated result). Nothing is evaluated from the text: the numbers are read as decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from derive.checks.latex.equation import Equation
from derive.checks.latex.numeric_values import value_runs
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Term, split_chain

__all__ = ["confirm_restated_results", "written_numbers"]

#: a number as a worked example writes it, with its sign: -0.0115, 12, .5
_NUMBER = re.compile(r"(-?)\s*(\d+(?:\.\d*)?|\.\d+)")
_ENVIRONMENT = re.compile(r"\\begin\{([pbBvV]?matrix)\}(.*)\\end\{\1\}", re.S)
_DELIMITERS = re.compile(r"^\\left\s*[(\[]\s*(.*?)\s*\\right\s*[)\]]$", re.S)
#: TeX spacing, which does not change a head (``\frac{\partial L}{\partial \, W}``)
_SPACING = re.compile(r"\s+|\\[,;:! ]")

Grid = tuple[tuple[Decimal, ...], ...]
_METHOD = "restated result"


@dataclass(frozen=True)
class Computed:
    """The numbers a chain ends in, where, and as written."""

    grid: Grid
    units: tuple[tuple[Decimal, ...], ...]  # one unit of each entry's last written place (0: an integer)
    line: int
    text: str


def written_numbers(text: str) -> tuple[Grid, tuple[tuple[Decimal, ...], ...]] | None:
    """(entries, units of their last places) of a side that is one number or one matrix written out
    whose entries are all numbers (rows of entries; a lone number is a 1×1 grid), else None."""
    body = text.strip()
    if delimited := _DELIMITERS.match(body):
        body = delimited.group(1)
    environment = _ENVIRONMENT.fullmatch(body)
    rows = [row for row in re.split(r"\\\\", environment.group(2))] if environment else [body]
    cells = [[cell.strip() for cell in row.split("&")] for row in rows if row.strip()]
    if not cells or len({len(row) for row in cells}) != 1:
        return None
    parsed = [[_number(cell) for cell in row] for row in cells]
    if any(entry is None for row in parsed for entry in row):
        return None
    grid = tuple(tuple(entry[0] for entry in row) for row in parsed)  # type: ignore[index]
    units = tuple(tuple(entry[1] for entry in row) for row in parsed)  # type: ignore[index]
    return grid, units


def _number(cell: str) -> tuple[Decimal, Decimal] | None:
    match = _NUMBER.fullmatch(cell)
    if not match:
        return None
    digits = match.group(2)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    places = len(digits.split(".")[1]) if "." in digits else 0
    return (-value if match.group(1) else value), (Decimal(1).scaleb(-places) if places else Decimal(0))


#: numeric_values' reason when the document's current values give the head another number (after an
#: update, w = 0.3): an older computation of the same head does not confirm the step then
_DIFFERS_NOW = "with the document's values"


def confirm_restated_results(judged: list[StepResult], equations: list[Equation]) -> list[StepResult]:
    """``judged`` with each step that writes an earlier chain's head again, set to numbers, weighed
    against the numbers that chain computed (module docstring)."""
    at = {(r.step.line, r.step.column): k for k, r in enumerate(judged)}
    runs = [run for equation in equations for chain in split_chain(equation) for run in value_runs(chain)]
    runs.sort(key=lambda run: (run[0][0].line, run[0][0].column))
    out = list(judged)
    latest: dict[str, Computed | None] = {}
    for run in runs:
        head = run[0][0]
        if written_numbers(head.text) is not None:
            continue
        key = _SPACING.sub("", head.text)
        links = [at.get((term.line, term.column)) for term, _ in run[1:]]
        first = links[0]
        if first is not None and key in latest:
            out[first] = _weighed(out[first], head.text, latest[key])
        latest[key] = _computed(run, links, out)
    return out


def _computed(run: list[tuple[Term, str]], links: list[int | None], judged: list[StepResult]) -> Computed | None:
    """The numbers a run ends in, when its last link was confirmed and none refuted (else None: the
    head's latest value is not a number the document showed to follow)."""
    last = run[-1][0]
    numbers = written_numbers(last.text)
    if numbers is None or any(k is None for k in links):
        return None
    results = [judged[k] for k in links if k is not None]
    if results[-1].status != "ok" or any(r.status == "wrong" for r in results):
        return None
    if any(term.conditions for term, _ in run) or any(r.step.conditions for r in results):
        return None
    return Computed(numbers[0], numbers[1], last.line, " ".join(last.text.split()))


def _weighed(result: StepResult, head: str, computed: Computed | None) -> StepResult:
    """The step ``head = numbers`` weighed against the head's computed numbers."""
    step = result.step
    numbers = written_numbers(step.rhs)
    if computed is None or numbers is None or result.status in ("ok", "wrong") or step.conditions:
        return result
    if _DIFFERS_NOW in result.message:
        return result  # the head's formula at the values the document gives now says otherwise (an update)
    grid, units = numbers
    if [len(row) for row in grid] != [len(row) for row in computed.grid]:
        return result  # another shape (a transpose, a row for a column): not the same value written
    if len(grid) == len(grid[0]) == 1 and not (units[0][0] or computed.units[0][0]):
        return result  # a lone integer (= 0, = 1): a derivative's case more often than a result
    where = f"the value the document computed for {head.strip()} on line {computed.line}"
    for i, row in enumerate(grid):
        for j, entry in enumerate(row):
            slack = (units[i][j] + computed.units[i][j]) / 2  # each a rounding of the same value
            if abs(entry - computed.grid[i][j]) > slack:
                place = "" if len(grid) == len(row) == 1 else f" in row {i + 1}, column {j + 1}"
                why = (
                    f"{where} is {computed.grid[i][j]}{place}, not {entry}: a slip, or the value computed anew"
                    " (a later pass of the example) in a way not read"
                )
                return replace(result, status="inconclusive", counterexample=None, message=why, method=_METHOD)
    why = f"{where}, written again ({computed.text}): equal to the places written"
    return replace(result, status="ok", counterexample=None, message=why, method=_METHOD)
