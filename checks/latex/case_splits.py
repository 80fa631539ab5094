r"""Steps of a softmax derivation that hold in one of two index cases.

"For the case when $j = k$:" then, blocks later, ``∂ŷ_k/∂z_j = ŷ_k(1 − ŷ_k)``: the case is stated
once in prose, far from the step, and not always read. A step with free indices that is refuted
only where two of them are unequal (and holds wherever they are equal), or the other way round,
is such a case when the document compares those two indices somewhere; it is not called wrong,
as its case may be stated in words. A step refuted on both sides of every such split is still
wrong, and so is one in a document that never names the split.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["case_split", "document_case_pairs", "unstated_case"]

#: j = k, i \neq j, k\ne y …: two single index letters compared (in math or in words)
_COMPARED = re.compile(r"(?<![\\A-Za-z])([a-z])\s*(?:=|\\neq?\b|\\not\s*=|!=)\s*([a-z])(?![A-Za-z])")


def document_case_pairs(text: str) -> frozenset[str]:
    """The index pairs the document compares anywhere ("jk" for "$j = k$" or "$j \\neq k$"): the
    only pairs whose split may be stated in words (see the module docstring)."""
    return frozenset("".join(sorted(m.groups())) for m in _COMPARED.finditer(text) if m.group(1) != m.group(2))


def case_split(
    free: list[str], env: dict[str, int], size: int, holds_at: Any, stated: set[str], pairs: frozenset[str]
) -> tuple[str, str, bool] | None:
    """For a step refuted at ``env``: (a, b, equal) when it holds at every assignment of this size
    on the other side of the split a = b / a ≠ b (``equal``: it holds where a = b), None when no
    pair of free indices splits it so. Only pairs the document compares somewhere (``pairs``) and
    the step itself does not (``stated``) are tried: ψ_k(1 − ψ_j) in a document that never speaks
    of j = k is the classic wrong softmax derivative, and stays wrong."""
    import itertools

    for a, b in itertools.combinations(free, 2):
        if (a in stated and b in stated) or "".join(sorted(a + b)) not in pairs:
            continue
        refuted_equal = env[a] == env[b]
        others = [
            dict(zip(free, values, strict=True))
            for values in itertools.product(range(1, size + 1), repeat=len(free))
            if (values[free.index(a)] == values[free.index(b)]) != refuted_equal
        ]
        if others and all(holds_at(other, size) for other in others):
            return a, b, not refuted_equal
    return None


def unstated_case(out: dict[str, Any], split: tuple[str, str, bool]) -> dict[str, Any]:
    a, b, equal = split
    case = f"{a} = {b}" if equal else f"{a} \\neq {b}"
    note = f"; it holds wherever {case}, a case a derivation often states only in words, so it is not called wrong"
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + note}
