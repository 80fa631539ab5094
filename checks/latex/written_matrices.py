r"""A step between two matrices (or vectors) written out entry by entry, judged entry by entry.

``\begin{bmatrix} p(o_1) & p(o_2) \end{bmatrix} = \begin{bmatrix} \frac{e^{o_1}}{\sum_k e^{o_k}} &
\frac{e^{o_2}}{\sum_k e^{o_k}} \end{bmatrix}``, ``\begin{bmatrix} \delta_1 \\ \vdots \\ \delta_J
\end{bmatrix} = \begin{bmatrix} f'(z_1) \sum_k w_{k1}\delta_k \\ \vdots \\ f'(z_J) \sum_k w_{kJ}\delta_k
\end{bmatrix}``, ``[\delta_1, \delta_2, \cdots, \delta_t] = [a_1 - y_1, a_2 - y_2, \cdots, a_t - y_t]``:
the matrix reading refuses many such steps for reasons of its own (an entry's name it has no shape
for, a derivative by a name it cannot size, a pattern of dots it cannot settle), while each entry,
alone, is a scalar step the scalar judge reads.

Two matrices written with the same layout are equal exactly when the entries in the same places
are: where both sides have the same rows, the same number of entries in each, and dots (``\vdots``,
``\cdots``, ``\ddots``, ``…``) in the same places, an entry of one side and the entry in its place on
the other are the same entry of the two matrices (the dots stand for the same entries on both), so
each pair of written entries is a step of its own:

- ``ok`` when every pair holds (with dots: every written pair, the first, second and last entries
  the writer shows, which is how the pattern is read from them);
- ``wrong`` when one pair is refuted as a scalar step would be, naming that entry, and only when no
  factor with a name stands before a matrix (``W \begin{bmatrix} … \end{bmatrix}``: W may be a
  matrix, and then the side is not the entries times W);
- otherwise ``inconclusive``, naming the first entry not judged; a step none of whose entries is
  read stays as it was.

A side may carry a sign and a factor before its matrix (``-\frac{1}{m} \begin{bmatrix} … \end{bmatrix}``),
which multiplies each entry. Layouts that differ (a row against a column, a transposed layout, dots
in other places, another number of entries) are not compared: the step stays as the matrix reading
left it. Lists in brackets are read the same way when they are plainly vectors: three entries or
more between commas, or two or more between semicolons (``[a, b]`` may be an interval or a
commutator).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.steps import Step

__all__ = ["Written", "entry_by_entry", "written_matrix"]

_ENVIRONMENT = re.compile(
    r"(?P<open>\\left\s*[(\[]\s*)?\\begin\{(?P<kind>[pbB]?matrix\*?|smallmatrix|array)\}(?:\{[^{}]*\})?"
    r"(?P<body>.*)\\end\{(?P=kind)\}(?P<close>\s*\\right\s*[)\]])?",
    re.S,
)
_LIST = re.compile(r"(?:\\left\s*)?\[(?P<body>.*)(?:\\right\s*)?\]", re.S)
_LEFT = re.compile(r"\\left\s*[(\[]\s*$")
_DOTS = {r"\vdots", r"\cdots", r"\ddots", r"\dots", r"\ldots", r"\hdots", r"\dotsc", r"\dotsb", "...", "…"}
_SPACING = re.compile(r"^\s*\[[-+0-9.]*\s*(?:ex|em|pt|mm|cm)\]")
#: a command (``\frac``), a control symbol (``\\``, ``\{``) or one character
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|.", re.S)
_DROPPED = re.compile(r"\\hline|\\(?:[,;!]|quad|qquad)(?![A-Za-z])")
_TRAILING = re.compile(r"[\s,.;]*$")
_NUMERIC = re.compile(r"[\s\d.+\-()]*|[\s+\-]*\\[dt]?frac\{\d+\}\{\d+\}\s*")

Judge = Callable[[Step], dict[str, Any]]


@dataclass(frozen=True)
class Written:
    """A side read as a matrix written out: its grid of entry texts (``None`` for dots) and the
    factor written before it ("" when none)."""

    grid: tuple[tuple[str | None, ...], ...]
    factor: str

    @property
    def layout(self) -> tuple[tuple[bool, ...], ...]:
        return tuple(tuple(cell is None for cell in row) for row in self.grid)

    def entry(self, cell: str) -> str:
        """One entry as a side of its own: the factor times the entry."""
        if not self.factor.strip():
            return cell
        if self.factor.strip() == "-":
            return f"-\\left({cell}\\right)"
        return f"{self.factor} \\left({cell}\\right)"


def written_matrix(side: str) -> Written | None:
    """The side as a matrix written out (an environment or a list in brackets, with a factor
    before it), else None."""
    text = _TRAILING.sub("", side.strip())
    begin = text.find(r"\begin{")
    if begin >= 0:
        left = _LEFT.search(text[:begin])
        factor, rest = _factor_before(text, left.start() if left else begin)
        m = _ENVIRONMENT.fullmatch(rest)
        if factor is None or m is None or (m.group("open") is None) != (m.group("close") is None):
            return None
        rows = _rows(m.group("body"))
    else:
        bracket = text.find("[")
        left = _LEFT.search(text[: bracket + 1]) if bracket >= 0 else None
        factor, rest = _factor_before(text, left.start() if left else bracket) if bracket >= 0 else (None, "")
        m = _LIST.fullmatch(rest) if factor is not None else None
        rows = _list_rows(re.sub(r"\\right\s*$", "", m.group("body"))) if m is not None else None
    if not rows:
        return None
    grid = tuple(tuple(None if cell in _DOTS or not cell else cell for cell in row) for row in rows)
    if sum(cell is not None for row in grid for cell in row) < 2:
        return None  # one entry: environment_steps.single_entry's
    return Written(grid, factor)


def entry_by_entry(step: Step, out: dict[str, Any], judge: Judge) -> dict[str, Any]:
    """The step judged entry by entry where both sides are matrices written with one layout (module
    docstring); ``out`` unchanged where they are not, or where no entry is read."""
    left, right = written_matrix(step.lhs), written_matrix(step.rhs)
    if left is None or right is None or left.layout != right.layout:
        return out
    pairs = [
        ((r + 1, c + 1), left.entry(a), right.entry(b))
        for r, (row_a, row_b) in enumerate(zip(left.grid, right.grid, strict=True))
        for c, (a, b) in enumerate(zip(row_a, row_b, strict=True))
        if a is not None and b is not None
    ]
    verdicts = []
    for place, a, b in pairs:
        verdict = judge(replace(step, lhs=a, rhs=b))
        if verdict["status"] == "wrong" and _may_refute(left) and _may_refute(right):
            why = f"entry by entry: the entry {_place(place, left)} differs ({a} = {b}): {verdict['message']}"
            return {**verdict, "message": why}
        verdicts.append((place, a, b, verdict))
    if all(v["status"] == "ok" for *_, v in verdicts):
        return {**verdicts[0][3], "counterexample": None, "message": _holds(len(verdicts), left)}
    if not any(v["status"] == "ok" for *_, v in verdicts):
        return out  # no entry read: the step stays as the matrix reading left it
    place, a, b, verdict = next(p for p in verdicts if p[3]["status"] != "ok")
    why = f"entry by entry: the entry {_place(place, left)} ({a} = {b}) is not judged: {verdict['message']}"
    return {**verdict, "status": "inconclusive", "counterexample": None, "message": why}


def _may_refute(side: Written) -> bool:
    """A refuted entry refutes the step only when the factor is a number (or none): a name
    before a matrix may itself be a matrix."""
    return _NUMERIC.fullmatch(side.factor) is not None


def _holds(count: int, side: Written) -> str:
    dots = " (the entries the dots stand for follow the written ones)" if any(any(r) for r in side.layout) else ""
    return f"entry by entry: all {count} written entries hold{dots}"


def _place(place: tuple[int, int], side: Written) -> str:
    rows, cols = len(side.grid), len(side.grid[0])
    if cols == 1:
        return f"in row {place[0]}"
    if rows == 1:
        return f"in column {place[1]}"
    return f"in row {place[0]}, column {place[1]}"


def _factor_before(text: str, start: int) -> tuple[str | None, str]:
    """The factor written before the matrix at ``start`` (a sign, a number, a fraction, names) and
    the rest; None when it holds an operator that makes the side more than a multiple."""
    factor = text[:start]
    if factor.count("{") != factor.count("}") or factor.count("(") != factor.count(")"):
        return None, ""
    if re.search(r"\\begin|\\end|=|\[|\]|\\(?:odot|circ|times|cdot|otimes|oplus)(?![A-Za-z])|\^|_\s*$", factor):
        return None, ""
    if re.search(r"[^\s+\-]", factor) and re.search(r"(?<![{(\\^_])\s*[+\-]", factor.strip()[1:]):
        return None, ""  # a sum before the matrix: a + 2[…] is not a multiple of the matrix
    return factor, text[start:]


def _rows(body: str) -> list[list[str]] | None:
    """The rows of an environment's body (split at top-level ``\\\\``) and their entries (at ``&``)."""
    body = _DROPPED.sub(" ", body.replace("&amp;", "&"))
    if r"\begin" in body:
        return None  # an environment inside an entry: a matrix of blocks, not read here
    rows: list[list[str]] = [[""]]
    depth = 0
    for token in _TOKEN.findall(body):
        depth += (token in ("{", "(", "[")) - (token in ("}", ")", "]"))
        if depth == 0 and token == "\\\\":
            rows.append([""])
        elif depth == 0 and token == "&":
            rows[-1].append("")
        else:
            rows[-1][-1] += token
    if depth != 0:
        return None
    cleaned = [[_SPACING.sub("", cell).strip() for cell in row] for row in rows]
    return [row for row in cleaned if any(row)]


def _list_rows(body: str) -> list[list[str]] | None:
    """The entries of ``[a, b, c]`` (one row) or ``[a; b]`` (one column); None when it is not
    plainly a vector (module docstring)."""
    parts, depth, current = [], 0, ""
    separators = set()
    for ch in body:
        depth += (ch in "{([") - (ch in "})]")
        if depth == 0 and ch in ",;":
            parts.append(current.strip())
            separators.add(ch)
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    if depth != 0 or len(separators) != 1:
        return None
    if separators == {","}:
        return [parts] if len(parts) >= 3 else None
    return [[part] for part in parts] if len(parts) >= 2 else None
