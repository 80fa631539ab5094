r"""``\delta_{ij} = s_j - s_i``: a document naming its own δ, not Kronecker's delta.

A post on RNA velocity (hunt 34, jliu678's Hugo site) gives two cells' expression vectors s_i and
s_j and writes their difference ``\delta_{ij} = s_j - s_i = \begin{bmatrix} … \end{bmatrix}``. Two
indices under a δ read as Kronecker's delta, so the first step was judged at i = j = 1 (δ = 1,
s_j − s_i = 0) and called wrong. Kronecker's delta is never set equal to a formula of other names
in a derivation; where a lone ``\delta_{ab}`` on the left is given something that is no 0 or 1,
no case split or indicator and no derivative (``\frac{\partial x_i}{\partial x_j}``, which may be
a claim about it), the document defines a δ of its own: the step is held, saying so.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.results import verdict

__all__ = ["own_delta_verdict"]

#: Kronecker's delta alone: \delta_{ij}, \delta_{i,j}, \delta_{ij} with spaces
_LONE_DELTA = re.compile(r"\s*\\delta\s*_\s*(?:\{\s*[A-Za-z0-9]\s*,?\s*[A-Za-z0-9]\s*\}|[A-Za-z0-9]{2})\s*")
#: what a statement about Kronecker's delta itself has on its other side
_ABOUT_KRONECKER = re.compile(
    r"\\partial|\\delta|\\begin\{|\\mathbb\s*\{?\s*1|\\mathbf\s*\{?\s*1|\\mathds|\\text|\\if|\[|[<>]|\\ne"
    r"|\^\s*\{?\s*(?:T|\\top|\\intercal)"  # e_i^T e_j: a claim about Kronecker's delta
)


def own_delta_verdict(lhs: str, rhs: str) -> dict[str, Any] | None:
    """Held where a lone Kronecker-looking ``\\delta_{ab}`` on the left is given a formula of other
    names (module docstring); None otherwise."""
    if not _LONE_DELTA.fullmatch(lhs) or _ABOUT_KRONECKER.search(rhs):
        return None
    if re.fullmatch(r"\s*[01]\s*", rhs) or not re.search(r"[A-Za-z]", rhs):
        return None
    why = f"{lhs.strip()} set equal to a formula of other names: the document's own δ, not Kronecker's delta"
    return verdict("inconclusive", why, "parse")
