r"""A vector's entries written by number fix its length where the document leaves it open
(checks/latex/numbered_entries.py).

``\|x\| = \sqrt{x_1^2 + x_2^2}`` for a vector of the plane was refuted at the judge's own length 4 (a
false alarm from a public hunt's lecture notes on norms). A length the document fixes (v ∈ ℝ^2,
v ∈ ℝ^3) still decides: the norm written with a wrong sign, or with an entry left out, is found.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    return [(s["rhs"].strip(), s["status"]) for s in report.as_dict()["steps"]]


@pytest.mark.parametrize(
    "rhs",
    [r"\sqrt{x_1^2 + x_2^2}", r"\sqrt{x_1^2 + x_2^2 + x_3^2}"],
)
def test_a_norm_written_out_is_not_refuted_at_a_length_the_judge_chose(runner: StepRunner, rhs: str) -> None:
    text = "For a vector $x$ of the plane the Euclidean norm is\n\n$$\\|x\\| = " + rhs + "$$\n"
    [(_, status)] = _statuses(text, runner)
    assert status != "wrong"


def test_a_length_the_document_fixes_decides(runner: StepRunner) -> None:
    text = "Let $v \\in \\mathbb{R}^2$.\n\n$$\\|v\\|^2 = v_1^2 - v_2^2$$\n\n$$\\|v\\|^2 = v_1^2 + v_2^2$$\n"
    assert [s for _, s in _statuses(text, runner)] == ["wrong", "ok"]


def test_an_entry_left_out_of_a_fixed_length_is_found(runner: StepRunner) -> None:
    text = "Let $v \\in \\mathbb{R}^3$.\n\n$$\\|v\\|^2 = v_1^2 + v_2^2$$\n\n$$\\|v\\|^2 = v_1^2 + v_2^2 + v_3^2$$\n"
    assert [s for _, s in _statuses(text, runner)] == ["wrong", "ok"]


def test_the_hold_says_why(runner: StepRunner) -> None:
    text = "For a vector $x = (x_1, x_2)$:\n\n$$\\|x\\|^2 = x_1^2 + x_2^2$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    [step] = [s for s in report.as_dict()["steps"] if s["lhs"].strip() == r"\|x\|^2"]
    assert step["status"] == "inconclusive"
    assert "writes x's entries up to x_2" in step["message"]


@pytest.mark.parametrize("rhs", [r"x_1^2 + 2 x_2^2", r"x_1^2 - x_2^2"])
def test_a_step_wrong_at_the_written_length_is_found(runner: StepRunner, rhs: str) -> None:
    # the judge's draw at length 2 reads the step as written: a difference there is the step's own
    text = "For a vector $x = (x_1, x_2)$:\n\n$$\\|x\\|^2 = " + rhs + "$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    [step] = [s for s in report.as_dict()["steps"] if s["lhs"].strip() == r"\|x\|^2"]
    assert step["status"] == "wrong", step["message"]


def test_forgetting_a_vector_keeps_the_others() -> None:
    from types import SimpleNamespace

    from derive.checks.latex.numbered_entries import forget_numbered, note_numbered_entry

    world = SimpleNamespace(flags={})
    note_numbered_entry(world, "s", "2", (4, 1))
    note_numbered_entry(world, "x", "1", (3, 1))
    forget_numbered(world, {"s", "never_noted"})
    assert world.flags["numbered"] == {"x": (1, 3)}
