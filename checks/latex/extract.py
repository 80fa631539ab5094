"""The equations of a document: its math regions cut into rows and joined into chains.

Where the math is comes from real parsers (:mod:`~derive.checks.latex.markdown_doc`:
markdown-it-py with dollarmath, amsmath and texmath; :mod:`~derive.checks.latex.latex_doc`:
pylatexenc's LatexWalker). Here a display block is cut into rows at its top-level ``\\\\``;
``aligned``, ``split``, ``gathered``, ``alignedat`` and display environments nested in a block
(``$$\\begin{align}…\\end{align}$$``) are transparent. A row that starts with a relation sign
(``&= …``) continues the previous row's chain, so

    L &= A \\\\
      &= B

is the one chain ``L = A = B``, with ``B`` on its own line. A display block that starts with a
relation sign continues the previous block's chain, also after a short stretch of prose ("which
simplifies to") but not across a heading; one that starts with an operator (``+ C``) continues
the previous term when only blank lines separate them.

Every character of a row keeps its line and column in the file (:meth:`Piece.position`). The
prose just before a block is kept as its ``context``, and conditions stated in that prose, in
the sentence right after a block, or at the end of a row (``\\quad \\text{for } i \\neq j``) are
read by :mod:`~derive.checks.latex.conditions`.

Inline math ``$…$`` is extracted too, marked ``inline``; single-``$`` math alone on its line in
Markdown is display. Nothing of the document is evaluated.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from derive.checks.latex.conditions import prose_conditions, row_condition
from derive.checks.latex.latex_doc import DISPLAY_ENVIRONMENTS, latex_regions
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.region import LineTable, Region

__all__ = ["Piece", "Equation", "extract", "equations_of", "RELATIONS", "starts_with_relation"]

#: Environments inside display math that only arrange rows: their rows are the chain's rows.
_TRANSPARENT_ENVS = ("aligned", "split", "gathered", "alignedat", *sorted(DISPLAY_ENVIRONMENTS))

RELATIONS = (
    ":=",
    "=:",
    r"\coloneqq",
    r"\eqqcolon",
    r"\neq",
    r"\ne",
    r"\leq",
    r"\le",
    r"\geq",
    r"\ge",
    r"\leqslant",
    r"\geqslant",
    r"\approx",
    r"\simeq",
    r"\sim",
    r"\equiv",
    r"\propto",
    r"\notin",
    r"\in",
    r"\subseteq",
    r"\subset",
    r"\to",
    r"\rightarrow",
    r"\longrightarrow",
    r"\mapsto",
    r"\Rightarrow",
    r"\implies",
    r"\iff",
    r"\Leftrightarrow",
    r"\ll",
    r"\gg",
    "=",
    "<",
    ">",
)


@dataclass(frozen=True)
class Piece:
    """One row of an equation: its text and where it is in the file.

    ``line``/``column`` (1-based) locate ``text[0]``; :meth:`position` locates any character of
    ``text``, so a checker that cuts a row into terms can give each term its own line and
    column (``$$a = b = c$$`` has three terms on one line at three columns).
    ``conditions`` are the conditions this row holds under, as small LaTeX relation strings
    (``"i \\neq j"``, ``"z^{(2)} \\geq 0"``): those stated in the prose before the block
    (also in :attr:`Equation.conditions`), in prose between blocks of a continued chain, in
    the sentence right after the block ("… for $i \\neq j$"), and in the row itself
    (``\\quad \\text{for } i \\neq j``, which is cut from ``text``). A step whose terms lie in
    two rows holds under the conditions of both.
    """

    line: int
    text: str
    column: int = 1
    conditions: tuple[str, ...] = ()
    #: (index in text, line, column) at each place where text and file stop running in step
    runs: tuple[tuple[int, int, int], ...] = field(default=(), compare=False, repr=False)

    def position(self, index: int) -> tuple[int, int]:
        """(line, column), 1-based, of ``text[index]`` in the file."""
        if not self.runs:
            return self.line, self.column + max(0, index)
        k = max(0, bisect.bisect_right([r[0] for r in self.runs], index) - 1)
        start, line, column = self.runs[k]
        return line, column + max(0, index - start)


@dataclass(frozen=True)
class Equation:
    """A chain of rows (continuations joined), from display or inline math.

    ``kind`` is ``"display"`` or ``"inline"`` (single-``$`` math standing alone on its line
    in Markdown counts as display, as Obsidian and Jupyter users mean it). ``context`` is the
    prose just before the block (at most about 200 characters, inline math kept as
    ``$…$``); ``conditions`` are the conditions read from that prose ("for $i \\neq j$",
    "if i = y_i"), which every piece's ``conditions`` also include.
    """

    pieces: tuple[Piece, ...]
    kind: str  # "display" | "inline"
    context: str = ""
    conditions: tuple[str, ...] = ()

    @property
    def line(self) -> int:
        return self.pieces[0].line

    @property
    def column(self) -> int:
        return self.pieces[0].column

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)


class _Mapped:
    """A string whose every character remembers its offset in the document."""

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets

    def slice(self, start: int, end: int) -> _Mapped:
        return _Mapped(self.text[start:end], self.offsets[start:end])

    def blank(self, start: int, end: int) -> _Mapped:
        """Spaces over [start, end) (newlines kept): same length, same offsets."""
        middle = "".join(c if c == "\n" else " " for c in self.text[start:end])
        return _Mapped(self.text[:start] + middle + self.text[end:], self.offsets)

    def delete(self, start: int, end: int) -> _Mapped:
        return _Mapped(self.text[:start] + self.text[end:], self.offsets[:start] + self.offsets[end:])

    def strip(self, chars: str | None = None) -> _Mapped:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def piece(self, table: LineTable, conditions: tuple[str, ...]) -> Piece:
        runs: list[tuple[int, int, int]] = []
        for k, offset in enumerate(self.offsets):
            if k == 0 or offset != self.offsets[k - 1] + 1 or self.text[k - 1] == "\n":
                runs.append((k, *table.position(offset)))
        line, column = runs[0][1:] if runs else (1, 1)
        return Piece(line, self.text, column, conditions, tuple(runs))


def _blank_all(row: _Mapped, pattern: re.Pattern[str]) -> _Mapped:
    for m in pattern.finditer(row.text):
        row = row.blank(m.start(), m.end())
    return row


_DROP = re.compile(
    r"\\tag\*?\{[^{}]*\}|\\label\{[^{}]*\}|\\nonumber|\\notag|\\begin\{(?:"
    + "|".join(re.escape(e) for e in _TRANSPARENT_ENVS)
    + r")\}(?:\[[a-z]\])?(?:\{[^{}]*\})?|\\end\{(?:"
    + "|".join(re.escape(e) for e in _TRANSPARENT_ENVS)
    + r")\}"
)
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_EQ_NUMBER = re.compile(r"(\\quad|\\qquad|\\;|\\,|\s)*\(\s*\d+\s*\)\s*$")


def _split_rows(body: _Mapped) -> list[_Mapped]:
    """Cut a display body at its top-level ``\\\\`` (not those of cases or matrices)."""
    text = body.text
    rows: list[_Mapped] = []
    depth = env_depth = row_start = k = 0
    while k < len(text):
        if text.startswith("\\begin{", k):
            env_depth += 1
            k += 7
            continue
        if text.startswith("\\end{", k):
            env_depth = max(0, env_depth - 1)
            k += 5
            continue
        c = text[k]
        if c == "\\" and k + 1 < len(text):
            if text[k + 1] == "\\" and depth == 0 and env_depth == 0:
                rows.append(body.slice(row_start, k))
                k += 2
                spacing = re.match(r"\s*\[[^\]]*\]", text[k:])  # \\[2pt] after a row break
                if spacing:
                    k += spacing.end()
                row_start = k
                continue
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        k += 1
    rows.append(body.slice(row_start, len(text)))
    return rows


def _clean_row(row: _Mapped) -> tuple[_Mapped, tuple[str, ...]]:
    """Alignment, boxes, equation numbers, trailing punctuation and a trailing condition off."""
    row = _Mapped(_strip_alignment(row.text), row.offsets)
    row = _unbox(row)
    conditions: tuple[str, ...] = ()
    found = row_condition(row.text)
    if found is not None:
        row, conditions = row.slice(0, found[0]), tuple(found[1])
    number = _EQ_NUMBER.search(row.text)
    if number:
        row = row.slice(0, number.start())
    row = row.strip()
    row = row.slice(0, len(re.sub(r"[\s,.;]+$", "", row.text)))
    return row, conditions


def _rows(region: Region, table: LineTable, latex: bool) -> list[Piece]:
    """The rows of a region, each with its position and its own trailing condition."""
    body = _Mapped(region.text, list(region.offsets))
    if latex:
        body = _blank_all(body, _TEX_COMMENT)
    body = _blank_all(body, _DROP)
    pieces = []
    for raw in _split_rows(body):
        row, conditions = _clean_row(raw)
        if row.text:
            pieces.append(row.piece(table, conditions))
    return pieces


# --------------------------------------------------------------------------- prose around blocks

_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s|^\s*\*\*[^*\n]+\*\*\s*$|\\(?:sub)*section\*?\{|\\paragraph\{|\\chapter\{", re.M
)
_LEADING_TRIGGER = re.compile(
    r"[ \t]*(?:\n[ \t>]*)?[,;]?\s*(?:\\text\{\s*)?(?:for|if|when|whenever|where|provided|assuming|with)\b", re.I
)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n[ \t>]*\n")
#: prose longer than this between two blocks breaks a chain even if the next block starts with "="
_MAX_JOIN_PROSE = 400


@dataclass(frozen=True)
class _Prose:
    """What the prose around one display block says about it."""

    context: str
    conditions: tuple[str, ...]
    join_by_relation: bool  # a block starting with "=" continues the previous chain
    join_by_operator: bool  # a block starting with "+" continues the previous term


def _last_sentence(prose: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", prose) if p.strip()]
    if not paragraphs:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z$\\])", paragraphs[-1].strip())
    return sentences[-1]


def _split_between(between: str, final: bool = False) -> tuple[str, str, bool]:
    """(the end of the previous block's sentence, the prose before the next block, ambiguous).

    "$$A$$ for $i \\neq j$. Next, …" : the condition is A's. When such a trailing clause runs
    into the next block without a sentence end, it cannot be told whose it is: ambiguous."""
    lead = _LEADING_TRIGGER.match(between)
    if lead is None:
        return "", between, False
    end = _SENTENCE_END.search(between, lead.end())
    if end is None:
        # after the last block, the end of the document ends the clause
        return (between, "", False) if final else ("", between, True)
    return between[: end.end()], between[end.end() :], False


def _context(prose: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", prose) if p.strip()]
    text = " ".join(paragraphs[-1].split()) if paragraphs else ""
    text = re.sub(r"\*\*|__|^[#>\-*+\s]+", "", text).strip()
    if len(text) <= 200:
        return text
    tail = text[-199:]
    return "…" + (tail.split(" ", 1)[1] if " " in tail[:40] else tail)


def _prose_info(text: str, displays: list[Region]) -> dict[int, _Prose]:
    """For each display block (by start offset): its context, conditions and whether it may
    continue the previous block's chain."""
    info: dict[int, _Prose] = {}
    trailing: list[tuple[str, ...]] = []
    befores: list[tuple[str, str, bool]] = []
    for k, region in enumerate(displays):
        start = displays[k - 1].end if k else 0
        after_prev, before, ambiguous = (
            _split_between(text[start : region.start]) if k else ("", text[: region.start], False)
        )
        if k:
            trailing.append(tuple(prose_conditions(after_prev)))
        befores.append((text[start : region.start], before, ambiguous))
    if displays:
        after_last, _, _ = _split_between(text[displays[-1].end :], final=True)
        trailing.append(tuple(prose_conditions(after_last)))
    for k, region in enumerate(displays):
        between, before, ambiguous = befores[k]
        stated = () if ambiguous else tuple(prose_conditions(_last_sentence(before)))
        conditions = tuple(dict.fromkeys(stated + trailing[k]))
        markup_only = re.fullmatch(r"[\s>]*", between) is not None
        by_relation = k > 0 and len(between.strip()) <= _MAX_JOIN_PROSE and _HEADING.search(between) is None
        info[region.start] = _Prose(_context(before), conditions, by_relation, k > 0 and markup_only)
    return info


# --------------------------------------------------------------------------- chains


def _with_conditions(piece: Piece, conditions: tuple[str, ...]) -> Piece:
    if not conditions:
        return piece
    merged = tuple(dict.fromkeys(conditions + piece.conditions))
    return Piece(piece.line, piece.text, piece.column, merged, piece.runs)


def _merge(first: Piece, second: Piece) -> Piece:
    """``first`` continued by ``second`` (a term cut by a row break), joined by a space."""
    joint = len(first.text)
    line, column = first.position(joint - 1)
    shifted = tuple((k + joint + 1, ln, col) for k, ln, col in second.runs)
    runs = (first.runs or ((0, first.line, first.column),)) + ((joint, line, column + 1),) + shifted
    conditions = tuple(dict.fromkeys(first.conditions + second.conditions))
    return Piece(first.line, first.text + " " + second.text, first.column, conditions, runs)


def extract(text: str, *, markdown: bool | None = None) -> list[Equation]:
    """The equations of a document, in order. ``markdown`` defaults to: the text has ``$`` and
    no ``\\documentclass``."""
    if markdown is None:
        markdown = "$" in text and "\\documentclass" not in text
    regions = markdown_regions(text) if markdown else latex_regions(text)
    return equations_of(text, regions, latex=not markdown)


def equations_of(text: str, regions: list[Region], *, latex: bool = False) -> list[Equation]:
    """The equations of math regions found in ``text`` (see :func:`extract`)."""
    table = LineTable(text)
    info = _prose_info(text, [r for r in regions if r.kind == "display"])
    equations: list[Equation] = []
    last: int | None = None  # index of the last display equation: the chain a block may continue
    for region in regions:
        if region.kind != "display":
            equations.extend(Equation((p,), "inline") for p in _rows(region, table, latex))
            continue
        prose = info[region.start]
        previous = equations[last] if last is not None else None
        chains: list[list[Piece]] = []
        joined = False
        for row in (_with_conditions(p, prose.conditions) for p in _rows(region, table, latex)):
            target = chains[-1] if chains else (list(previous.pieces) if previous is not None else None)
            if target is not None and (chains or prose.join_by_operator) and _continues_term(row.text, target[-1].text):
                # "&\quad + B" or a block "$$+ B$$": the previous term goes on.
                if not chains:
                    chains.append(target)
                    joined = True
                chains[-1][-1] = _merge(chains[-1][-1], row)
            elif target is not None and (chains or prose.join_by_relation) and starts_with_relation(row.text):
                if not chains:
                    chains.append(target)
                    joined = True
                chains[-1].append(row)
            else:
                chains.append([row])
        for n, pieces in enumerate(chains):
            if n == 0 and joined and previous is not None and last is not None:
                equations[last] = Equation(tuple(pieces), "display", previous.context, previous.conditions)
            else:
                equations.append(Equation(tuple(pieces), "display", prose.context, prose.conditions))
                last = len(equations) - 1
    return equations


_OPERATOR_START = re.compile(
    r"^\s*(?:(?:\\q?quad|\\[,;:! ]|~|\\left[.(\[]?)\s*)*(\+|-(?!-)|\\cdot\b|\\times\b|\\pm\b|\\mp\b|/)"
)
_OPERATOR_END = re.compile(r"(\+|-|\\cdot|\\times|\\pm|\\mp|/)\s*$")


def _continues_term(row: str, previous: str) -> bool:
    """A row that starts with a binary operator and states no relation of its own, or that
    follows a row ending with one, continues the previous row's last term."""
    if _OPERATOR_END.search(previous):
        return True
    return bool(_OPERATOR_START.match(row)) and not _has_top_level_relation(row)


def _has_top_level_relation(row: str) -> bool:
    depth = 0
    k = 0
    while k < len(row):
        c = row[k]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and (c in "=<>" or (c == "\\" and starts_with_relation(row[k:]))):
            return True
        k += 2 if c == "\\" else 1
    return False


def _unbox(row: _Mapped) -> _Mapped:
    """``\\boxed{A = B}`` (a whole row) → ``A = B``: the box is emphasis, not structure."""
    stripped = row.strip()
    if not stripped.text.startswith("\\boxed{"):
        return row
    text = stripped.text
    depth = 0
    for k in range(len("\\boxed"), len(text)):
        depth += (text[k] == "{") - (text[k] == "}")
        if depth == 0:
            if text[k + 1 :].strip() in ("", ",", "."):
                return stripped.slice(len("\\boxed{"), k)
            return row
    return row


def _strip_alignment(row: str) -> str:
    """Remove ``&`` at the top level (inside cases/matrices they separate columns: keep)."""
    out = []
    env_depth = 0
    k = 0
    while k < len(row):
        if row.startswith("\\begin{", k):
            env_depth += 1
        elif row.startswith("\\end{", k):
            env_depth = max(0, env_depth - 1)
        c = row[k]
        if c == "\\" and k + 1 < len(row):
            out.append(row[k : k + 2])
            k += 2
            continue
        if c == "&" and env_depth == 0:
            out.append(" ")
        else:
            out.append(c)
        k += 1
    return "".join(out)


def starts_with_relation(text: str) -> bool:
    stripped = text.lstrip()
    for rel in RELATIONS:
        if stripped.startswith(rel):
            if rel[0] == "\\" and len(stripped) > len(rel) and stripped[len(rel)].isalpha():
                continue
            return True
    return False
