r"""Two expressions set side by side with a ``\quad`` inside one side of a step.

A statistics notebook lists the data it was given in one row: ``\sum x_i=23 \quad \sum x_i^2=267
\quad n=6``. Read as one chain, its first step is ``\sum x_i = 23 \quad \sum x_i^2``, whose right
side multiplies 23 by a sum: a wide space between two terms is never a product in homework, it
sets statements apart. Such a side is not read (with the reason); splitting the row into its
statements is left to the rows' own rules (two or more ``\quad`` where both parts state a
relation, rows._wide_space_parts), since a single ``\quad`` also separates a value from a
formula the document defines (``\bar{x} = 6177 \quad \sigma = 814``). A ``\quad`` inside braces,
brackets or an environment (a cases row's condition, a list ``[0.5 \quad 0.6]``), one at
either end of a side, one before a remark (``2x \quad (\text{by symmetry})``) and one beside an
operator (``&\quad + \lambda …``, a sum continued on a new row) are left alone.

Inside square brackets or parentheses a wide space between two operands sets entries apart too: a
design matrix written by its columns, ``X = [s \quad 1]`` (the counts s ∈ ℝⁿ and the vector of
ones beside it), was read as the product s·1, an n×1 against the n×2 matrix written out. Numbers
alone (``[0.5 \quad 0.6]``) are a list the readers know (spaced_lists.py) and stay read; any other
bracket with a wide space between two operands is not read, saying why.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.results import verdict
from derive.checks.latex.tex_tokens import tex_tokens

__all__ = ["side_by_side_verdict"]

_WIDE = {r"\quad", r"\qquad"}
_OPEN = {"{", "(", "[", r"\begin", r"\left"}
_CLOSE = {"}", ")", "]", r"\end", r"\right"}
#: a remark after the space (``2x \quad (\text{by symmetry})``, ``\quad \text{for } i \ne j``)
_REMARKS = {r"\text", r"\textrm", r"\textit", r"\textbf", r"\mbox", r"\mathrm"}
_OPERATORS = {"+", "-", "=", r"\cdot", r"\times", r"\pm", r"\mp", "&", "/"}
_SIZERS = {r"\left", r"\right", r"\big", r"\Big", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", "-", "+"}
_NUMBER = re.compile(r"\d+(\.\d*)?|\.\d+")


def _sets_apart(before: list[str], after: list[str]) -> bool:
    """Does a wide space between these tokens stand between two operands (no remark, no operator)?"""
    before = [x for x in before if x not in _WIDE]
    after = [x for x in after if x not in _WIDE]
    # "\right) \quad + \lambda …": spacing in a sum broken over rows, not two statements
    remark = not after or after[0] == "(" or any(x in _REMARKS for x in after)
    return bool(before) and not remark and before[-1] not in _OPERATORS and after[0] not in _OPERATORS


def _apart(side: str) -> bool:
    """Does a top-level ``\\quad`` stand between two non-empty parts of the side?"""
    try:
        toks = [t for t, _ in tex_tokens(side)]
    except Exception:  # noqa: BLE001 - a side the tokenizer refuses is the readers' to report
        return False
    depth = 0
    for k, t in enumerate(toks):
        depth += (t in _OPEN) - (t in _CLOSE)
        if t in _WIDE and depth == 0 and _sets_apart(toks[:k], toks[k + 1 :]):
            return True
    return False


def _bracket_entries(side: str) -> bool:
    """Does a wide space set two operands apart at the top level of a ``[…]`` or ``(…)`` whose
    entries are not all numbers (``[s \\quad 1]``: columns side by side, not a product)?"""
    try:
        toks = [t for t, _ in tex_tokens(side)]
    except Exception:  # noqa: BLE001 - a side the tokenizer refuses is the readers' to report
        return False
    opened: list[tuple[str, int]] = []  # the open groups, innermost last, with where each opened
    for k, t in enumerate(toks):
        if t in _OPEN:
            opened.append((t, k))
        elif t in _CLOSE and opened:
            opened.pop()
        elif t in _WIDE and opened and opened[-1][0] in ("[", "("):
            start = opened[-1][1] + 1
            end = _closing(toks, start)
            inner = [x for x in toks[start:end] if x not in _WIDE and x not in _SIZERS]
            if _sets_apart(toks[start:k], toks[k + 1 : end]) and not all(_NUMBER.fullmatch(x) for x in inner):
                return True
    return False


def _closing(toks: list[str], start: int) -> int:
    """Where the group opened just before ``start`` closes (the end of the side if never)."""
    depth = 0
    for k in range(start, len(toks)):
        depth += (toks[k] in _OPEN) - (toks[k] in _CLOSE)
        if depth < 0:
            return k
    return len(toks)


def side_by_side_verdict(lhs: str, rhs: str) -> dict[str, Any] | None:
    """Not read where a side holds two expressions apart by a ``\\quad``; None otherwise."""
    for name, side in (("left", lhs), ("right", rhs)):
        if _apart(side):
            why = f"could not read {name} side: two expressions set apart by \\quad (statements side by side?)"
            return verdict("unparsed", why, "parse")
        if _bracket_entries(side):
            why = f"could not read {name} side: entries set apart by \\quad in brackets (columns side by side?)"
            return verdict("unparsed", why, "parse")
    return None
