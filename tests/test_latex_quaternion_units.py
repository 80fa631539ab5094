r"""Hamilton's quaternion units (quaternion_units): in a note on quaternions, ``ij = -ji`` is not
called wrong; a step with one unit or none, and a document that never speaks of quaternions, keep
their verdicts."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.quaternion_units import quaternion_units_used, speaks_of_quaternions

# murundb/murundb.github.io (kinematics/rotations/quaternions.md), made up with other letters
ROTATION = r"""# Rotations with quaternions

A unit quaternion $q = a + b\mathbf{i} + c\mathbf{j} + d\mathbf{k}$ has units with
$$\mathbf{k} = \mathbf{i}\mathbf{j} = -\mathbf{j}\mathbf{i}$$
$$kj = -jk$$
and for its real part
$$2(a + 1) = 2a + 3$$
"""


def test_anticommuting_units_are_not_called_wrong(statuses: Callable[[str], list[str]]) -> None:
    # the units' products: held; the real-number slip 2(a + 1) = 2a + 3 is still found
    assert statuses(ROTATION)[-4:] == ["inconclusive", "inconclusive", "inconclusive", "wrong"]


def test_without_quaternions_the_letters_are_numbers(statuses: Callable[[str], list[str]]) -> None:
    text = "With the scalars $i$ and $j$ of the loop:\n$$ij = -ji$$\n"
    assert statuses(text)[-1] == "wrong"


def test_the_document_and_the_units_are_recognised() -> None:
    assert speaks_of_quaternions("Die Quaternionen bilden einen Schiefkörper")
    assert speaks_of_quaternions(r"$\mathbb{H} = \mathbb{C} + \mathbb{C}j$, $ijk = -1$")
    assert not speaks_of_quaternions("the complex numbers $a + ib$")
    assert quaternion_units_used("ij") == {"i", "j"}
    assert quaternion_units_used(r"\mathbf{i} q_x + \mathbf{j} q_y") == {"i", "j"}
    assert quaternion_units_used(r"x_{ij} + \sin x") == set()  # an index, a command's letters
