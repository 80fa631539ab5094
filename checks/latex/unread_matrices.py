r"""A matrix given to a name anew in a form the reader does not take: the old value is gone there.

A Vietnamese tutorial on vectorisation (hunt 32, tandat8896's blog, module 5) sets up its first way
with features in rows, ``X = \begin{bmatrix} 6.7 & 4.6 \\ 1 & 1 \end{bmatrix}``, then its second way
with samples in rows, ``X = \begin{bmatrix} 6.7 & 1 \\ 4.6 & 1 \end{bmatrix} \quad
\begin{matrix} \leftarrow \text{sample 1} \\ \leftarrow \text{sample 2} \end{matrix}``. The notes
after the matrix keep the reader from taking the second value, so ``X \cdot \theta = [numbers]`` of
the second way was computed with the first X and called wrong.

A run ``name = …`` whose last term writes a matrix of numbers (every cell a number) but is not read as
a value (a note beside it, a layout not known) gives the name a value nobody knows: a step after it is not computed
with a value the name had before it (worked_matrices leaves such a step as it was).

A value derived from another name goes stale with it. A post on PCA (hunt 34, jliu678's Hugo site)
centres a first data matrix X with its mean matrix ``\bar{X}`` written out, then takes a second
example: a new ``X = \begin{pmatrix} … \end{pmatrix}``, its column means in a tuple, and ``X -
\bar{X} = \begin{pmatrix} … \end{pmatrix}``, right for the new X, was computed with the first
example's ``\bar{X}`` and called wrong. A name that decorates another (``\bar{X}``, ``\hat{X}``,
``\tilde{x}_1``: a mean, an estimate, a centred copy of X) whose last value is older than the last value
of the name it decorates (case aside: ``\bar{x}`` is the mean of X's rows) has no value there.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.matrix_values import MatrixValue, head_name
from derive.checks.latex.normalize import Notation
from derive.checks.latex.numeric_values import value_runs
from derive.checks.latex.restated_results import written_numbers
from derive.checks.latex.steps import split_chain

__all__ = ["Position", "decorated_base", "unread_assignments", "without_stale_values"]

Position = tuple[int, int]

#: a matrix environment's body
_MATRIX = re.compile(r"\\begin\{([bBpvV]?matrix)\}(.*?)\\end\{\1\}", re.S)
#: a name under an accent, with what follows it (a subscript)
_DECORATED = re.compile(
    r"\\(?:bar|overline|hat|widehat|tilde|widetilde|check|breve)\{(?P<base>[^{}]+)\}(?P<rest>_.*|_\{.*\})?"
)
#: a cell that is a number as written (6.7, -0.34, 1)
_NUMBER_CELL = re.compile(r"\s*-?\s*\d+(?:\.\d+)?\s*")


def unread_assignments(equations: list[Any], notation: Notation) -> list[tuple[Position, str]]:
    """(where, name) of each ``name = …`` whose last term writes numbers in a matrix the reader does
    not take as the name's value, in the document's order."""
    found: list[tuple[Position, str]] = []
    for equation in equations:
        for chain in split_chain(equation):
            for run in value_runs(chain):
                head = head_name(run[0][0].text, notation)
                last = run[-1][0]
                if head is None or written_numbers(last.text) is not None:
                    continue
                if any(_numbers_only(m.group(2)) for m in _MATRIX.finditer(last.text)):
                    found.append(((last.line, last.column), head[0]))
    return sorted(found)


def _numbers_only(body: str) -> bool:
    """Is every cell of a matrix body a number as written (a value, not names or notes)?"""
    cells = [cell for row in re.split(r"\\\\", body) for cell in row.split("&") if cell.strip()]
    return bool(cells) and all(_NUMBER_CELL.fullmatch(cell) for cell in cells)


def without_stale_values(
    before: dict[str, list[MatrixValue]], unread: list[tuple[Position, str]], where: Position
) -> dict[str, list[MatrixValue]]:
    """``before`` (each name's values before ``where``) without the names given an unread value after
    their last read one and before ``where``."""
    stale = {name for at, name in unread if at < where and name in before and before[name][-1].at < at}
    newest: dict[str, Position] = {}  # the latest value of each plain name, under its folded spelling
    for name, values in before.items():
        if decorated_base(name) is None:
            key = _fold(name)
            newest[key] = max(newest.get(key, values[-1].at), values[-1].at)
    for name, values in before.items():
        base = decorated_base(name)
        if base is not None and _fold(base) in newest and values[-1].at < newest[_fold(base)]:
            stale.add(name)  # \bar{X} given before X was given anew: the old X's mean
    return {name: values for name, values in before.items() if name not in stale}


def decorated_base(name: str) -> str | None:
    """The name an accent decorates (``\\bar{X}`` → ``X``, ``\\hat{x}_{1}`` → ``x_{1}``); None for a
    name without one."""
    match = _DECORATED.fullmatch(name.replace(" ", ""))
    return match.group("base") + (match.group("rest") or "") if match else None


def _fold(name: str) -> str:
    return name.replace(" ", "").lower()
