r"""Hamilton's units in a note on quaternions: ``k \triangleq ij = -ji``, ``i^2 = j^2 = k^2 = ijk = -1``.

Rotation and kinematics notes define the quaternion units i, j, k, whose products anticommute
(``ij = -ji``, ``ji = -ij``). The reader takes every letter for a commuting real number, so ``ij =
-ji`` was 'wrong' at i = 1, j = 2. Where the document speaks of quaternions (the word, in English,
German, French or Spanish, or the set \mathbb{H} beside ``ijk``), a ``wrong`` step that writes at
least two of i, j, k as factors (plain, bold or hatted; never in a subscript or as a word's
letter) is held back, inconclusive, saying so: the units do not commute and the step is not
judged. A step that writes at most one of them, or a document that never speaks of quaternions,
keeps its verdict.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_quaternion_units", "quaternion_units_used", "speaks_of_quaternions"]

#: the document's subject: quaternions (Quaternion, quaternion, cuaternión), or \mathbb{H} with ijk
_QUATERNIONS = re.compile(r"(?i)\bquaternion|\bcuaterni[oó]n|\\mathbb\s*\{?\s*H\s*\}?[\s\S]{0,120}\bijk\b")

#: units as factors: i, ij, ijk, \mathbf{i}, \boldsymbol j … a run of the letters i, j, k alone, not
#: part of a command or a subscript (x_i, \sum_{i}), nor of a longer word (\sin, \pi, \text{kin})
_UNIT = re.compile(r"(?<![_\\A-Za-z])(?:\\(?:mathbf|boldsymbol|bm|hat|vec|mathrm)\s*\{?\s*)?(?P<u>[ijk]+)(?![A-Za-z])")


def speaks_of_quaternions(text: str) -> bool:
    """Does the document speak of quaternions (module docstring)?"""
    return _QUATERNIONS.search(text) is not None


def quaternion_units_used(side: str) -> set[str]:
    """The units among i, j, k that a side writes as factors."""
    found = set()
    for m in _UNIT.finditer(side):
        before = side[: m.start()].rstrip()
        if before.endswith(("_", "_{")) or re.search(r"_\s*\{[^{}]*$", before):
            continue  # an index: x_{ij}, \sum_{i}
        found.update(m.group("u"))
    return found


def hold_quaternion_units(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each wrong step of a quaternion document that writes two units or more as
    factors held back (module docstring)."""
    if not speaks_of_quaternions(text):
        return judged
    why = "; but i, j, k are the document's quaternion units, whose products do not commute (ij = -ji): not judged"

    def held(result: StepResult) -> str | None:
        units = quaternion_units_used(result.step.lhs) | quaternion_units_used(result.step.rhs)
        return why if len(units) >= 2 else None

    return hold_wrongs(judged, held)
