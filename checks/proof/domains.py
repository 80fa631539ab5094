"""The domain of one real variable: an interval and whether 0 is excluded.

Assumptions (``derive check --assume``), the case split (derive.checks.proof.cases) and
the judge's confirmation of counterexamples all speak of domains through this record.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

__all__ = ["Domain"]


@dataclass
class Domain:
    """What the assumptions say about one variable: an interval (endpoints may be
    infinite; ``*_closed`` says whether the endpoint belongs to it) and whether 0 is
    excluded."""

    lower: sp.Expr = sp.S.NegativeInfinity
    upper: sp.Expr = sp.S.Infinity
    lower_closed: bool = False
    upper_closed: bool = False
    nonzero: bool = False

    def restrict(self, op: str, value: sp.Expr) -> None:
        """Intersect with ``variable <op> value``."""
        if op in (">", ">="):
            closed = op == ">="
            if value > self.lower or (value == self.lower and not closed):
                self.lower, self.lower_closed = value, closed
        elif op in ("<", "<="):
            closed = op == "<="
            if value < self.upper or (value == self.upper and not closed):
                self.upper, self.upper_closed = value, closed
        elif op == "!=":
            self.nonzero = True

    def is_empty(self) -> bool:
        if self.lower.is_finite and self.upper.is_finite and self.lower != self.upper:
            # Numerically, since bounds such as (sqrt(2) + sqrt(3))**2 and 5 + 2*sqrt(6)
            # are equal without being the same expression.
            gap = sp.N(self.upper - self.lower, 50)
            if abs(gap) < 1e-40:
                raise TypeError("bounds equal but written differently")
            return bool(gap < 0)
        if self.lower > self.upper:
            return True
        if self.lower == self.upper:
            return not (self.lower_closed and self.upper_closed) or (self.nonzero and self.lower == 0)
        return False

    def assumptions(self) -> dict[str, bool]:
        """The strongest SymPy sign assumptions the domain implies (always real)."""
        if self.lower > 0 or (self.lower == 0 and (not self.lower_closed or self.nonzero)):
            return {"positive": True}
        if self.upper < 0 or (self.upper == 0 and (not self.upper_closed or self.nonzero)):
            return {"negative": True}
        if self.lower == 0:
            return {"nonnegative": True}
        if self.upper == 0:
            return {"nonpositive": True}
        if self.nonzero:
            return {"real": True, "nonzero": True}
        return {"real": True}

    def describe(self, name: str) -> str:
        parts = []
        if self.lower.is_finite:
            parts.append(f"{self.lower} {'<=' if self.lower_closed else '<'} ")
        parts.append(name)
        if self.upper.is_finite:
            parts.append(f" {'<=' if self.upper_closed else '<'} {self.upper}")
        text = "".join(parts)
        if self.nonzero:
            text = f"{text}, {name} != 0" if text != name else f"{name} != 0"
        return text if text != name else f"{name} real"
