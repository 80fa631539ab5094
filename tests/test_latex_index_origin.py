r"""Documents that index from 0 (index_origin.py): a step that stops at an index 0 in the matrix
reading is read again with every index counted from 0; only ``ok`` is kept from that reading."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.index_origin import from_zero_world, indexed_from_zero
from derive.checks.latex.tensor_eval import World

DECLARED = r"Let $u \in \mathbb{R}^n$ and $v \in \mathbb{R}^n$ be vectors, indexed from 0 as in NumPy." + "\n\n"


def _doc(*steps: str) -> str:
    return DECLARED + "\n\n".join(f"$$ {s} $$" for s in steps) + "\n"


def test_the_reason_that_calls_for_a_reading_from_zero() -> None:
    assert indexed_from_zero(r"as matrices: a_{0} with 0 = 0 is out of range 1..5 (with inferred shapes for a)")
    assert indexed_from_zero("the sum's first i with i = 0 is out of range 1..")
    assert not indexed_from_zero("p_{i} with i = 4 is out of range 1..3")  # a letter past a shorter name
    assert not indexed_from_zero("a_{0} with 0 = 0 is out of range 0..4")  # already read from 0


def test_a_world_read_from_zero_moves_its_labels_with_it() -> None:
    world = World(sizes={}, leaves={}, definitions={}, labels={"y": 3})
    from_zero_world(None)(world)
    assert world.origin == 0 and world.labels == {"y": 2}


def test_sums_from_zero_and_entries_at_zero_are_judged(statuses: Callable[[str], list[str]]) -> None:
    steps = [
        r"u^T v = \sum_{i=0}^{n-1} u_i v_i",
        r"\sum_{i=0}^{n-1} u_i v_i = v^T u",
        r"\frac{\partial (u^T v)}{\partial u_0} = v_0",
        r"u_0 v_0 + \sum_{i=1}^{n-1} u_i v_i = u^T v",
    ]
    assert statuses(_doc(*steps)) == ["ok"] * 4


def test_wrong_twins_read_from_zero_are_never_ok_nor_wrong(statuses: Callable[[str], list[str]]) -> None:
    steps = [
        r"u^T v = \sum_{i=0}^{n-1} u_i v_i + u_0 v_0",  # the first term twice
        r"\frac{\partial (u^T v)}{\partial u_0} = v_1",  # the next entry
        r"u^T v = \sum_{i=0}^{n} u_i v_i",  # one entry too many
        r"u_0 v_0 + \sum_{i=2}^{n-1} u_i v_i = u^T v",  # an entry left out
    ]
    found = statuses(_doc(*steps))
    assert "ok" not in found and "wrong" not in found, found
