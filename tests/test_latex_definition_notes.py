"""A display that defines a name says so (definition_notes.py), and stays inconclusive; a step
that is no definition keeps the judge's own message."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def test_a_definition_is_called_one(runner: StepRunner) -> None:
    text = "$$h_1 = w_1 i_1 + w_2 i_2$$\n\n$$u + v = w + z$$\n"
    first, second = check_text(text, NOTATION, runner=runner, markdown=True).results
    assert first.status == "inconclusive" and first.message.startswith("the document's definition of h_{1}")
    # u + v = w + z defines nothing (no side is a lone new name): the judge's reason stands
    assert second.status == "inconclusive" and "different symbols" in second.message
