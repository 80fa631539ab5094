r"""Conditions stated before a formula (checks/latex/clauses.py): the sixteenth hunt's Chinese
book writes "若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则" and the block δ_lj = 0; "then"
says the clause is the block's condition, not a trailing one of the formula before it."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the book's case split, conditions in prose before each claim, the last block on its own lines
        ("> 若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则 \n> $$\n> \\delta_{lj}=0\n> $$\n", "ok"),
        ("If $l=j$, then $\\delta_{lj}=1$; if $l\\ne j$, then\n$$\n\\delta_{lj}=0\n$$\n", "ok"),
        # the wrong twins: the value of the other case
        ("> 若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则 \n> $$\n> \\delta_{lj}=1\n> $$\n", "wrong"),
        ("If $l=j$, then $\\delta_{lj}=1$; if $l\\ne j$, then\n$$\n\\delta_{lj}=1\n$$\n", "wrong"),
    ],
)
def test_if_then_states_the_condition_of_what_follows(text: str, status: str, runner: StepRunner) -> None:
    """ "…; if $l \\ne j$, then" before a block: the condition is the block's (the "then" says so),
    not a trailing condition of the formula before it."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
