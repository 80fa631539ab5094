r"""The comment column of an align row: ``a &= b && \why{chain rule}``.

In ``align`` the text after an empty alignment column (``&&`` at the top level) is a column of
its own; notes put the reason for a step there (``&&\text{by (3)}``, a macro such as
``\why{…}``). When that column states no relation (no ``=``, ``<``, ``\neq``, ``\in`` …) it is a
comment, not math of the step: the row ends before it. A column with a relation stays (a second
equation ``a &= b && c &= d``, a condition ``&&\text{if } i \neq j``, which the row's condition
reader takes).
"""

from __future__ import annotations

import re

__all__ = ["annotation_start"]

_TOKENS = re.compile(r"\\begin\{[^{}]*\}|\\end\{[^{}]*\}|\\[A-Za-z]+|\\.|[{}&]", re.S)
_RELATION = re.compile(
    r"(?<!\\)[=<>]|\\(?:n?eq|neq|ne|leq?|geq?|leqslant|geqslant|lt|gt|approx|equiv|sim|in|notin|subset|subseteq)(?![A-Za-z])"
)


def annotation_start(row: str) -> int | None:
    """Offset of the first top-level ``&&`` whose remaining text has no relation, else None."""
    if "&&" not in row.replace(" ", ""):
        return None
    depth = 0
    last_amp: int | None = None  # offset of the previous top-level & when only space followed
    for m in _TOKENS.finditer(row):
        token = m.group(0)
        if token == "{" or token.startswith("\\begin{"):
            depth += 1
        elif token == "}" or token.startswith("\\end{"):
            depth = max(0, depth - 1)
        elif token == "&" and depth == 0:
            if last_amp is not None and not row[last_amp + 1 : m.start()].strip():
                tail = row[m.end() :]
                return last_amp if tail.strip() and not _RELATION.search(tail) else None
            last_amp = m.start()
    return None
