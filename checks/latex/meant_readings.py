r"""The readings an author may have meant, tried on a ``wrong`` step: each is the step written
otherwise (or under one more condition), and one that holds makes the step inconclusive, never ok
(checker._judge_equality). Collected here so that a reading two of them need together is one
more entry, not one more branch in the checker:

- y_k^n beside y_k: n may be example n's label (power_labels);
- 4.25e^{-13} is 4.25 × 10^{-13} (scientific_e);
- (aI)^{-1} = I/a: I the identity matrix, 1 among numbers (identity_matrix);
- P^2 = P stated above (stated_properties), with I the identity as well where the step writes one:
  ``(I-H)(I-H) = I^2 - IH - HI + H^2 = I - 2H + H`` uses both (I² = I, H² = H), and neither
  reading alone makes it hold;
- A symmetric as the page declares (stated_kinds);
- ``Y \otimes (Xw + b)`` between two vectors of one shape: the entrywise product many notes write
  with ⊗ (read as an outer product the sides' shapes differ, 3×3 against 3×1);
- ``\frac{\partial L}{\partial h_j} = \frac{\partial L}{\partial q_i}\frac{\partial q_i}{\partial h_j}``:
  the chain rule in index notation, its Σ_i left to the convention (:func:`implied_sum_reading`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.einstein import subscript_letters
from derive.checks.latex.identity_matrix import IDENTITY, identity_reading
from derive.checks.latex.notation import Notation
from derive.checks.latex.power_labels import LABELS, label_reading
from derive.checks.latex.scientific_e import SCIENTIFIC, scientific_reading
from derive.checks.latex.stated_kinds import symmetric_reading
from derive.checks.latex.stated_properties import idempotent_reading
from derive.checks.latex.steps import Step
from derive.checks.latex.text_groups import top_level_terms

__all__ = ["ENTRYWISE_OTIMES", "IMPLIED_SUM", "implied_sum_reading", "meant_readings"]

ENTRYWISE_OTIMES = "; but with ⊗ the entrywise product (as between vectors of one shape) it holds"
IMPLIED_SUM = "; but with the index written twice summed (index notation's convention) it holds"
_OTIMES = re.compile(r"\\otimes(?![A-Za-z])")


def entrywise_reading(step: Step) -> Step | None:
    r"""The step with ``\otimes`` read as ``\odot``, or None where it writes no ⊗."""
    if not (_OTIMES.search(step.lhs) or _OTIMES.search(step.rhs)):
        return None
    return replace(step, lhs=_OTIMES.sub(r"\\odot", step.lhs), rhs=_OTIMES.sub(r"\\odot", step.rhs))


def implied_sum_reading(step: Step) -> Step | None:
    """The step with a side that is one term writing an index letter in two subscripts, which the
    other side never writes, summed over that letter: ``\\frac{\\partial L}{\\partial h_j} =
    \\frac{\\partial L}{\\partial q_i}\\frac{\\partial q_i}{\\partial h_j}`` is the chain rule in
    index notation, whose Σ_i is left to the convention. (einstein.contracted reads the sides built
    without index values, which a derivative through a definition does not allow.) None where no
    side is such a term: in a sum of terms, which of them is summed?"""
    for side, other, field in ((step.rhs, step.lhs, "rhs"), (step.lhs, step.rhs, "lhs")):
        written, elsewhere = subscript_letters(side), subscript_letters(other)
        repeated = [c for c, n in written.items() if n >= 2 and not elsewhere[c]]
        if len(repeated) != 1 or len(top_level_terms(side)) > 1:
            continue
        return replace(step, **{field: f"\\sum_{{{repeated[0]}}} \\left( {side} \\right)"})
    return None


def meant_readings(step: Step, notation: Notation, defined: set[str]) -> list[tuple[Step, str]]:
    """(the step read otherwise, why it is held if that reading holds), in the order tried."""
    readings = [(label_reading(step), LABELS), (scientific_reading(step), SCIENTIFIC)]
    readings.append((identity_reading(step, defined), IDENTITY))
    if stated := idempotent_reading(step, notation.idempotents):  # P^2 = P stated above
        readings.append(stated)
        with_identity = identity_reading(stated[0], defined)  # … and I the identity (I^2 = I)
        readings.append((with_identity, stated[1].replace(" it holds", ", and with I the identity matrix, it holds")))
    readings += [symmetric] if (symmetric := symmetric_reading(step, notation.kinds)) else []  # A symmetric
    readings.append((entrywise_reading(step), ENTRYWISE_OTIMES))
    readings.append((implied_sum_reading(step), IMPLIED_SUM))  # ∂L/∂q_i ∂q_i/∂h_j: Σ_i implied
    return [(reading, why) for reading, why in readings if reading is not None]
