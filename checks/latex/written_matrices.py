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
- otherwise ``inconclusive``, naming the first entry not judged (or the entry refuted as numbers
  where a name stands before a matrix); a step whose first entry not judged is not even read, and
  none of whose entries holds, stays as it was.

A side may carry a factor before its matrix (``-\frac{1}{m} \begin{bmatrix} … \end{bmatrix}``), which
multiplies each entry, and may be a sum of such matrices of one layout (``\begin{pmatrix} \sigma(z_1)
\\ \sigma(z_2) \end{pmatrix} - \begin{pmatrix} 0 \\ 1 \end{pmatrix}``). A factor holds numbers,
fractions, letters and a few Greek rates (α, η, λ …), never a function (``\text{softmax}``, ``\max``,
``\sigma``) nor a sum; written matrices side by side (a product, ``\odot``, a transpose after one) are
multiplied out first (written_products). A matrix of one written
entry between dots, ``\begin{bmatrix} \vdots \\ \sum_s \frac{\partial L}{\partial y_j^s} \\ \vdots
\end{bmatrix}`` (the vector whose j-th entry is), is compared by that entry, as
``environment_steps.single_entry`` compares a matrix of one entry.

Layouts that differ (a row against a column, a transposed layout, dots in other places, another
number of entries) are not compared: the step stays as the matrix reading left it. Lists in brackets
are read the same way when they are plainly vectors: three entries or more between commas, or two or
more between semicolons (``[a, b]`` may be an interval or a commutator).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.steps import Step
from derive.checks.latex.written_products import PRODUCTS, TRANSPOSE, Grid, combined, transposed

__all__ = ["Written", "entry_by_entry", "written_matrix"]

_ENVIRONMENT = re.compile(
    r"(?P<open>\\left\s*[(\[]\s*)?\\begin\{(?P<kind>[pbB]?matrix\*?|smallmatrix|array)\}(?:\{[^{}]*\})?"
    r"(?P<body>.*?)\\end\{(?P=kind)\}(?P<close>\s*\\right\s*[)\]])?",
    re.S,
)
_LIST = re.compile(r"(?:\\left\s*)?\[(?P<body>.*)(?:\\right\s*)?\]", re.S)
#: commands a factor before a matrix may hold: fractions and the letters courses use for a rate or a
#: weight (σ, φ and the like are functions as often as numbers: not here)
_FACTOR_COMMANDS = {"frac", "dfrac", "tfrac", "alpha", "beta", "gamma", "eta", "lambda", "mu", "epsilon", "varepsilon"}
_LEFT = re.compile(r"\\left\s*[(\[]\s*$")
_DOTS = {r"\vdots", r"\cdots", r"\ddots", r"\dots", r"\ldots", r"\hdots", r"\dotsc", r"\dotsb", "...", "…"}
_SPACING = re.compile(r"^\s*\[[-+0-9.]*\s*(?:ex|em|pt|mm|cm)\]")
#: a command (``\frac``), a control symbol (``\\``, ``\{``) or one character
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|.", re.S)
_DROPPED = re.compile(r"\\hline|\\(?:[,;!]|quad|qquad)(?![A-Za-z])")
_TRAILING = re.compile(r"[\s,.;]*$")
#: another written matrix right after one, with a product's operator (or none) between them
_JOINED = re.compile(
    r"\s*(?P<op>"
    + "|".join(re.escape(op) for op in PRODUCTS if op)
    + r")?(?![A-Za-z])\s*(?P<open>)(?:\\left\s*[(\[]\s*)?\\begin\{"
)
_NUMERIC = re.compile(r"[\s+\-]*(?:[\d.]*|\\[dt]?frac\{\d+\}\{\d+\})\s*")

Judge = Callable[[Step], dict[str, Any]]


@dataclass(frozen=True)
class Written:
    """A side read as matrices written out, each with the text before it: a factor for the first
    ("" when none), a sign and a factor for the others (``A - 2 B``); grids of entry texts,
    ``None`` for dots, all of one layout."""

    parts: tuple[tuple[str, Grid], ...]

    @property
    def grid(self) -> Grid:
        return self.parts[0][1]

    @property
    def layout(self) -> tuple[tuple[bool, ...], ...]:
        return tuple(tuple(cell is None for cell in row) for row in self.grid)

    @property
    def factors(self) -> tuple[str, ...]:
        return tuple(before for before, _ in self.parts)

    def entry(self, row: int, col: int) -> str:
        """The entry at (row, col) as a side of its own: the sum of each matrix's entry times its
        factor."""
        if len(self.parts) == 1 and not self.parts[0][0].strip():
            return str(self.grid[row][col])
        return " ".join(f"{before} \\left({grid[row][col]}\\right)" for before, grid in self.parts).strip()


def written_matrix(side: str) -> Written | None:
    """The side as matrices written out (environments, or one list in brackets, with factors
    before them), else None."""
    text = _TRAILING.sub("", side.strip())
    if r"\begin{" in text:
        parts = _environments(text)
    else:
        parts = _bracket_list(text)
    if not parts or len({_layout(grid) for _, grid in parts}) != 1:
        return None
    written = Written(tuple(parts))
    cells = [cell for row in written.grid for cell in row]
    if not any(cells) or (sum(c is not None for c in cells) == 1 and all(cells)):
        return None  # one entry without dots: environment_steps.single_entry's
    return written


def _layout(grid: Grid) -> tuple[tuple[bool, ...], ...]:
    return tuple(tuple(cell is None for cell in row) for row in grid)


def _grid(rows: list[list[str]] | None) -> Grid | None:
    return tuple(tuple(None if cell in _DOTS or not cell else cell for cell in row) for row in rows) if rows else None


def _environments(text: str) -> list[tuple[str, Grid]] | None:
    """Each matrix environment of the side with the text before it; None when anything else is
    written between them or after the last."""
    parts: list[tuple[str, Grid]] = []
    rest = text
    while rest.strip():
        begin = rest.find(r"\begin{")
        if begin < 0:
            return None
        left = _LEFT.search(rest[:begin])
        start = left.start() if left else begin
        before = rest[:start]
        if parts and not re.match(r"\s*[+\-]", before):
            return None  # a matrix after a term's end: something between them that is not a product
        if _factor(before.strip()[1:] if parts else before) is None:
            return None
        found = _product(rest, start)
        if found is None:
            return None
        grid, end = found
        parts.append((before.strip(), grid))
        rest = rest[end:]
    return parts


def _matrix_at(text: str, start: int) -> tuple[Grid, int] | None:
    """The matrix environment at ``start`` (transposed where a mark follows it) and its end."""
    m = _ENVIRONMENT.match(text, start)
    if m is None or (m.group("open") is None) != (m.group("close") is None):
        return None
    grid = _grid(_rows(m.group("body")))
    if grid is None:
        return None
    mark = TRANSPOSE.match(text, m.end())
    return (transposed(grid), mark.end()) if mark else (grid, m.end())


def _product(text: str, start: int) -> tuple[Grid, int] | None:
    """The written matrices side by side from ``start`` (``A B``, ``A \\cdot B^T``, ``A \\odot B``)
    multiplied out (written_products), and where they end; None where they do not fit."""
    found = _matrix_at(text, start)
    while found is not None:
        grid, end = found
        joined = _JOINED.match(text, end)
        if joined is None:
            return found
        nxt = _matrix_at(text, joined.end("open"))
        if nxt is None:
            return None
        product = combined(grid, nxt[0], (joined.group("op") or "").strip())
        found = None if product is None else (product, nxt[1])
    return None


def _bracket_list(text: str) -> list[tuple[str, Grid]] | None:
    bracket = text.find("[")
    if bracket < 0:
        return None
    left = _LEFT.search(text[: bracket + 1])
    start = left.start() if left else bracket
    m = _LIST.fullmatch(text, start)
    if m is None or _factor(text[:start]) is None:
        return None
    grid = _grid(_list_rows(re.sub(r"\\right\s*$", "", m.group("body"))))
    return [(text[:start].strip(), grid)] if grid else None


def entry_by_entry(step: Step, out: dict[str, Any], judge: Judge) -> dict[str, Any]:
    """The step judged entry by entry where both sides are matrices written with one layout (module
    docstring); ``out`` unchanged where they are not, or where no entry is read."""
    left, right = written_matrix(step.lhs), written_matrix(step.rhs)
    if left is None or right is None or left.layout != right.layout:
        return out
    pairs = [
        ((r + 1, c + 1), left.entry(r, c), right.entry(r, c))
        for r, row in enumerate(left.grid)
        for c, cell in enumerate(row)
        if cell is not None
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
    held = next((p for p in verdicts if p[3]["status"] == "wrong"), None)
    if held is not None:  # refuted as numbers, with a name before a matrix (_may_refute)
        place, a, b, _ = held
        why = f"entry by entry: the entry {_place(place, left)} differs as numbers ({a} = {b})"
        why += ", but a name before a matrix may itself be a matrix"
        return {**out, "status": "inconclusive", "counterexample": None, "message": why}
    place, a, b, verdict = next(p for p in verdicts if p[3]["status"] != "ok")
    if verdict["status"] == "unparsed" and not any(v["status"] == "ok" for *_, v in verdicts):
        return out  # no entry read: the step stays as the matrix reading left it
    why = f"entry by entry: the entry {_place(place, left)} ({a} = {b}) is not judged: {verdict['message']}"
    return {**verdict, "status": "inconclusive", "counterexample": None, "message": why}


def _may_refute(side: Written) -> bool:
    """A refuted entry refutes the step only when the factor is a number (or none): a name
    before a matrix may itself be a matrix."""
    return all(_NUMERIC.fullmatch(factor) is not None for factor in side.factors)


def _holds(count: int, side: Written) -> str:
    dots = " (the entries the dots stand for follow the written ones)" if any(any(r) for r in side.layout) else ""
    held = "the one written entry holds" if count == 1 else f"all {count} written entries hold"
    return f"entry by entry: {held}{dots}"


def _place(place: tuple[int, int], side: Written) -> str:
    rows, cols = len(side.grid), len(side.grid[0])
    if cols == 1:
        return f"in row {place[0]}"
    if rows == 1:
        return f"in column {place[1]}"
    return f"in row {place[0]}, column {place[1]}"


def _factor(factor: str) -> str | None:
    """The factor written before a matrix (a sign, a number, a fraction, names), or None when it
    holds what makes the side more than a multiple (another operator, a bracket, a sum)."""
    if factor.count("{") != factor.count("}") or factor.count("(") != factor.count(")"):
        return None
    if any(command not in _FACTOR_COMMANDS for command in re.findall(r"\\([A-Za-z]+)", factor)):
        return None  # \text{softmax}, \max, \sum …: a function of the whole matrix, or a product
    if re.search(r"\\begin|\\end|=|\[|\]|\\(?:odot|circ|times|cdot|otimes|oplus)(?![A-Za-z])|\^|_\s*$", factor):
        return None
    if re.search(r"[^\s+\-]", factor) and re.search(r"(?<![{(\\^_])\s*[+\-]", factor.strip()[1:]):
        return None  # a sum before the matrix: a + 2[…] is not a multiple of the matrix
    return factor


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
