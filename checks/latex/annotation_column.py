r"""The comment column of an align row: ``a &= b && \why{chain rule}``.

In ``align`` the text after an empty alignment column (``&&`` at the top level) is a column of
its own; notes put the reason for a step there (``&&\text{by (3)}``, a macro such as
``\why{…}``). When that column states no relation (no ``=``, ``<``, ``\neq``, ``\in`` …) it is a
comment, not math of the step: the row ends before it. A column with a relation stays (a second
equation ``a &= b && c &= d``, a condition ``&&\text{if } i \neq j``, which the row's condition
reader takes). A column that opens with a sign or a product (``&&+ \frac{d}{dx}x^3``, a
``\color{blue}{-1}`` first) is no comment either: a long sum set out in columns goes on there, and
cut at it the step's side lost its later terms (a correct derivative was called wrong).
"""

from __future__ import annotations

import re

__all__ = ["annotation_start", "top_level"]

_TOKENS = re.compile(r"\\begin\{[^{}]*\}|\\end\{[^{}]*\}|\\[A-Za-z]+|\\.|[{}&=]", re.S)
_RELATION = re.compile(
    r"(?<!\\)[=<>]|\\(?:n?eq|neq|ne|leq?|geq?|leqslant|geqslant|lt|gt|approx|equiv|sim|in|notin|subset|subseteq)(?![A-Za-z])"
)


#: an equation's number typed in a column of its own: ``&(3)``, ``& -(12)``, ``&\text{(4)}``
_NUMBER_COLUMN = re.compile(r"\s*(?:-\s*)?(?:\\text\s*\{\s*)?\(\s*\d{1,3}[a-z]?\s*\)\s*\}?\s*")


def annotation_start(row: str) -> int | None:
    """Offset of the first top-level ``&&`` whose remaining text has no relation, or of a last
    column (after a row's alignment ``&``) that holds only the equation's number; else None."""
    amps = top_level(row, "&")
    if "&&" not in row.replace(" ", ""):
        return _number_column(row, amps)
    for before, after in zip(amps, amps[1:], strict=False):
        if not row[before + 1 : after].strip():  # && (spaces between): the comment column opens
            tail = row[after + 1 :]
            if _GOES_ON.match(tail):
                continue  # … &&+ b: the sum goes on in that column; a comment may still follow it
            return before if tail.strip() and not _RELATION.search(tail) else None
    return None


#: a column that opens with a sign or a product, maybe coloured: the expression goes on there
_GOES_ON = re.compile(r"\s*(?:\\color\s*\{[^{}]*\}\s*)?\{?\s*(?:[+\-*]|\\(?:pm|mp|cdot|times)(?![A-Za-z]))")


def top_level(row: str, wanted: str) -> list[int]:
    """Offsets of the characters in ``wanted`` (``&``, ``=``) outside braces and environments."""
    depth, found = 0, []
    for m in _TOKENS.finditer(row):
        token = m.group(0)
        if token == "{" or token.startswith("\\begin{"):
            depth += 1
        elif token == "}" or token.startswith("\\end{"):
            depth = max(0, depth - 1)
        elif depth == 0 and token in wanted:
            found.append(m.start())
    return found


def _number_column(row: str, amps: list[int]) -> int | None:
    """``h_1 &= w_1 i_1 + w_2 i_2 &-(1)``: the second top-level ``&`` opens a column with the number alone."""
    if len(amps) < 2 or not _NUMBER_COLUMN.fullmatch(row[amps[-1] + 1 :]):
        return None
    return amps[-1]
