r"""Matrices and vectors written out: ``\begin{pmatrix} … \end{pmatrix}`` (also ``matrix``, ``bmatrix``,
``Bmatrix``, ``smallmatrix``, ``array``) in the typed reader of matrix steps.

- Entries written out in full are a :class:`Literal`: its value is the matrix of the entries'
  values (entries that are themselves vectors or matrices are blocks, when their shapes fit),
  compared entry by entry with the other side, shapes checked.
- Entries with ``\vdots``/``\cdots``/``\ddots`` are a :class:`Pattern` when their index pattern is
  certain (:mod:`derive.checks.latex.literal_patterns`): the n×m matrix whose entry (i, j) is the
  template at i and j, n and m the sizes the judge samples for the size letters (n, m, K), or the
  lengths of the vectors the template indexes; the two must agree, else it is not judged.

Both nodes evaluate themselves (``evaluate``, the evaluator's hook) and give their shape to the
shape inference of undeclared names (``shape_in``): a pattern's rows are as many as the entries
of the vectors its row index runs over. ``vmatrix`` (a determinant) is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from derive.checks.latex.literal_patterns import LAST, WRITTEN, infer_pattern, is_ellipsis, written_places
from derive.checks.latex.notation import identifier_name
from derive.checks.latex.numbered_entries import forget_numbered
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed_nodes import Node, Sym, Transpose, all_syms

__all__ = [
    "INFERRED",
    "MATRIX_ENVIRONMENTS",
    "Literal",
    "Pattern",
    "assignment",
    "environment_end",
    "read_list",
    "read_literal",
]

MATRIX_ENVIRONMENTS = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix", "array"}
#: world.flags key: how to evaluate the entries a pattern infers ("nan", or a seed to move them by)
INFERRED = "inferred_entries"
_DROPPED = {r"\hline", r"\,", r"\;", r"\!", r"\quad", r"\qquad"}


@dataclass(frozen=True)
class Literal(Node):
    """A matrix written out entry by entry (row-major)."""

    cells: tuple[Node, ...]
    rows: int
    cols: int

    def evaluate(self, ev: Any) -> Any:
        from derive.checks.latex.tensor_ops import NotJudged

        values = [ev.ev(c) for c in self.cells]
        grid = [values[r * self.cols : (r + 1) * self.cols] for r in range(self.rows)]
        ev.world.flags["tensor"] = True
        if all(v.size == 1 for v in values):
            return _stack(grid)
        try:
            return _blocks(grid)
        except ValueError:
            # blocks that do not fit may be the reader's misreading as much as the writer's error
            raise NotJudged("a matrix of blocks whose shapes do not fit") from None

    def shape_in(self, walker: Any) -> Any:
        shapes = [walker.walk(c) for c in self.cells]
        one = walker.declared(("1",))[0]
        if any(s is None or walker.dims.find(s[0]) != one or walker.dims.find(s[1]) != one for s in shapes):
            return None  # blocks: their shapes are checked when evaluated
        return walker.declared((str(self.rows), str(self.cols)))


@dataclass(frozen=True)
class Pattern(Node):
    """A matrix written with ellipses: entry (i, j) is a template at i and j (see the module doc)."""

    kind: str  # "one" | "diag" (diagonal template, off-diagonal one) | "by_row" | "by_col"
    templates: tuple[Node, ...]
    rows: str  # size letter or number the rows run to ("" when written out)
    cols: str
    nrows: int
    ncols: int
    row_index: str
    col_index: str
    #: a list (a_1, …, a_n): a vector that may be meant as a row or a column (evaluated as a
    #: column; a step it does not satisfy is then not called wrong, see matrix_judge._verdict)
    loose: bool = False
    #: the places of the entries the page writes (PatternSpec.written); the others are inferred
    written: tuple[tuple[str, str], ...] = ()

    def template(self, i: int, j: int) -> Node:
        if self.kind == WRITTEN:  # (evaluate gives the entries not written no value)
            return self.templates[self.written.index((str(i), str(j)))]
        if self.kind == "diag":
            return self.templates[0] if i == j else self.templates[1]
        if self.kind == "by_row":
            return self.templates[i - 1]
        if self.kind == "by_col":
            return self.templates[j - 1]
        return self.templates[0]

    def evaluate(self, ev: Any) -> Any:
        from derive.checks.latex.tensor_ops import NotJudged

        rows = self.nrows or _length(ev, self, 0)
        cols = self.ncols or _length(ev, self, 1)
        written = written_places(self.written, rows, cols)
        if self.kind == WRITTEN:
            return self._written_entries(ev, rows, cols)
        grid = []
        for i in range(1, rows + 1):
            row = []
            for j in range(1, cols + 1):
                value = ev.child({self.row_index: i, self.col_index: j}).ev(self.template(i, j))
                if value.size != 1:
                    raise NotJudged("an entry of a matrix written with ellipses that is not a number")
                inferred = ev.world.flags.get(INFERRED) if (i, j) not in written else None
                row.append(_replaced(value, inferred, (i, j)) if inferred else value)
            grid.append(row)
        ev.world.flags["tensor"] = True
        if self.loose:
            ev.world.flags["orientation"] = True
            return _stack(grid).T
        return _stack(grid)

    def _written_entries(self, ev: Any, rows: int, cols: int) -> Any:
        """Kind WRITTEN: each written entry's value at its place, the other places 0 and counted
        as inferred (written_entries.py holds a step that differs there, and any step found
        equal). At a size too small to give every written entry its own place (row 2 and the
        last row one), no place counts as written."""
        from derive.checks.latex.tensor_ops import (
            NotJudged,
            scalar,
        )  # (tensor_eval's UnboundIndex is one, with .letter)

        places = [(rows if r == LAST else int(r), cols if c == LAST else int(c)) for r, c in self.written]
        apart = len(set(places)) == len(places)
        values = {}
        sizes: dict[str, int] = {}
        for size, count in ((self.rows, rows), (self.cols, cols)):
            if re.fullmatch(r"[A-Za-z]", size):
                if sizes.setdefault(size, count) != count:
                    raise NotJudged(f"a matrix written with ellipses whose size {size} is two lengths")
        for place, template in zip(places, self.templates, strict=True):
            try:
                values[place] = ev.child(sizes).ev(template)  # y_n: its last entry
            except NotJudged as exc:  # a_{i1}: a general entry, whose place the layout does not give
                if getattr(exc, "letter", None) is None:
                    raise
                raise NotJudged(f"an entry of a matrix written with ellipses with the index {exc.letter}") from None  # type: ignore[attr-defined]
            if values[place].size != 1:
                raise NotJudged("an entry of a matrix written with ellipses that is not a number")
        lasts = {s.stem for t in self.templates for s in all_syms(t) if set(_parts(s.sub)) & set(sizes)}
        forget_numbered(ev.world, lasts)  # s_1, s_2, s_K: s has K entries, not 2
        inferred = ev.world.flags.get(INFERRED) or "zero"
        grid = []
        for i in range(1, rows + 1):
            row = []
            for j in range(1, cols + 1):
                known = apart and (i, j) in values
                row.append(values[(i, j)] if known else _replaced(scalar(0.0), inferred, (i, j)))
            grid.append(row)
        ev.world.flags["tensor"] = ev.world.flags[WRITTEN] = True
        return _stack(grid)

    def shape_in(self, walker: Any) -> Any:
        if self.loose:
            return None  # a row or a column: not a shape to unify with
        outer = set(walker.bound)
        walker.bound |= {self.row_index, self.col_index}
        try:
            for t in self.templates:
                walker.walk(t)
        finally:
            walker.bound = outer
        dims = [_dim(walker, count, size) for count, size in ((self.nrows, self.rows), (self.ncols, self.cols))]
        for sym in {s for t in self.templates for s in all_syms(t)}:
            for axis, index in enumerate((self.row_index, self.col_index)):
                found = _indexed_dim(walker, sym, index)
                if found is not None:
                    walker.dims.union(dims[axis], found)
        return dims[0], dims[1]


def _replaced(value: Any, mode: Any, place: tuple[int, int]) -> Any:
    """An inferred entry (one the page does not write) as NaN, or moved by a seeded amount: what
    written_entries.py uses to see which entries of a side depend on the inference."""
    import numpy as np
    from derive.checks.latex.tensor_ops import Dual

    if mode == "zero":
        return value
    if mode == "nan":
        return Dual(value.v * np.nan, None if value.d is None else value.d * np.nan)
    rng = np.random.default_rng([int(mode), *place])
    scale, shift = rng.uniform(1.5, 2.5), rng.uniform(0.5, 1.5)  # a sign kept: a log's argument stays positive
    return Dual(value.v * scale + shift * (value.v == 0), None if value.d is None else value.d * scale)


def read_literal(reader: Any, env: str, k: int) -> Node:
    r"""The literal whose body starts at token k (after ``\begin{env}``); the reader's position
    is moved past ``\end{env}``."""
    toks = reader.toks
    if env == "array" and k < len(toks) and toks[k] == "{":
        k = reader.match(k) + 1  # the column specification {cc}
    end = environment_end(toks, k)
    close = reader.match(end + 1) if end + 1 < len(toks) and toks[end + 1] == "{" else end
    reader.i = close + 1
    grid = _grid([t for t in toks[k:end] if t not in _DROPPED])
    if not grid:
        raise Unreadable("a matrix with no entries")
    if len(grid) == 1 and len(grid[0]) == 1 and grid[0][0][:1] == [r"\begin"]:
        # L\begin{pmatrix}\begin{bmatrix} v_1 \\ v_2 \end{bmatrix}\end{pmatrix}: parentheses set as a
        # matrix around a vector, a map's argument (hunt 34), not a one-block matrix times L
        raise Unreadable("a matrix alone inside a one-entry matrix (parentheses around an argument?)")
    if len(grid) == 1 and len(grid[0]) == 1 and reader.top_level(grid[0][0], ","):
        return read_list(reader, reader._split_commas(grid[0][0]), "a matrix with commas between its entries")
    if any(is_ellipsis(c) for row in grid for c in row):
        spec = infer_pattern(grid)
        templates = tuple(reader.whole(list(t)) for t in spec.templates)
        sizes = (spec.rows, spec.cols, spec.nrows, spec.ncols)
        return Pattern(spec.kind, templates, *sizes, spec.row_index, spec.col_index, written=spec.written)
    widths = {len(row) for row in grid}
    if len(widths) != 1 or any(not c for row in grid for c in row):
        raise Unreadable("a matrix whose rows have different numbers of entries")
    for row in grid:
        for cell in row:
            if any(t in (r"\dots", r"\cdots", r"\ldots", r"\vdots", r"\ddots") for t in cell):
                raise Unreadable("a matrix with an ellipsis inside an entry")
    cells = tuple(reader.whole(c) for row in grid for c in row)
    return Literal(cells, len(grid), widths.pop())


def assignment(side: Node, other: Node, defs: dict[str, Node]) -> str | None:
    r"""``(x_1\ x_2) = (0.5\ 0.3)``: a matrix (or its transpose) of plain names, none defined,
    set equal to something that does not mention them, gives those names values (as ``x = 3``
    does): the names, else None."""
    while isinstance(side, Transpose):
        side = side.x
    cells = side.cells if isinstance(side, Literal) else side.templates if isinstance(side, Pattern) else ()
    indices = {side.row_index, side.col_index} if isinstance(side, Pattern) else set()
    if not cells or not all(isinstance(c, Sym) and c.full not in indices for c in cells):
        return None  # (1, 2, …, n): the index itself is a number, not a name being given a value
    mentioned = {name for s in all_syms(other) for name in (s.full, s.stem)}
    if any(c.full in defs or c.stem in defs or c.full in mentioned or c.stem in mentioned for c in cells):
        return None
    return ", ".join(c.full for c in cells if isinstance(c, Sym))


def read_list(reader: Any, parts: list[list[str]], refused: str, loose: bool = True) -> Node:
    """``(a_1, a_2, …, a_n)``, the parts split at top-level commas: a vector with the list's
    pattern. A list without an ellipsis raises Unreadable(refused) (tuples of numbers are the
    scalar reader's), and so does one whose pattern is not certain."""
    if not any(is_ellipsis(p) for p in parts):
        raise Unreadable(refused or "a list of arguments")
    spec = infer_pattern([parts])
    if spec.kind != "by_row" or spec.nrows != 1:
        raise Unreadable("a list with ellipses in a layout not read")
    templates = tuple(reader.whole(list(t)) for t in spec.templates)
    sizes = (spec.rows, spec.cols, spec.nrows, spec.ncols)
    return Pattern(spec.kind, templates, *sizes, spec.row_index, spec.col_index, loose=loose, written=spec.written)


def environment_end(toks: list[str], k: int) -> int:
    """The index of the ``\\end`` closing the environment whose body starts at k (nested ones skipped)."""
    depth = 0
    for j in range(k, len(toks)):
        if toks[j] == r"\begin":
            depth += 1
        elif toks[j] == r"\end":
            if depth == 0:
                return j
            depth -= 1
    raise Unreadable("a matrix environment without its \\end")


def _grid(body: list[str]) -> list[list[list[str]]]:
    """Rows (split at top-level ``\\\\``) of cells (split at ``&``); a row's spacing ``\\\\[1.5ex]``
    dropped, and rows with nothing in them (``\\\\ \\\\``, a Markdown page's doubled breaks)."""
    rows: list[list[list[str]]] = [[[]]]
    depth = 0
    k = 0
    while k < len(body):
        t = body[k]
        depth += (t in ("{", "(", "[", r"\begin")) - (t in ("}", ")", "]", r"\end"))
        if depth == 0 and t == "\\\\":
            rows.append([[]])
            k = _after_spacing(body, k + 1)
            continue
        if depth == 0 and t == "&":
            rows[-1].append([])
        else:
            rows[-1][-1].append(t)
        k += 1
    return [row for row in rows if any(row)]


def _after_spacing(body: list[str], k: int) -> int:
    """Past a row's spacing ``[1.5ex]`` at token k (tokens ``[``, ``1.5``, ``e``, ``x``, ``]``)."""
    if body[k : k + 1] != ["["] or "]" not in body[k:]:
        return k
    close = body.index("]", k)
    if re.fullmatch(r"-?\d*\.?\d+\s*(em|ex|pt|mm|cm|in|mu|bp|pc|dd|sp)", "".join(body[k + 1 : close])):
        return close + 1
    return k


# ------------------------------------------------------------------ values
def _stack(grid: list[list[Any]]) -> Any:
    import numpy as np
    from derive.checks.latex.tensor_ops import Dual

    v = np.array([[float(x.v.reshape(-1)[0]) for x in row] for row in grid], dtype=np.float64)
    ks = {x.d.shape[0] for row in grid for x in row if x.d is not None}
    if not ks:
        return Dual(v)
    k = ks.pop()
    d = np.stack([np.stack([x.dk(k).reshape(k) for x in row], axis=1) for row in grid], axis=1)
    return Dual(v, d)


def _blocks(grid: list[list[Any]]) -> Any:
    import numpy as np
    from derive.checks.latex.tensor_ops import Dual

    v = np.block([[x.v for x in row] for row in grid])
    ks = {x.d.shape[0] for row in grid for x in row if x.d is not None}
    if not ks:
        return Dual(v)
    k = ks.pop()
    d = np.stack([np.block([[x.dk(k)[n] for x in row] for row in grid]) for n in range(k)])
    return Dual(v, d)


def _length(ev: Any, node: Pattern, axis: int) -> int:
    """How many rows (axis 0) or columns the pattern runs to in this world: the size its last
    index names, and the lengths of what its index runs over, which must all agree."""
    from derive.checks.latex.tensor_ops import NotJudged  # (tensor_eval's UnboundIndex is one, with .letter)

    size, index = (node.rows, node.row_index) if axis == 0 else (node.cols, node.col_index)
    other = node.col_index if axis == 0 else node.row_index
    if node.kind == WRITTEN and re.fullmatch(r"[A-Za-z]", size):
        index = size  # y_n in the last row of entries read as written: y has n entries
    found: set[int] = set()
    if size.isdigit():
        found.add(int(size))
    elif _size_key(size) in ev.world.sizes and not ev.known(_size_key(size)):
        found.add(int(ev.world.sizes[_size_key(size)]))
    for template in node.templates:
        for sym in all_syms(template):
            length = _indexed_length(ev, sym, index)
            if length is not None:
                found.add(length)
        try:
            ev.child({index: None, other: 1}).ev(template)
        except NotJudged as exc:
            if getattr(exc, "letter", None) == index:  # the index has no value yet: its range
                found.add(exc.size)  # type: ignore[attr-defined]
    if not found:
        raise NotJudged(f"the size {size} of a matrix written with ellipses (declare the vectors' shapes)")
    if len(found) > 1:
        raise NotJudged(f"a matrix written with ellipses whose entries run to {size} and to other lengths")
    return found.pop()


def _size_key(size: str) -> str:
    """A size as the worlds name it (``n_x`` is ``n_{x}``)."""
    try:
        return identifier_name(size)
    except Exception:  # noqa: BLE001 - a size not written as a name keeps its spelling
        return size


def _parts(sub: str) -> list[str]:
    return sub.split(",") if "," in sub else list(sub)


def _indexed_length(ev: Any, sym: Sym, index: str) -> int | None:
    from derive.checks.latex.tensor_ops import NotJudged

    parts = _parts(sym.sub)
    if index not in parts or not sym.sub or ev.known(sym.full):
        return None
    try:
        value = ev.name(sym.stem)
    except NotJudged:
        return None
    if value is None or value.size == 1:
        return None
    rows, cols = value.shape
    if len(parts) == 1:
        return value.size if min(rows, cols) == 1 else rows  # W_k: row k of W
    return (rows, cols)[parts.index(index)] if len(parts) == 2 else None


def _dim(walker: Any, count: int, size: str) -> int:
    if count:
        return walker.declared((str(count),))[0]
    if size.isdigit() or size in walker.sizes or _size_key(size) in walker.sizes:
        return walker.declared((size,))[0]
    return walker.dims.fresh()


def _indexed_dim(walker: Any, sym: Sym, index: str) -> int | None:
    parts = _parts(sym.sub)
    if index not in parts or not sym.sub:
        return None
    shape = walker.name(sym.stem)
    if shape is None:
        return None
    one = walker.declared(("1",))[0]
    if len(parts) == 1:
        if walker.dims.find(shape[1]) == one:
            return shape[0]
        return shape[1] if walker.dims.find(shape[0]) == one else shape[0]
    return shape[parts.index(index)] if len(parts) == 2 else None
