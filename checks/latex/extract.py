"""Find the equations of a LaTeX or Markdown-with-LaTeX document, keeping line numbers.

Display math is ``$$…$$``, ``\\[…\\]`` and the environments equation, align, gather,
multline, eqnarray (starred or not); ``aligned``, ``split``, ``gathered`` and ``alignedat``
inside them are transparent. A display block is cut into rows at its top-level ``\\\\``; a
row that starts with a relation sign (``&= …``) continues the previous row's chain, so

    L &= A \\\\
      &= B

is the one chain ``L = A = B``, with ``B`` on its own line. A display block that itself
starts with a relation sign continues the previous block's chain when only blank lines
separate them (Markdown exports split long chains that way).

Inline math ``$…$`` is extracted too, marked ``inline``: the checker reads only its
membership claims (``X \\in \\mathbb{R}^{…}``), which homework often states inline.

Everything here is string scanning: nothing of the document is evaluated.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = ["Piece", "Equation", "extract", "RELATIONS", "starts_with_relation"]

#: Display environments whose body is math.
_DISPLAY_ENVS = ("equation", "align", "gather", "multline", "eqnarray", "displaymath", "flalign", "alignat", "math")
#: Environments inside display math that only arrange rows: their rows are the chain's rows.
_TRANSPARENT_ENVS = ("aligned", "split", "gathered", "alignedat", "array_rows_never")

#: Relation signs, longest first so that ``\leq`` is not read as ``\le`` + ``q``.
RELATIONS = (
    ":=", "=:", r"\coloneqq", r"\eqqcolon", r"\neq", r"\ne", r"\leq", r"\le", r"\geq", r"\ge",
    r"\leqslant", r"\geqslant", r"\approx", r"\simeq", r"\sim", r"\equiv", r"\propto", r"\notin", r"\in",
    r"\subseteq", r"\subset", r"\to", r"\rightarrow", r"\longrightarrow", r"\mapsto", r"\Rightarrow",
    r"\implies", r"\iff", r"\Leftrightarrow", r"\ll", r"\gg", "=", "<", ">",
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


class _Lines:
    """Offset → 1-based line number."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _mask(text: str, markdown: bool) -> str:
    """Blank out what is not mathematics source (code fences, TeX comments), keeping offsets."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "

    if markdown:
        for m in re.finditer(r"^(```|~~~).*?^\1[^\n]*$", text, flags=re.M | re.S):
            blank(m.start(), m.end())
        for m in re.finditer(r"`[^`\n]*`", text):
            blank(m.start(), m.end())
    for m in re.finditer(r"(?<!\\)%[^\n]*", text):
        if not markdown:
            blank(m.start(), m.end())
    return "".join(chars)


_OPEN = re.compile(r"\$\$|\\\[|\\begin\{(" + "|".join(_DISPLAY_ENVS) + r")(\*?)\}(\{[^}]*\})?|(?<![\\$])\$(?!\$)")


def extract(text: str, *, markdown: bool | None = None) -> list[Equation]:
    """The equations of a document, in order. ``markdown`` defaults to: the text has ``$``."""
    if markdown is None:
        markdown = "$" in text and "\\documentclass" not in text
    source = _mask(text, markdown)
    lines = _Lines(text)
    blocks: list[tuple[int, int, str]] = []  # (start offset of body, end offset, kind)
    pos = 0
    while True:
        m = _OPEN.search(source, pos)
        if m is None:
            break
        token = m.group(0)
        if token == "$$":
            end = source.find("$$", m.end())
            closer = 2
            kind = "display"
        elif token == "\\[":
            end = source.find("\\]", m.end())
            closer = 2
            kind = "display"
        elif token == "$":
            end = _inline_end(source, m.end())
            closer = 1
            kind = "inline"
        else:
            name = re.escape(m.group(1) + m.group(2))
            close = re.compile(r"\\end\{" + name + r"\}")
            found = close.search(source, m.end())
            end = found.start() if found else -1
            closer = found.end() - found.start() if found else 0
            kind = "display"
        if end < 0:
            # An unclosed opener: skip it, keep scanning after it.
            pos = m.end()
            continue
        blocks.append((m.end(), end, kind))
        pos = end + closer
    equations: list[Equation] = []
    previous_end = -1
    for start, end, kind in blocks:
        rows = _rows(source, start, end, lines)
        between = text[previous_end:start] if previous_end >= 0 else "x"
        joinable = kind == "display" and bool(equations) and equations[-1].kind == "display" and _only_markup_between(between)
        new: list[list[Piece]] = []
        for row in rows:
            if kind != "display":
                new.append([row])
                continue
            previous = new[-1] if new else (list(equations[-1].pieces) if joinable else None)
            if previous is not None and _continues_term(row.text, previous[-1].text):
                # "&\quad + B" or a block "$$+ B$$": the previous term goes on.
                merged = Piece(previous[-1].line, previous[-1].text + " " + row.text)
                if not new:
                    equations.pop()
                    new.append(previous)
                new[-1][-1] = merged
            elif previous is not None and starts_with_relation(row.text):
                if not new:
                    equations.pop()
                    new.append(previous)
                new[-1].append(row)
            else:
                new.append([row])
        equations.extend(Equation(tuple(pieces), kind) for pieces in new if pieces)
        previous_end = end
    return equations


_OPERATOR_START = re.compile(r"^\s*(?:(?:\\q?quad|\\[,;:! ]|~|\\left[.(\[]?)\s*)*(\+|-(?!-)|\\cdot\b|\\times\b|\\pm\b|\\mp\b|/)")
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


def _only_markup_between(between: str) -> bool:
    """Only whitespace and the closing/opening delimiters separate two display blocks."""
    return re.sub(r"\$\$|\\\]|\\\[|\\end\{[a-z*]+\}|\\begin\{[a-z*]+\}|\s", "", between) == ""


def _inline_end(source: str, start: int) -> int:
    """The closing ``$`` of inline math on the same paragraph, or -1."""
    k = start
    while k < len(source):
        c = source[k]
        if c == "\\":
            k += 2
            continue
        if c == "$":
            return k
        if c == "\n" and source[k + 1 : k + 2] == "\n":
            return -1
        k += 1
    return -1


_DROP = re.compile(
    r"\\tag\*?\{[^{}]*\}|\\label\{[^{}]*\}|\\nonumber|\\notag|\\begin\{(?:"
    + "|".join(_TRANSPARENT_ENVS)
    + r")\}(\{[^{}]*\})?|\\end\{(?:"
    + "|".join(_TRANSPARENT_ENVS)
    + r")\}"
)
_EQ_NUMBER = re.compile(r"(\\quad|\\qquad|\\;|\\,|\s)*\(\s*\d+\s*\)\s*$")


def _rows(text: str, start: int, end: int, lines: _Lines) -> list[Piece]:
    """Cut a display body into rows at top-level ``\\\\``; strip alignment ``&``, tags, labels
    and trailing equation numbers ``\\quad (3)``; keep each row's starting line."""
    body = text[start:end]
    # Blank what we drop so that offsets (and so line numbers) stay right.
    body = _DROP.sub(lambda m: " " * len(m.group(0)), body)
    rows: list[tuple[int, str]] = []
    depth = 0
    env_depth = 0
    row_start = 0
    k = 0
    while k < len(body):
        if body.startswith("\\begin{", k):
            env_depth += 1
            k += 7
            continue
        if body.startswith("\\end{", k):
            env_depth = max(0, env_depth - 1)
            k += 5
            continue
        c = body[k]
        if c == "\\" and k + 1 < len(body):
            if body[k + 1] == "\\" and depth == 0 and env_depth == 0:
                rows.append((row_start, body[row_start:k]))
                k += 2
                # \\[2pt] spacing after a row break
                sp_m = re.match(r"\s*\[[^\]]*\]", body[k:])
                if sp_m:
                    k += sp_m.end()
                row_start = k
                continue
            k += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        k += 1
    rows.append((row_start, body[row_start:]))
    pieces = []
    for offset, row in rows:
        cleaned = _unbox(_strip_alignment(row))
        cleaned = _EQ_NUMBER.sub("", cleaned).strip()
        cleaned = re.sub(r"[\s,.;]+$", "", cleaned).strip()
        if not cleaned:
            continue
        lead = len(row) - len(row.lstrip())
        pieces.append(Piece(lines.line(start + offset + lead), cleaned))
    return pieces


def _unbox(row: str) -> str:
    """``\\boxed{A = B}`` (a whole row) → ``A = B``: the box is emphasis, not structure."""
    stripped = row.strip()
    if not stripped.startswith("\\boxed{"):
        return row
    depth = 0
    for k in range(len("\\boxed"), len(stripped)):
        depth += (stripped[k] == "{") - (stripped[k] == "}")
        if depth == 0:
            rest = stripped[k + 1 :].strip()
            if rest in ("", ",", "."):
                return stripped[len("\\boxed{") : k]
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
