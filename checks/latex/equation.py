"""An equation of a document: rows (pieces) with their place in the file and their conditions.

Shared by the readers that build equations (:mod:`~derive.checks.latex.rows`,
:mod:`~derive.checks.latex.extract`) and the checker that cuts them into steps.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

__all__ = ["Piece", "Equation", "RELATIONS", "starts_with_relation"]

#: Relation signs, longest first so that ``\\leq`` is not read as ``\\le`` + ``q``.
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
    r"\triangleq",
    r"\doteq",
    r"\propto",
    r"\notin",
    r"\in",
    r"\subseteq",
    r"\subset",
    r"\to",
    # an update w \leftarrow w - \eta g: an assignment, no step, but what follows it may be
    r"\longleftarrow",
    r"\leftarrow",
    r"\gets",
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
    #: a row starting with "=" after prose continues the previous block's chain; the prose may go
    #: back to an earlier chain instead (after a side computation): those equations' indices
    earlier: tuple[int, ...] = field(default=(), compare=False, repr=False)
    #: a row that opens with ``\\because``: a reason stated beside the chain, not a term of it (the
    #: rows after it go on with the chain before it: extract.equations_of)
    aside: bool = field(default=False, compare=False, repr=False)

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


#: "\\overset{(1)}{=}", "\\stackrel{\\text{def}}{=}": an equals sign under an annotation
_ANNOTATED_EQUALS = re.compile(r"\\(?:stackrel|overset)\s*\{(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*=\s*\}")


def starts_with_relation(text: str) -> bool:
    stripped = text.lstrip()
    if _ANNOTATED_EQUALS.match(stripped):
        return True
    for rel in RELATIONS:
        if stripped.startswith(rel):
            if rel[0] == "\\" and len(stripped) > len(rel) and stripped[len(rel)].isalpha():
                continue
            return True
    return False
