r"""``\times`` between sums of unit vectors is the cross product, not a product of numbers.

Electromagnetism notes expand ``\mathbf{A}\times\mathbf{B} = (2\hat{\mathbf{x}} + 3\hat{\mathbf{y}}
- 4\hat{\mathbf{z}})\times(-6\hat{\mathbf{x}} - 4\hat{\mathbf{y}} + \hat{\mathbf{z}}) = (3 -
16)\hat{\mathbf{x}} + …``. Read with the unit vectors as numbers and × as a product, a correct
cross product was called wrong (cross_products reads only declared vectors of ℝ³ and arrows on
both sides). A ``wrong`` step that writes ``\times`` between two operands of which each holds a
unit vector (``\hat{\mathbf{x}}``, ``\hat{\imath}``) or an arrow is held back, inconclusive,
saying so. ``3 \times 4``, ``2 \times x`` and ``\mathbf{W} \times \mathbf{x}`` (the product of
machine-learning notes) are read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_unit_vector_products", "unit_vector_product"]

_VECTOR = re.compile(r"\\(?:vec|hat|overrightarrow)(?![A-Za-z])")


def _operand_before(text: str, k: int) -> str:
    """The operand that ends right before ``k``: a bracketed group or a name with its decorations."""
    j = k
    while j > 0 and text[j - 1].isspace():
        j -= 1
    if j > 0 and text[j - 1] == ")":
        depth = 0
        for i in range(j - 1, -1, -1):
            depth += (text[i] == ")") - (text[i] == "(")
            if depth == 0:
                return text[i:j]
    return text[max(0, j - 30) : j]


def _operand_after(text: str, k: int) -> str:
    """The operand that starts at ``k``: a bracketed group or the next name with its decorations."""
    rest = text[k:].lstrip()
    if rest.startswith("("):
        depth = 0
        for i, c in enumerate(rest):
            depth += (c == "(") - (c == ")")
            if depth == 0:
                return rest[: i + 1]
    m = re.match(r"(?:\\[A-Za-z]+\s*)*\{?[^+\-=(){}]*\}*", rest)
    return m.group(0) if m else ""


def unit_vector_product(text: str) -> bool:
    """Does ``text`` write ``\\times`` between two sums of unit vectors (or arrows)?"""
    for m in re.finditer(r"\\times(?![A-Za-z])", text):
        before, after = _operand_before(text, m.start()), _operand_after(text, m.end())
        if _VECTOR.search(before) and _VECTOR.search(after):
            return True
    return False


def hold_unit_vector_products(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that writes a cross product held back (module docstring)."""
    why = "; but \\times between vectors is the cross product, not a product of numbers"
    return hold_wrongs(judged, lambda r: why if unit_vector_product(f"{r.step.lhs} = {r.step.rhs}") else None)
