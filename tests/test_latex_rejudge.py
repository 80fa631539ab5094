"""Steps judged again with definitions the caller chooses (checks/latex/rejudge.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, judge_step
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.steps import Step

NOTATION = load_notation()


class _NoRunner:
    def run_all(self, jobs: list) -> list:
        raise AssertionError("no job to run, so the runner is not asked")


def test_nothing_to_judge_asks_no_worker() -> None:
    assert Rejudge(_NoRunner(), NOTATION, 0, 30, judge_step).run([]) == []


def test_each_step_is_judged_with_the_definitions_given(runner: StepRunner) -> None:
    again = Rejudge(runner, NOTATION, 0, 30, judge_step)
    right = Step(1, r"\sigma(-x)", r"1 - \sigma(x)", "=", "display")
    wrong = Step(2, r"\sigma(-x)", r"1 + \sigma(x)", "=", "display")
    outs = again.run([(right, ({}, {})), (wrong, ({}, {}))])
    assert [o["status"] for o in outs] == ["ok", "wrong"]
