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
"""

from __future__ import annotations

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


def _apart(side: str) -> bool:
    """Does a top-level ``\\quad`` stand between two non-empty parts of the side?"""
    try:
        toks = [t for t, _ in tex_tokens(side)]
    except Exception:  # noqa: BLE001 - a side the tokenizer refuses is the readers' to report
        return False
    depth = 0
    for k, t in enumerate(toks):
        depth += (t in _OPEN) - (t in _CLOSE)
        if t in _WIDE and depth == 0:
            before = [x for x in toks[:k] if x not in _WIDE]
            after = [x for x in toks[k + 1 :] if x not in _WIDE]
            # "\right) \quad + \lambda …": spacing in a sum broken over rows, not two statements
            remark = not after or after[0] == "(" or any(x in _REMARKS for x in after)
            if before and not remark and before[-1] not in _OPERATORS and after[0] not in _OPERATORS:
                return True
    return False


def side_by_side_verdict(lhs: str, rhs: str) -> dict[str, Any] | None:
    """Not read where a side holds two expressions apart by a ``\\quad``; None otherwise."""
    for name, side in (("left", lhs), ("right", rhs)):
        if _apart(side):
            why = f"could not read {name} side: two expressions set apart by \\quad (statements side by side?)"
            return verdict("unparsed", why, "parse")
    return None
