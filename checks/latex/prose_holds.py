"""The holds the document's own text decides, run together among check_text's last passes.

Each looks at the page around a ``wrong`` verdict, not at the step's algebra: a condition in prose
("$||x|| = 0$ if $x = 0$": unread_clauses), a letter the page writes primed, an ODE's unknown function
inside a derivative (primed_unknowns), a softmax letter the page never applies (unapplied_softmax), a
letter dividing an exponential that the page never states (unstated_normalisers), a name restated
under a derivative whose own value the page never writes (restated_operands),
and a σ the page makes a Gaussian's spread (quantity_names).
"""

from __future__ import annotations

from derive.checks.latex.primed_unknowns import hold_primed_unknowns
from derive.checks.latex.quantity_names import hold_spread_readings
from derive.checks.latex.restated_operands import hold_restated_operands
from derive.checks.latex.results import StepResult
from derive.checks.latex.unapplied_softmax import hold_unapplied_readings
from derive.checks.latex.unread_clauses import hold_unread_clauses
from derive.checks.latex.unstated_normalisers import hold_unstated_normalisers

__all__ = ["hold_by_prose"]


def hold_by_prose(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with the holds the document's text decides (module docstring), in that order."""
    judged = hold_unread_clauses(judged, text)
    judged = hold_primed_unknowns(judged, text)  # (e^x x^{-1} v)' with v' written: v is a function
    judged = hold_unapplied_readings(judged, text)  # a softmax letter never applied: a quantity, confirms only
    judged = hold_unstated_normalisers(judged, text)  # e^{a_k}/Z with Z never stated: may depend on a_k
    judged = hold_restated_operands(judged, text)  # ∂y_i/∂z_i = ∂(e^{z_i}/Σ)/∂z_i, y_i read from entries only
    return hold_spread_readings(judged, text)  # σ read as a Gaussian's spread confirms, never refutes
