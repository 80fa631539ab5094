r"""Second readings of a matrix step that stopped at an index (index_readings.py): counted from 0
(a document that indexes from 0), or a defined entry (δ_k = y_k - t_k) read at the step's k; only
``ok`` is kept from a second reading."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from derive.checks.latex.index_readings import from_zero_world, next_reading
from derive.checks.latex.matrix_judge import judge_typed
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tensor_eval import World
from derive.checks.latex.typed import parse_typed

#: u, v ∈ ℝ^K declared; r defined entry by entry, r_k = u_k - v_k, as documents write δ_k
NOTATION = load_notation()
VECTORS = replace(NOTATION, shapes={**NOTATION.shapes, "u": ("K",), "v": ("K",)}, definitions={})
ENTRIES = {r"r_{k}": parse_typed(r"u_k - v_k", VECTORS)}

DECLARED = r"Let $u \in \mathbb{R}^n$ and $v \in \mathbb{R}^n$ be vectors, indexed from 0 as in NumPy." + "\n\n"


def _doc(*steps: str) -> str:
    return DECLARED + "\n\n".join(f"$$ {s} $$" for s in steps) + "\n"


def test_the_reasons_that_call_for_a_second_reading() -> None:
    assert next_reading(r"a_{0} with 0 = 0 is out of range 1..5 (with inferred shapes for a)", ()) == "from zero"
    assert next_reading("the sum's first i with i = 0 is out of range 1..", ()) == "from zero"
    assert next_reading("p_{i} with i = 4 is out of range 1..3", ()) is None  # a letter past a shorter name
    assert next_reading("a_{0} with 0 = 0 is out of range 1..5", ("from zero",)) is None  # taken already
    assert next_reading("the index k has no value (with inferred shapes for t)", ("from zero",)) == "entries"
    assert next_reading("the index k has no value", ("entries",)) is None


def test_a_world_read_from_zero_moves_its_labels_with_it() -> None:
    world = World(sizes={}, leaves={}, definitions={}, labels={"y": 3})
    from_zero_world(world)
    assert world.origin == 0 and world.labels == {"y": 2}


@pytest.mark.parametrize(
    ("lhs", "rhs", "status"),
    [
        (r"r_k", r"u_k - v_k", "ok"),  # the definition restated
        (r"\sum_{k=1}^{K} r_k u_k", r"u^T u - v^T u", "ok"),
        (r"r_k", r"u_k + v_k", None),  # wrong twins: never ok, and never wrong from this reading
        (r"\sum_{k=1}^{K} r_k u_k", r"u^T u + v^T u", None),
    ],
)
def test_a_defined_entry_is_read_at_the_steps_index(lhs: str, rhs: str, status: str | None) -> None:
    verdict, why = judge_typed(lhs, rhs, VECTORS, definitions=dict(ENTRIES))
    assert (verdict and verdict["status"]) == status, (verdict, why)
    if status is None:
        assert "the index k has no value" in why  # the first reading's reason is kept


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
