"""``y_o = 1`` beside "y is one-hot" states the entry at one index (the target's), not a value
for every entry of y (doc_definitions.find_definitions): before, Σ_w y_w = 1 was called wrong
(2 ≠ 1 with every y_w = 1)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import find_definitions
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()
ONE_HOT = "Here $y$ is a one-hot vector with $y_o = 1$.\n\n"


def test_a_number_for_one_letter_index_is_no_family_definition() -> None:
    names = {d.name for d in find_definitions(ONE_HOT + "$$p_j = 2 q_j$$\n", NOTATION, markdown=True)}
    assert "y_{o}" not in names and "y_o" not in names
    assert any(n.startswith("p") for n in names)  # a family with a formula stays one


def test_the_one_hot_sum_is_not_refuted_by_its_target_entry(runner: StepRunner) -> None:
    text = ONE_HOT + "$$\\sum_{w} y_w = 1$$\n\n$$\\sum_{w} y_w = 2$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    display = [r.status for r in report.results if r.step.kind == "display"]
    assert display == ["ok", "wrong"]
