r"""The index pattern of a matrix or vector written with ellipses (``\vdots``, ``\cdots``, ``\ddots``).

``\begin{pmatrix} p_1 - y_1 \\ \vdots \\ p_n - y_n \end{pmatrix}``, ``\begin{bmatrix} a_1x_1 & \cdots &
a_Kx_1 \\ \vdots & \ddots & \vdots \\ a_1x_m & \cdots & a_Kx_m \end{bmatrix}``: rows written before a
row of vertical dots are rows 1, 2, …; the one row after it is the last, whose number is a size
letter (n, m, K) or a number. Columns likewise around a horizontal ellipsis in each written row.

Each written entry is then an instance of a template with the row and column numbers in some
places. The template is read off one entry and must give every written entry exactly (after
``a_{1}`` is written ``a_1`` and the digits of ``w_{12}`` are two indices); it is accepted only
when exactly one choice of places does. Readings tried, in order:

- one template for every entry (``a_jx_i``, ``\partial\phi_i/\partial z_j``);
- for a square matrix, one template on the diagonal and one off it (``\text{diag}``, the softmax
  Jacobian ``p_i(1-p_i)`` / ``-p_ip_j``);
- with one axis written out in full (``1 & x_1 \\ \vdots & \vdots \\ 1 & x_m``), one template
  per written column (or row).

The size letter is read from entries that differ only in the row (or column) number: ``p_1``
against ``p_n``. Dots that end an axis (``p_1 \\ p_2 \\ \vdots``, no last entry) are read
when two entries at least come before them: the run has no size letter, and goes to the length
of what the entries index. Anything less certain (one written entry, two rows after the dots,
numbers that do not start at 1, a label ``x^{(1)}``) raises Unreadable with the reason.

Where no one template gives every written entry (a slip in one of them, or two templates fit),
the matrix is read at its written entries only (kind WRITTEN): each at its own place, row 1, 2,
… or the last, when every row and column before the dots shows its own number in an entry
(``s_1, s_3, …`` may list every other entry, and is not read). Such a reading never makes a step
ok; it can refute one at a written entry (written_entries.py). Every reading records the places
of the written entries (PatternSpec.written): the judge holds a step refuted elsewhere only.
Nothing is evaluated here.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any

from derive.checks.latex.ellipsis_sums import plain
from derive.checks.latex.tex_tokens import Unreadable

__all__ = [
    "Cell",
    "PatternSpec",
    "ELLIPSES",
    "HORIZONTAL",
    "LAST",
    "WRITTEN",
    "infer_pattern",
    "is_ellipsis",
    "written_places",
]

HORIZONTAL = {r"\dots", r"\cdots", r"\ldots", r"\hdots", r"\dotsc", r"\dotsb", r"\dotsm"}
VERTICAL = {r"\vdots", r"\ddots"}
ELLIPSES = HORIZONTAL | VERTICAL
END_ROW, END_COL = "\x00rows", "\x00cols"  # the last row / column before its size is known
_FRESH = "kjilmrstuvpqabcdefgh"
_MAX_PLACES = 10
#: entries written before dots that end an axis (no last entry): two, so that the entries show
#: how they change along it (``a_1 \\ \vdots`` alone could be any run starting at a_1)
_BEFORE_TRAILING = 2


@dataclass(frozen=True)
class Cell:
    row: str  # "1", "2", … or the last row's size letter (END_ROW until it is known)
    col: str
    toks: tuple[str, ...]  # canonical tokens (see _canon)


@dataclass(frozen=True)
class PatternSpec:
    """What the reader builds its node from: template token lists with index letters."""

    kind: str  # "one" | "diag" | "by_row" | "by_col"
    templates: tuple[tuple[str, ...], ...]  # one, (diagonal, off), or one per written row/column
    rows: str  # the size letter or number the rows run to; "" when written out
    cols: str
    nrows: int  # rows written out (0 when they run to a size)
    ncols: int
    row_index: str
    col_index: str
    #: the written entries' places (row, column): "1", "2", … or LAST for the row (column) after
    #: the dots; entries not listed are the pattern's inference (see written_entries.py)
    written: tuple[tuple[str, str], ...] = ()


LAST = "last"
#: PatternSpec.kind of a matrix read at its written entries only (templates[k] at written[k])
WRITTEN = "written"


def written_places(written: tuple[tuple[str, str], ...], rows: int, cols: int) -> set[tuple[int, int]]:
    """The (row, column) numbers, from 1, of the written entries of a rows×cols instance."""
    return {(rows if r == LAST else int(r), cols if c == LAST else int(c)) for r, c in written}


def is_ellipsis(cell: list[str]) -> bool:
    return (len(cell) == 1 and cell[0] in ELLIPSES) or cell == [".", ".", "."]


def infer_pattern(grid: list[list[list[str]]]) -> PatternSpec:
    """The pattern of a grid of cells (rows of token lists) that has ellipses."""
    cells, nrows, ncols, trailing = _layout(grid)
    last = {END_ROW: LAST, END_COL: LAST}
    written = tuple(sorted({(last.get(c.row, c.row), last.get(c.col, c.col)) for c in cells}))
    raw = cells
    cells, groups = _grouped_sizes(cells)
    rows_end = _end_letter(cells, 0) if not nrows and 0 not in trailing else ""
    cols_end = _end_letter(cells, 1) if not ncols and 1 not in trailing else ""
    if not nrows and not ncols and not (rows_end and cols_end) and not trailing:
        square = _diagonal_letter(cells)
        rows_end, cols_end = rows_end or square, cols_end or square
    if (not nrows and not rows_end and 0 not in trailing) or (not ncols and not cols_end and 1 not in trailing):
        raise Unreadable("a matrix with ellipses whose size is not written (no entry names the last index)")
    named = {END_ROW: rows_end, END_COL: cols_end}
    cells = [Cell(named.get(c.row, c.row), named.get(c.col, c.col), c.toks) for c in cells]
    used = {t for c in cells for t in c.toks} | {rows_end, cols_end}
    letters = [c for c in _FRESH if c not in used][:2]
    if len(letters) < 2:
        raise Unreadable("a matrix with ellipses that uses every index letter")
    sizes = (groups.get(rows_end, rows_end), groups.get(cols_end, cols_end), nrows, ncols, *letters)
    try:
        kind, templates = _templates(cells, nrows, ncols, rows_end == cols_end and not trailing)
    except Unreadable as exc:
        if trailing:
            raise
        return _written_only(raw, sizes, exc)
    shown = tuple(tuple(_fill(t, roles, letters[0], letters[1])) for t, roles in templates)
    return PatternSpec(kind, shown, *sizes, written)


def _written_only(cells: list[Cell], sizes: tuple[Any, ...], why: Unreadable) -> PatternSpec:
    """Entries that follow no one pattern (or two): each written entry at its own place, the
    others not read (kind "written"). Such a matrix can show a written entry wrong, never the
    step right. Entries written with a size made of a group (``x_{n_x}``) keep the group."""
    rows, cols, nrows, ncols = sizes[:4]
    if (not nrows and not rows) or (not ncols and not cols) or not (nrows or _counted(cells, 0)):
        raise why
    if not (ncols or _counted(cells, 1)):
        raise why
    last = {END_ROW: LAST, END_COL: LAST}
    places = tuple((last.get(c.row, c.row), last.get(c.col, c.col)) for c in cells)
    return PatternSpec(WRITTEN, tuple(c.toks for c in cells), *sizes, places)


def _counted(cells: list[Cell], axis: int) -> bool:
    """Whether the rows (axis 0) or columns written before the dots are rows 1, 2, … of the
    whole: each has its number in one of its entries (``y_2y_1``, ``-y_1y_2`` in row 2). Not
    so for ``p_1 \\ p_3 \\ \vdots``, which may list every other entry."""
    numbers = {c.row if axis == 0 else c.col for c in cells} - {END_ROW, END_COL}
    return all(any(n in c.toks for c in cells if (c.row, c.col)[axis] == n) for n in numbers)


# ------------------------------------------------------------------ layout
def _layout(grid: list[list[list[str]]]) -> tuple[list[Cell], int, int, set[int]]:
    """The written cells with their row and column numbers, the rows / columns written out in
    full (0 for an axis that runs to a size), and the axes whose dots end them (0 rows, 1
    columns: ``a_1 \\ a_2 \\ \vdots``, no last entry; they run to what the entries index)."""
    vertical = [k for k, row in enumerate(grid) if _dots_row(row, len(grid))]
    if len(vertical) > 1:
        raise Unreadable("a matrix with more than one row of dots")
    trailing: set[int] = set()
    if vertical:
        before, after = grid[: vertical[0]], grid[vertical[0] + 1 :]
        if not after and len(before) >= _BEFORE_TRAILING:
            trailing.add(0)
        elif not before or len(after) != 1:
            raise Unreadable("a matrix with dots not between its first rows and its last one")
        rows = [(str(k + 1), r) for k, r in enumerate(before)] + [(END_ROW, a) for a in after]
    else:
        rows = [(str(k + 1), r) for k, r in enumerate(grid)]
    cells: list[Cell] = []
    widths: set[int | str] = set()
    for value, row in rows:
        columns, open_end = _columns(row)
        widths.add("open" if open_end else "end" if columns[-1][0] == END_COL else len(columns))
        cells += [Cell(value, col, _canon(toks)) for col, toks in columns]
    if len(widths) != 1:
        raise Unreadable("a matrix whose rows are written with different numbers of entries")
    width = widths.pop()
    trailing |= {1} if width == "open" else set()
    if not vertical and isinstance(width, int):
        raise Unreadable("a matrix with dots in a layout not read")
    return cells, 0 if vertical else len(grid), width if isinstance(width, int) else 0, trailing


def _dots_row(row: list[list[str]], height: int) -> bool:
    """A row of dots only: with a vertical ellipsis, or in a matrix of several rows (``\\cdots``
    alone, ``... & ... & ...``, ``\\ddots \\vdots`` with its ``&`` left out)."""
    full = [c for c in row if c]
    if not full or not all(is_ellipsis(c) or all(t in ELLIPSES for t in c) for c in full):
        return False
    return any(t in VERTICAL for c in full for t in c) or height > 1


def _columns(row: list[list[str]]) -> tuple[list[tuple[str, list[str]]], bool]:
    """(column number, tokens) of a written row's entries; the entry after a horizontal
    ellipsis is the last column (END_COL). Empty cells beside the ellipsis belong to it. With
    whether the row ends in its dots (``a_1 & a_2 & \\cdots``: it runs on, no last entry)."""
    marks = [k for k, c in enumerate(row) if is_ellipsis(c)]
    if not marks:
        if any(not c for c in row):
            raise Unreadable("a matrix with an empty entry")
        return [(str(k + 1), c) for k, c in enumerate(row)], False
    if len(marks) > 1 or any(is_ellipsis(c) and c[0] in VERTICAL for c in row):
        raise Unreadable("a matrix row with dots in a layout not read")
    at = marks[0]
    before = row[:at]
    after = row[at + 1 :]
    while after and not after[0]:
        after = after[1:]
    while before and not before[-1]:
        before = before[:-1]
    numbered = [(str(k + 1), c) for k, c in enumerate(before)]
    if not after and len(before) >= _BEFORE_TRAILING and all(before):
        return numbered, True
    if not before or len(after) != 1 or any(not c for c in before):
        raise Unreadable("a matrix row with dots not between its first entries and its last one")
    return [*numbered, (END_COL, after[0])], False


def _canon(toks: list[str]) -> tuple[str, ...]:
    """``a_{1}`` as ``a_1``; a subscript of indices one token each: the digits of ``w_{12}``, the
    parts of ``w_{1,10}`` (the commas dropped, so that both spell the pair alike)."""
    out: list[str] = []
    k = 0
    while k < len(toks):
        if toks[k] == "_" and toks[k + 1 : k + 2] == ["{"]:
            indices = _indices(toks[k + 2 :])
            if indices is not None:
                out += ["_", "{", *indices[0], "}"]
                k += 2 + indices[1]
                continue
        out.append(toks[k])
        k += 1
    return tuple(plain(out))


def _indices(toks: list[str]) -> tuple[list[str], int] | None:
    """The indices of a braced subscript (its tokens after the ``{``) and how many tokens it
    spans up to its ``}``: single letters, numbers after commas or one number of digits."""
    end = toks.index("}") if "}" in toks else -1
    body = toks[:end]
    if end < 1 or "{" in body:
        return None
    if "," in body:
        parts = " ".join(body).split(" , ")
        if all(re.fullmatch(r"\d+|[A-Za-z]", p) for p in parts):
            return parts, end + 1
        return None
    if len(body) == 1 and body[0].isdigit() and len(body[0]) > 1:
        return list(body[0]), end + 1
    return None


# ------------------------------------------------------------------ sizes
def _end_letter(cells: list[Cell], axis: int) -> str:
    """The size the rows (axis 0) or columns run to: what the last one has where an earlier
    one, with the same other number, has its own number."""
    end = END_ROW if axis == 0 else END_COL
    found: set[str] = set()
    for a, b in itertools.product(cells, cells):
        here, there = (a.row, b.row) if axis == 0 else (a.col, b.col)
        other_a, other_b = (a.col, b.col) if axis == 0 else (a.row, b.row)
        if there != end or here == end or other_a != other_b or len(a.toks) != len(b.toks):
            continue
        diffs = {(x, y) for x, y in zip(a.toks, b.toks, strict=True) if x != y}
        if diffs and all(x == here for x, _ in diffs) and len({y for _, y in diffs}) == 1:
            found.add(diffs.pop()[1])
    return _one_size(found)


def _diagonal_letter(cells: list[Cell]) -> str:
    """A square matrix's size from its first and last diagonal entries (``\\phi'(z_1)`` against
    ``\\phi'(z_d)``), when no row or column pair names it."""
    first = [c for c in cells if c.row == "1" and c.col == "1"]
    last = [c for c in cells if c.row == END_ROW and c.col == END_COL]
    if not first or not last or len(first[0].toks) != len(last[0].toks):
        return ""
    diffs = {(x, y) for x, y in zip(first[0].toks, last[0].toks, strict=True) if x != y}
    if diffs and all(x == "1" for x, _ in diffs):
        return _one_size({y for _, y in diffs})
    return ""


_GROUP = {END_ROW: "\x00n", END_COL: "\x00m"}  # a last index written as a group, as one token


def _grouped_sizes(cells: list[Cell]) -> tuple[list[Cell], dict[str, str]]:
    r"""A last index written as a group (``x_{n_x}``, ``\delta_{d_{\ell+1}}``) made one token in
    the last row's (column's) entries, when an earlier entry has its number just there; with
    the group's text for each such token."""
    groups: dict[str, tuple[str, ...]] = {}
    for axis, end in ((0, END_ROW), (1, END_COL)):
        for a, b in itertools.product(cells, cells):
            here, there = (a.row, b.row) if axis == 0 else (a.col, b.col)
            if there != end or here == end or (a.col, a.row)[axis] != (b.col, b.row)[axis] or end in groups:
                continue
            for group in _script_groups(b.toks):
                toks = _replace_group(b.toks, group, _GROUP[end])
                diffs = {(x, y) for x, y in zip(a.toks, toks, strict=False) if x != y}
                if len(toks) == len(a.toks) and diffs == {(here, _GROUP[end])}:
                    groups[end] = group
                    break
    if not groups:
        return cells, {}
    out = []
    for c in cells:
        toks = c.toks
        for end, group in groups.items():
            if end in (c.row, c.col):
                toks = _replace_group(toks, group, _GROUP[end])
        out.append(Cell(c.row, c.col, toks))
    return out, {_GROUP[end]: "".join(group) for end, group in groups.items()}


def _script_groups(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The contents of the braced subscripts of more than one token."""
    found = []
    for p in range(1, len(toks)):
        if toks[p] == "{" and toks[p - 1] == "_":
            depth, q = 0, p
            for q in range(p, len(toks)):
                depth += (toks[q] == "{") - (toks[q] == "}")
                if depth == 0:
                    break
            if q - p > 2:
                found.append(tuple(toks[p + 1 : q]))
    return found


def _replace_group(toks: tuple[str, ...], group: tuple[str, ...], token: str) -> tuple[str, ...]:
    """Every braced ``{group}`` of the tokens as the one token."""
    out: list[str] = []
    k, width = 0, len(group) + 2
    while k < len(toks):
        if toks[k : k + width] == ("{", *group, "}"):
            out.append(token)
            k += width
        else:
            out.append(toks[k])
            k += 1
    return tuple(out)


def _one_size(found: set[str]) -> str:
    if len(found) > 1:
        raise Unreadable(f"a matrix with ellipses whose last index is not one name ({', '.join(sorted(found))})")
    size = found.pop() if found else ""
    if size and not re.fullmatch(r"[A-Za-z]|\d+|\x00[nm]", size):
        raise Unreadable(f"a matrix with ellipses that runs to {size}")
    return size


# ------------------------------------------------------------------ templates
Roles = dict[int, str]  # token position → "R" (row number) or "C" (column number)
_AMBIGUOUS = "ambiguous"


def _templates(
    cells: list[Cell], nrows: int, ncols: int, square: bool
) -> tuple[str, list[tuple[tuple[str, ...], Roles]]]:
    if nrows or ncols:
        axis_written = "by_row" if nrows else "by_col"
        groups = _groups(cells, nrows, ncols)
        found = [_template(g, "C" if nrows else "R") for g in groups]
        return axis_written, [_accepted(f) for f in found]
    one = _template(cells, "RC")
    if one is not None and one != _AMBIGUOUS:
        return "one", [_accepted(one)]
    diagonal = [c for c in cells if c.row == c.col]
    off = [c for c in cells if c.row != c.col]
    if not square or not diagonal or not off:
        raise Unreadable("a matrix with ellipses whose entries follow no one pattern")
    return "diag", [_accepted(_template(diagonal, "R")), _accepted(_template(off, "RC"))]


def _groups(cells: list[Cell], nrows: int, ncols: int) -> list[list[Cell]]:
    if nrows:
        return [[c for c in cells if c.row == str(k + 1)] for k in range(nrows)]
    return [[c for c in cells if c.col == str(k + 1)] for k in range(ncols)]


def _accepted(found: tuple[tuple[str, ...], Roles] | str | None) -> tuple[tuple[str, ...], Roles]:
    if found is None:
        raise Unreadable("a matrix with ellipses whose entries follow no one pattern")
    if found == _AMBIGUOUS:
        raise Unreadable("a matrix with ellipses whose pattern is not certain (two readings fit)")
    assert not isinstance(found, str)
    return found


def _template(group: list[Cell], allowed: str) -> tuple[tuple[str, ...], Roles] | str | None:
    """The one template that gives every entry of the group, _AMBIGUOUS, or None."""
    for ref in sorted(group, key=lambda c: (c.row == c.col, c.row.isdigit() + c.col.isdigit())):
        places = _places(ref, allowed)
        if places is None:
            continue
        if len(places) > _MAX_PLACES:
            return None
        fitting = []
        for mask in itertools.product((False, True), repeat=len(places)):
            roles = {p: r for (p, r), on in zip(places, mask, strict=True) if on}
            if all(_instance(ref.toks, roles, c) == c.toks for c in group):
                fitting.append(roles)
        if len(fitting) > 1:
            return _AMBIGUOUS
        return (ref.toks, fitting[0]) if fitting else None
    return None


def _places(ref: Cell, allowed: str) -> list[tuple[int, str]] | None:
    """Positions of the reference entry that may hold its row or column number; None when one
    could be either (the entry cannot tell them apart)."""
    out = []
    for p, t in enumerate(ref.toks):
        roles = [r for r, v in (("R", ref.row), ("C", ref.col)) if r in allowed and t == v]
        if len(roles) > 1:
            return None
        if roles and not (p > 0 and ref.toks[p - 1] in ("(", "[")):  # x^{(1)}: a label, not an index
            out.append((p, roles[0]))
    return out


def _instance(toks: tuple[str, ...], roles: Roles, cell: Cell) -> tuple[str, ...]:
    return tuple(_fill(toks, roles, cell.row, cell.col))


def _fill(toks: tuple[str, ...], roles: Roles, row: str, col: str) -> list[str]:
    return [row if roles.get(p) == "R" else col if roles.get(p) == "C" else t for p, t in enumerate(toks)]
